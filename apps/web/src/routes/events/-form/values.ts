import type { EventValuesInput } from '@srt/shared/event';

/** What the event form edits: the shared schema's input (the same object the write procedures take). */
export type EventFormValues = EventValuesInput;

/**
 * A new event with every field present (react-hook-form compares against these for "unsaved changes").
 * Type and date start empty: the schema asks for them rather than a guess being saved.
 */
export const EMPTY_EVENT = {
  title: '',
  titleOriginal: null,
  titleLanguage: null,
  datePrecision: 'day',
  placeName: null,
  country: null,
  lat: null,
  lon: null,
  description: null,
  projectIds: [],
  organizationIds: [],
  sources: [],
} satisfies Partial<EventFormValues>;

/** A new event opened from a project ("New event" there): linked to that project from the start. */
export function newEventValues(projectId?: string): Partial<EventFormValues> {
  return { ...EMPTY_EVENT, projectIds: projectId ? [projectId] : [] };
}

/** A stored record's values with every form field present. */
export const eventFormValuesOf = (values: Partial<EventFormValues>): Partial<EventFormValues> => ({
  ...EMPTY_EVENT,
  ...values,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id from a search param (JSON-parsed: anything can arrive), or undefined. */
export const idParam = (value: unknown): string | undefined =>
  typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;

export type NewEventSearch = { projectId?: string };

/** `/events/new?projectId=…`: the project to link from the start; anything else is dropped. */
export function newEventSearch(search: Record<string, unknown>): NewEventSearch {
  const projectId = idParam(search.projectId);
  return projectId ? { projectId } : {};
}
