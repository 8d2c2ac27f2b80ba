import { getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * What the list queries share. Keyset pagination cursors: an opaque base64url string of `[sortValue, id]`
 * of the last row of the page. A cursor is user input: everything in it is checked before it reaches SQL.
 */

/** A bad value in a query's input that the schema could not see (e.g. a forged cursor). */
export class QueryInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryInputError';
  }
}

export type CursorValue = string | number;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT_MAX = 2 ** 31 - 1;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/** A real calendar day (Date.parse would roll 30 February over into March). */
function isCalendarDay(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isTimestamp = (value: string) => {
  const match = TIMESTAMP.exec(value);
  return match !== null && isCalendarDay(match[1] ?? '');
};

export function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

/** What the sort value of a cursor must look like for one sort order. */
export type CursorKind = 'text' | 'int' | 'date' | 'timestamp';

const malformed = (reason: string) => new QueryInputError('cursor', `Malformed cursor: ${reason}`);

function checkValue(kind: CursorKind, value: unknown): CursorValue {
  switch (kind) {
    case 'text':
      // PostgreSQL text cannot hold NUL.
      if (typeof value === 'string' && !value.includes('\u0000')) return value;
      break;
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= INT_MAX) return value;
      break;
    case 'date':
      if (typeof value === 'string' && isCalendarDay(value)) return value;
      break;
    case 'timestamp':
      if (typeof value === 'string' && isTimestamp(value)) return value;
      break;
  }
  throw malformed(`the sort value does not fit this sort order (${kind} expected)`);
}

/** Decodes a cursor made by `encodeCursor`; throws `QueryInputError` on anything else. */
export function decodeCursor<K extends CursorKind>(
  cursor: string,
  kind: K,
): { value: K extends 'int' ? number : string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed('not a cursor returned by this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw malformed('not a cursor returned by this API');
  const [value, id] = parsed as unknown[];
  if (typeof id !== 'string' || !UUID.test(id)) throw malformed('bad row id');
  return { value: checkValue(kind, value) as K extends 'int' ? number : string, id };
}

/** Splits the `limit + 1` rows a keyset query fetched into the page and the cursor of the next one. */
export function pageOf<T>(
  fetched: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { rows: T[]; nextCursor: string | null } {
  if (fetched.length <= limit) return { rows: fetched, nextCursor: null };
  const rows = fetched.slice(0, limit);
  const last = rows.at(-1);
  return { rows, nextCursor: last === undefined ? null : cursorOf(last) };
}

/** A case-insensitive LIKE pattern for the raw query text (`%`, `_`, `\` literal), beside `likePattern`. */
export function rawLikePattern(query: string): string {
  return `%${query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A column with its table name. In a select list drizzle leaves a single table's columns bare (`"id"`),
 * which inside a correlated subquery would bind to the subquery's own tables.
 */
export const qualified = (column: AnyPgColumn) =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
