import type { ProjectValuesInput } from '@srt/shared/project';
import type { LocationValue } from '../../../forms/location-picker.tsx';

/**
 * What the project form edits: the shared schema's input (the same object the write procedures take), each
 * location with the editor's confirmation of a point outside its country (the schema drops it on parse).
 */
export type ProjectFormValues = Omit<ProjectValuesInput, 'locations'> & { locations?: LocationValue[] };

/** A new project: every field present (react-hook-form compares against these for "unsaved changes"). */
export const EMPTY_PROJECT: ProjectFormValues = {
  title: '',
  titleOriginal: null,
  titleLanguage: null,
  description: null,
  status: null,
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  countries: [],
  sectors: [],
  initiatives: [],
  participants: [],
  locations: [],
  sources: [],
};

/** A stored record's values with every form field present (a record saved before a field existed lacks it). */
export const formValuesOf = (values: Partial<ProjectFormValues>): ProjectFormValues => ({
  ...EMPTY_PROJECT,
  ...values,
});

export type PercentTotal = {
  /** Whether any row has a percentage (the rule applies only then). */
  given: boolean;
  total: number;
  /** The shared rule: no percentages at all, or they add up to 100 (to 0.01). */
  ok: boolean;
};

/** The running total of a list's percentages, as the shared schema checks it. */
export function percentTotal(
  rows: readonly { percentage?: number | string | null | undefined }[],
): PercentTotal {
  const given = rows
    .map((r) => (typeof r.percentage === 'string' ? Number(r.percentage) : r.percentage))
    .filter((p): p is number => typeof p === 'number' && Number.isFinite(p));
  const total = Math.round(given.reduce((sum, p) => sum + p, 0) * 100) / 100;
  return { given: given.length > 0, total, ok: given.length === 0 || Math.abs(total - 100) < 0.01 };
}

/** A Mantine NumberInput's value ('' when cleared) as the form keeps it. */
export const numberOrNull = (value: number | string): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : value === '' ? null : Number(value);

type Confirmable = {
  country?: string | null;
  lat?: number | null;
  lon?: number | null;
  outsideConfirmed?: boolean;
};

const pointKey = (l: Confirmable) => `${l.country}|${l.lat}|${l.lon}`;

/** Locations without the editor's confirmations (what the server stores, for comparing versions). */
export const withoutConfirmations = <L extends Confirmable>(locations: readonly L[] | undefined): L[] =>
  (locations ?? []).map(({ outsideConfirmed: _, ...rest }) => rest as L);

/** Confirms again the points that were confirmed in `from` (same country and point) after a merge. */
export function keepConfirmations<L extends Confirmable>(
  locations: readonly L[] | undefined,
  from: readonly L[] | undefined,
): L[] {
  const confirmed = new Set((from ?? []).filter((l) => l.outsideConfirmed).map(pointKey));
  return (locations ?? []).map((l) => (confirmed.has(pointKey(l)) ? { ...l, outsideConfirmed: true } : l));
}
