import { createFileRoute } from '@tanstack/react-router';
import { sanitizeListSearch } from './-detail/list-search.ts';
import { ProjectPage } from './-detail/page.tsx';

// The list the page was opened from travels in the search params (the URL of /projects).
export const Route = createFileRoute('/projects/$id')({
  validateSearch: (search: Record<string, unknown>) => sanitizeListSearch(search).value,
  component: ProjectPage,
});
