import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { ChangesPage } from './-page.tsx';
import { sanitizeChangesSearch } from './-search.ts';

export const Route = createFileRoute('/changes/')({
  validateSearch: searchValidator(sanitizeChangesSearch),
  component: ChangesPage,
});
