/**
 * Pure helpers of the import page: where a reason points in the file, filtering and paging the report's
 * lists, the commit's progress, and the API's timestamps.
 */

export type FileLocation = { line?: number; row?: number; column?: string };
export type Issue = {
  recordKey?: string;
  at?: FileLocation;
  severity: 'error' | 'warning';
  field?: string;
  message: string;
};

export type IssueFilter = { severity: 'all' | 'error' | 'warning'; text: string };

/** Issues of the chosen severity whose key, field or reason contains the text (case-insensitive). */
export function filterIssues<T extends Issue>(issues: readonly T[], filter: IssueFilter): T[] {
  const text = filter.text.trim().toLocaleLowerCase();
  return issues.filter(
    (issue) =>
      (filter.severity === 'all' || issue.severity === filter.severity) &&
      (text === '' ||
        [issue.recordKey, issue.field, issue.message, issue.at?.column].some((value) =>
          value?.toLocaleLowerCase().includes(text),
        )),
  );
}

/** Page `page` (1-based) of `size` items; a page past the end gives the last one. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: items.slice((current - 1) * size, current * size), page: current, pages };
}

/** The share done, 0–100; a run with nothing to count is done when it says so. */
export function progressPercent(processed: number, total: number, done: boolean): number {
  if (done) return 100;
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((processed / total) * 100));
}

/**
 * A PostgreSQL timestamp as the API sends it (`2026-11-28 08:17:45.123456+00`) as a Date; null when it is
 * not one.
 */
export function parseTimestamp(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(value);
  if (!match) return null;
  const fraction = (match[3] ?? '').slice(0, 4);
  let zone = match[4] ?? 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${match[1]}T${match[2]}${fraction}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `a1b2c3d4…` — enough of a SHA-256 to tell two files apart at a glance. */
export const shortHash = (hash: string) => (hash.length > 12 ? `${hash.slice(0, 12)}…` : hash);

/** A file size in the unit that reads best: bytes below 1 KB, KB below 1 MB, else MB (one decimal). */
export function sizeParts(bytes: number): { unit: 'bytes' | 'kb' | 'mb'; value: number } {
  if (bytes < 1024) return { unit: 'bytes', value: bytes };
  if (bytes < 1024 * 1024) return { unit: 'kb', value: Math.round((bytes / 1024) * 10) / 10 };
  return { unit: 'mb', value: Math.round((bytes / 1024 / 1024) * 10) / 10 };
}

/** Who ran an import: the user's name, or what the process that ran it was. */
export function actorParts(
  actor: string,
  name: string | null,
): { kind: 'user' | 'seed' | 'cli'; name: string } {
  if (name) return { kind: 'user', name };
  if (actor === 'seed') return { kind: 'seed', name: '' };
  if (actor.startsWith('cli:')) return { kind: 'cli', name: actor.slice(4) };
  return { kind: 'user', name: actor };
}
