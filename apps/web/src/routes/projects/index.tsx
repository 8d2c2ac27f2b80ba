import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { ProjectsPage } from './-page.tsx';
import { projectsQueries } from './-queries.ts';
import { sanitizeProjectsSearch } from './-search.ts';

export const Route = createFileRoute('/projects/')({
  validateSearch: searchValidator(sanitizeProjectsSearch),
  loaderDeps: ({ search }) => search,
  // Start the table's and the totals' queries without waiting for them (nor for the page's code): the
  // page shows its skeletons at once and the data arrives in parallel. The filter panel's counts are
  // asked for by the page once these are in (see -page.tsx).
  loader: ({ context: { queryClient }, deps }) => {
    const queries = projectsQueries(deps);
    void queryClient.prefetchInfiniteQuery(queries.list);
    void queryClient.prefetchQuery(queries.summary);
  },
  component: ProjectsPage,
});
