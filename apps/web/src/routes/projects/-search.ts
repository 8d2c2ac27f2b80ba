import type { ProjectFilter } from '@srt/shared/filter';
import type { ProjectListInput } from '@srt/shared/project';
import { type DroppedParam, type Sanitized, sanitizeFilter, showValue } from '../../filter/search.ts';

export type ProjectSort = NonNullable<ProjectListInput['sort']>;
export type SortDirection = NonNullable<ProjectListInput['direction']>;

/**
 * The sorts of `project.list` the table offers (the API's PROJECT_SORTS; listed here so the browser need
 * not load the project schemas).
 */
export const SORTS = [
  'title',
  'startYear',
  'quality',
  'updatedAt',
  'committed',
  'disbursed',
] as const satisfies readonly ProjectSort[];
const isSort = (value: unknown): value is ProjectSort => SORTS.some((s) => s === value);

export const DEFAULT_SORT: ProjectSort = 'title';

/** The URL of /projects: the shared filter, plus `sort` and `dir` (left out when they are the default). */
export type ProjectsSearch = ProjectFilter & { sort?: ProjectSort; dir?: SortDirection };

export function sanitizeProjectsSearch(search: Record<string, unknown>): Sanitized<ProjectsSearch> {
  const { value, dropped } = sanitizeFilter(search);
  const result: ProjectsSearch = { ...value };
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

/** The sort the table shows, and what a click on a column header asks for next. */
export function sortOf(search: ProjectsSearch): { sort: ProjectSort; direction: SortDirection } {
  return { sort: search.sort ?? DEFAULT_SORT, direction: search.dir ?? 'asc' };
}

/** Clicking the sorted column flips its direction; another column starts ascending (years and quality: descending). */
export function nextSort(
  current: { sort: ProjectSort; direction: SortDirection },
  column: ProjectSort,
): Pick<ProjectsSearch, 'sort' | 'dir'> {
  const direction: SortDirection =
    current.sort === column
      ? current.direction === 'asc'
        ? 'desc'
        : 'asc'
      : column === 'title'
        ? 'asc'
        : 'desc';
  return {
    sort: column === DEFAULT_SORT ? undefined : column,
    dir: direction === 'asc' ? undefined : direction,
  };
}
