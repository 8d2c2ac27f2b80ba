/**
 * Columns derived from a record's own fields, computed the same way by every write path (import, forms,
 * seed): the normalised search text of projects and events, and the name key organisations are matched by.
 */
import { normalizeSearchText, searchTextOf } from '@srt/shared/search';

type ProjectText = {
  title: string;
  titleOriginal?: string | null;
  iatiIdentifier?: string | null;
  externalRef?: string | null;
  description?: string | null;
};

/** `projects.search_text`: titles, identifiers and description. */
export const projectSearchText = (p: ProjectText): string =>
  searchTextOf(p.title, p.titleOriginal, p.iatiIdentifier, p.externalRef, p.description);

type EventText = {
  title: string;
  titleOriginal?: string | null;
  placeName?: string | null;
  description?: string | null;
};

/** `events.search_text`: titles, place and description. */
export const eventSearchText = (e: EventText): string =>
  searchTextOf(e.title, e.titleOriginal, e.placeName, e.description);

/** `organizations.name_key`: how imports (and the forms' duplicate check) match an organisation by name. */
export const organizationNameKey = (name: string): string => normalizeSearchText(name);
