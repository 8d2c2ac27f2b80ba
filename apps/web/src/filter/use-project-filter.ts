import type { ProjectFilter } from '@srt/shared/filter';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { sanitizeFilter, withFilter } from './search.ts';

type FilterUpdate = ProjectFilter | ((current: ProjectFilter) => ProjectFilter);

/**
 * The shared project filter of the current URL, for any route whose `validateSearch` includes the
 * filter fields (`searchValidator(sanitizeFilter)`, see dropped.ts and search.ts). Changing it navigates (a new history entry), so the URL is always the
 * state: shareable, and back/forward step through filter changes.
 *
 * ```tsx
 * const { filter, setFilter, patchFilter, clearFilter } = useProjectFilter();
 * useQuery(trpc.stats.summary.queryOptions(filter));
 * patchFilter({ countries: ['TJ'] });
 * ```
 */
export function useProjectFilter() {
  const search: Record<string, unknown> = useSearch({ strict: false });
  const filter = useMemo(() => sanitizeFilter(search).value, [search]);
  const navigate = useNavigate();

  const setFilter = useCallback(
    (update: FilterUpdate) =>
      navigate({
        to: '.',
        search: (prev: Record<string, unknown>) =>
          withFilter(prev, typeof update === 'function' ? update(sanitizeFilter(prev).value) : update),
      }),
    [navigate],
  );
  const patchFilter = useCallback(
    (patch: Partial<ProjectFilter>) => setFilter((current) => ({ ...current, ...patch })),
    [setFilter],
  );
  const clearFilter = useCallback(() => setFilter({}), [setFilter]);

  return { filter, setFilter, patchFilter, clearFilter };
}
