/**
 * Thrown by an update, delete or restore that names a version other than the stored one. The API
 * turns it into CONFLICT with `data.current` (the record as it is now, in its form's shape), so the
 * caller can show both sides: never a silent lost update.
 */
export class ConflictError extends Error {
  constructor(
    readonly entity: string,
    readonly current: unknown,
  ) {
    super(`The ${entity} was changed by someone else since you opened it`);
    this.name = 'ConflictError';
  }
}
