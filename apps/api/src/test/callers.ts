import type { Database, Db } from '@srt/db/client';
import type { Role } from '@srt/shared/auth';
import { getTRPCErrorShape, TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { createContext, type User } from '../context.ts';
import { appRouter } from '../router.ts';

export type Who = 'anonymous' | Role;

/** One user per role (ids as the auth tables would give them; audit entries name them). */
export const USERS: Record<Role, User> = {
  viewer: { id: 'user-viewer', email: 'viewer@example.org', name: 'Viewer', role: 'viewer' },
  editor: { id: 'user-editor', email: 'editor@example.org', name: 'Editor', role: 'editor' },
  admin: { id: 'user-admin', email: 'admin@example.org', name: 'Admin', role: 'admin' },
};

export const userOf = (who: Who): User | null => (who === 'anonymous' ? null : USERS[who]);

export const callerAs = (db: Db, who: Who | User, options: { publicRead?: boolean } = {}) =>
  appRouter.createCaller(
    createContext({ db, user: typeof who === 'string' ? userOf(who) : who, publicRead: options.publicRead }),
  );

/**
 * What a client receives for a failed call: the error shape our error formatter makes (`data.code`,
 * `data.fields`, `data.current`), as the HTTP adapter would send it.
 */
export function shapeOf(error: unknown, path = 'test') {
  expect(error).toBeInstanceOf(TRPCError);
  const shape = getTRPCErrorShape({
    config: appRouter._def._config,
    error: error as TRPCError,
    type: 'mutation',
    path,
    input: undefined,
    ctx: undefined,
  });
  return shape as typeof shape & {
    data: { code: string; fields: Record<string, string[]> | null; current?: unknown };
  };
}

/** The error a call fails with (the test fails when it succeeds). */
export async function failureOf(call: Promise<unknown>): Promise<TRPCError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected the call to fail; it returned ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TRPCError);
  return outcome.error as TRPCError;
}

/** The call fails with BAD_REQUEST and `data.fields` names exactly these fields. */
export async function expectFields(
  call: Promise<unknown>,
  fields: string[],
): Promise<Record<string, string[]>> {
  const error = await failureOf(call);
  const shape = shapeOf(error);
  expect(shape.data.code, error.message).toBe('BAD_REQUEST');
  expect(Object.keys(shape.data.fields ?? {}).sort()).toEqual([...fields].sort());
  return shape.data.fields ?? {};
}

/** Plain SQL through the driver (the API package does not depend on drizzle-orm). */
export async function query<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  const { client } = database.driver;
  const result = await (
    client as { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> }
  ).query(text, params);
  return result.rows as T[];
}

export type AuditRow = {
  id: number;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
};

/** The audit entries of one record, oldest first. */
export const auditOf = (database: Database, entityId: string) =>
  query<AuditRow>(
    database,
    'select id, actor, entity, entity_id, action, before, after from audit_entries where entity_id = $1 order by id',
    [entityId],
  );
