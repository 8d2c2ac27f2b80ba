import type { ProjectFilter } from '@srt/shared/filter';
import type { ProjectListInput } from '@srt/shared/project';
import { type DroppedParam, type Sanitized, sanitizeFilter, showValue } from '../../../filter/search.ts';

type ProjectSort = NonNullable<ProjectListInput['sort']>;
type SortDirection = NonNullable<ProjectListInput['direction']>;

/** `project.list`'s sorts (listed, not imported from the schemas, so the page need not load them). */
const SORTS = ['title', 'startYear', 'updatedAt', 'quality'] as const satisfies readonly ProjectSort[];
const isSort = (value: unknown): value is ProjectSort => SORTS.some((s) => s === value);
const DEFAULT_SORT: ProjectSort = 'title';

/**
 * The search params a project page carries: the list it was opened from — the shared filter with the
 * list's `sort` and `dir` (the URL of /projects) — so previous/next walk that list and "back to the list"
 * returns to it. Default sort and direction are left out, as /projects leaves them out.
 */
export type ListSearch = ProjectFilter & { sort?: ProjectSort; dir?: SortDirection };

export function sanitizeListSearch(search: Record<string, unknown>): Sanitized<ListSearch> {
  const { value, dropped } = sanitizeFilter(search);
  const result: ListSearch = { ...value };
  const more: DroppedParam[] = [];
  if (search.sort !== undefined) {
    if (isSort(search.sort)) {
      if (search.sort !== DEFAULT_SORT) result.sort = search.sort;
    } else more.push({ param: 'sort', value: showValue(search.sort), reason: 'invalid' });
  }
  if (search.dir !== undefined) {
    if (search.dir === 'desc') result.dir = 'desc';
    else if (search.dir !== 'asc')
      more.push({ param: 'dir', value: showValue(search.dir), reason: 'invalid' });
  }
  return { value: result, dropped: [...dropped, ...more] };
}

/** The input of `project.neighbors` for the list in the URL, around project `id`. */
export function neighborsInput(search: ListSearch, id: string) {
  const { sort, dir, ...filter } = search;
  return { filter, sort: sort ?? DEFAULT_SORT, direction: dir ?? 'asc', id };
}
