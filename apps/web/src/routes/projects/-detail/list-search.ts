import { type ProjectsSearch, sortOf } from '../-search.ts';

/**
 * A project page carries the list it was opened from in its search params — the URL of /projects (the
 * shared filter, `sort`, `dir`), validated by the list's own `sanitizeProjectsSearch` — so previous/next
 * walk that list and "back to the list" returns to it.
 */
export type ListSearch = ProjectsSearch;

/** The input of `project.neighbors` for the list in the URL, around project `id`. */
export function neighborsInput(search: ListSearch, id: string) {
  const { sort: _sort, dir: _dir, ...filter } = search;
  const { sort, direction } = sortOf(search);
  return { filter, sort, direction, id };
}
