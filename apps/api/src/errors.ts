/** Where a bad value sits in the input → what is wrong with it. */
export type FieldErrors = Record<string, string[]>;

/** `field: reason; reason; other: reason` — the message of a 400. */
export const describeFieldErrors = (fields: FieldErrors): string =>
  Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join('; ');

/** PostgreSQL "data exception" (SQLSTATE class 22): a value the database refused, e.g. a NUL in a text. */
export function isDataException(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e !== 'object') return false;
    if ('code' in e && typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}
