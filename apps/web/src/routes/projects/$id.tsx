import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { ProjectPage } from './-detail/page.tsx';
import { sanitizeProjectsSearch } from './-search.ts';

// The list the page was opened from travels in the search params: the URL of /projects, same validation.
export const Route = createFileRoute('/projects/$id')({
  validateSearch: searchValidator(sanitizeProjectsSearch),
  component: ProjectPage,
});
