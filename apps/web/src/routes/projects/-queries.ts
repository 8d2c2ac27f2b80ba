import { infiniteQueryOptions } from '@tanstack/react-query';
import { sanitizeFilter } from '../../filter/search.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { type ProjectsSearch, sortOf } from './-search.ts';

export const PAGE_SIZE = 50;

/**
 * The three queries of /projects for one URL search: the route's loader starts the list and the summary
 * (in parallel with loading the page's code) and the page reads the same ones, so they are never fetched
 * twice; the page asks for the facets once those two are in.
 */
export function projectsQueries(search: ProjectsSearch) {
  const filter = sanitizeFilter(search).value;
  const sort = sortOf(search);
  const listInput = { filter, sort: sort.sort, direction: sort.direction, limit: PAGE_SIZE };
  return {
    filter,
    sort,
    // Not `trpc.project.list.infiniteQueryOptions`: tRPC's infinite queries put their own `direction`
    // ("forward") into the input, which collides with the list's sort direction. tRPC's infinite key also
    // drops `direction` (and `cursor`) from the input, so the sort direction is added to the key here:
    // without it, ascending and descending shared one cache entry and a direction change showed stale rows.
    // The key starts with tRPC's own, so invalidating `project.list` still reaches it.
    list: infiniteQueryOptions({
      queryKey: [
        ...trpc.project.list.infiniteQueryKey(listInput),
        { sortDirection: sort.direction },
      ] as const,
      queryFn: ({ pageParam, signal }) =>
        trpcClient.project.list.query({ ...listInput, cursor: pageParam }, { signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
    }),
    summary: trpc.stats.summary.queryOptions(filter),
    facets: trpc.project.facets.queryOptions(filter),
  };
}
