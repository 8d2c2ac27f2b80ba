import { createFileRoute } from '@tanstack/react-router';
import { ImportPage } from './-page.tsx';

export type ImportSearch = { run?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Route = createFileRoute('/import/')({
  // The run shown (a dry run to commit, or any past run): the page survives a reload and can be shared.
  validateSearch: (search: Record<string, unknown>): ImportSearch =>
    typeof search.run === 'string' && UUID.test(search.run) ? { run: search.run } : {},
  component: ImportPage,
});
