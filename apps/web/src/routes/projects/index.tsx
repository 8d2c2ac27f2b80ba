import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { ProjectsPage } from './-page.tsx';
import { sanitizeProjectsSearch } from './-search.ts';

export const Route = createFileRoute('/projects/')({
  validateSearch: searchValidator(sanitizeProjectsSearch),
  component: ProjectsPage,
});
