/**
 * What every write of a record shares. A write runs in ONE transaction: it claims the record with a
 * version-guarded UPDATE (the row lock also orders concurrent writers), checks the ids it refers to,
 * writes the row and its child rows, and records the audit entry — so a failure anywhere leaves nothing.
 */
import type { Editable, Saved } from '@srt/shared/write';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type AuditAction, writeAudit } from '../audit.ts';
import type { Db } from '../client.ts';
import { ConflictError } from '../conflict.ts';
import { QueryInputError } from '../queries/list.ts';
import type { events, funding, organizations, projects, sources } from '../schema.ts';

export type EntityName = 'project' | 'event' | 'funding' | 'organization' | 'source';

type EditableTable = typeof projects | typeof events | typeof funding | typeof organizations | typeof sources;

/** How a write reads its record back: the form's values, deleted records too; null when there is none. */
export type Loader<V> = (tx: Db, id: string) => Promise<Editable<V> | null>;

export type RecordSpec<V> = { entity: EntityName; table: EditableTable; load: Loader<V> };

/** A bad value the schema could not see (an unknown id, a duplicate): BAD_REQUEST naming the field. */
export const fieldError = (field: string, message: string) => new QueryInputError(field, message);

/** What an audit entry keeps of a record: its form values, its version, and whether it is deleted. */
export const auditSnapshot = <V>(record: Editable<V>) => ({
  ...record.values,
  version: record.version,
  deleted: record.deleted,
});

/**
 * Bumps the version of a record that is at `version` and in the expected state (live, or deleted for a
 * restore), setting who and when, plus `also`. Under PostgreSQL's row lock a second writer from the same
 * version waits, then finds the version moved on and claims nothing. Returns false when nothing matched.
 */
export async function claim(
  tx: Db,
  table: EditableTable,
  target: { id: string; version?: number },
  options: { actor: string; state: 'live' | 'deleted'; also?: SQL },
): Promise<number | null> {
  const versionMatches = target.version === undefined ? sql`true` : sql`version = ${target.version}`;
  const state = options.state === 'live' ? sql`deleted_at is null` : sql`deleted_at is not null`;
  const result = await tx.execute<{ version: number }>(sql`
    update ${table} set version = version + 1, updated_at = now(), updated_by = ${options.actor}${options.also ?? sql``}
    where id = ${target.id} and ${versionMatches} and ${state}
    returning version`);
  const row = result.rows[0];
  return row ? Number(row.version) : null;
}

/** A claim that found nothing: NOT_FOUND (null) when there is no such record, else CONFLICT with it as it is. */
async function refuse<V>(tx: Db, spec: RecordSpec<V>, id: string): Promise<null> {
  const current = await spec.load(tx, id);
  if (!current) return null;
  throw new ConflictError(spec.entity, current);
}

export async function createRecord<V>(
  db: Db,
  spec: RecordSpec<V>,
  actor: string,
  insert: (tx: Db) => Promise<string>,
): Promise<Saved> {
  return db.transaction(async (tx) => {
    const id = await insert(tx);
    const after = await spec.load(tx, id);
    if (!after) throw new Error(`The new ${spec.entity} ${id} cannot be read back`);
    await writeAudit(tx, {
      actor,
      entity: spec.entity,
      entityId: id,
      action: 'create',
      after: auditSnapshot(after),
    });
    return { id, version: after.version };
  });
}

/**
 * Claims the record at `version`, then lets `write` change it (its fields, its child rows) with the
 * stored state in hand, and audits before and after. Null: no such record.
 */
export async function updateRecord<V>(
  db: Db,
  spec: RecordSpec<V>,
  actor: string,
  target: { id: string; version: number },
  write: (tx: Db, before: Editable<V>) => Promise<void>,
): Promise<Saved | null> {
  return db.transaction(async (tx) => {
    const version = await claim(tx, spec.table, target, { actor, state: 'live' });
    if (version === null) return refuse(tx, spec, target.id);
    const stored = await spec.load(tx, target.id);
    if (!stored) throw new Error(`The ${spec.entity} ${target.id} vanished inside its transaction`);
    const before = { ...stored, version: target.version };
    try {
      await write(tx, before);
    } catch (error) {
      // The update's input is `{ id, version, values }`: a field is named where the schema names it.
      if (error instanceof QueryInputError) throw fieldError(`values.${error.field}`, error.message);
      throw error;
    }
    const after = await spec.load(tx, target.id);
    if (!after) throw new Error(`The ${spec.entity} ${target.id} vanished inside its transaction`);
    await writeAudit(tx, {
      actor,
      entity: spec.entity,
      entityId: target.id,
      action: 'update',
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return { id: target.id, version };
  });
}

/**
 * Soft delete (or restore) at `version`: sets (or clears) `deleted_at` and bumps the version. `then`
 * runs inside the transaction afterwards (e.g. the project's quality score when a funding row goes).
 */
export async function setDeleted<V>(
  db: Db,
  spec: RecordSpec<V>,
  actor: string,
  target: { id: string; version: number },
  deleted: boolean,
  then?: (tx: Db, record: Editable<V>) => Promise<void>,
): Promise<Saved | null> {
  return db.transaction(async (tx) => {
    const version = await claim(tx, spec.table, target, {
      actor,
      state: deleted ? 'live' : 'deleted',
      also: deleted ? sql`, deleted_at = now()` : sql`, deleted_at = null`,
    });
    if (version === null) return refuse(tx, spec, target.id);
    const after = await spec.load(tx, target.id);
    if (!after) throw new Error(`The ${spec.entity} ${target.id} vanished inside its transaction`);
    await then?.(tx, after);
    const action: AuditAction = deleted ? 'delete' : 'restore';
    await writeAudit(tx, {
      actor,
      entity: spec.entity,
      entityId: target.id,
      action,
      before: auditSnapshot({ ...after, version: target.version, deleted: !deleted }),
      after: auditSnapshot(after),
    });
    return { id: target.id, version };
  });
}

/** A reference from a form field to another record. */
export type Ref = { field: string; id: string };

/**
 * Every id must name a record that exists and is not deleted — except ids the record already referred to
 * (`kept`): a link made before its target was deleted does not block saving the rest of the form.
 */
export async function checkRefs(
  tx: Db,
  table: PgTable & { id: PgColumn; deletedAt: PgColumn },
  label: string,
  refs: Ref[],
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (refs.length === 0) return;
  const ids = [...new Set(refs.map((r) => r.id))];
  const rows = await tx
    .select({ id: table.id, deletedAt: table.deletedAt })
    .from(table as PgTable)
    .where(inArray(table.id, ids))
    // Held to the end of the transaction: a concurrent delete of a referenced record waits for this write.
    .for('share');
  const found = new Map(rows.map((r) => [String(r.id), r.deletedAt !== null]));
  for (const ref of refs) {
    const deleted = found.get(ref.id);
    if (deleted === undefined) throw fieldError(ref.field, `No such ${label}`);
    if (deleted && !kept.has(ref.id)) throw fieldError(ref.field, `The ${label} was deleted`);
  }
}

/** The first item whose key repeats an earlier one's, as a field error at `path.<index><suffix>`. */
export function refuseDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: string,
  suffix: string,
  message: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) throw fieldError(`${path}.${i}${suffix}`, message);
    seen.add(k);
  });
}

/** PostgreSQL unique_violation on the named constraint (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if ('code' in e && e.code === '23505') {
      return 'constraint' in e && e.constraint === constraint;
    }
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}

/** `null` for an absent optional value (the forms send `undefined`, `null` or nothing). */
export const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
