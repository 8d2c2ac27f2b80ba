/**
 * Who may call what, generated from the router itself: every procedure must have an entry in ACCESS
 * (a new procedure without one fails here), and each one is called as anonymous, viewer, editor and
 * admin. A call "gets through" when it succeeds or fails for a reason other than authorisation (bad
 * input, not found): the role checks run before the input is even read.
 */
import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import { type AnyTRPCProcedure, TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../router.ts';
import { callerAs, type Who } from '../test/callers.ts';

/**
 * - open: anyone, even with PUBLIC_READ off (only to tell a page whether it is signed in);
 * - public: reads — anyone while PUBLIC_READ is on, else signed-in users;
 * - viewer: any signed-in user; editor: editors and admins; admin: admins only.
 */
type Level = 'open' | 'public' | 'viewer' | 'editor' | 'admin';

const ACCESS: Record<string, Level> = {
  'project.list': 'public',
  'project.facets': 'public',
  'project.byId': 'public',
  'project.neighbors': 'public',
  'project.forEdit': 'editor',
  'project.create': 'editor',
  'project.update': 'editor',
  'project.delete': 'editor',
  'project.restore': 'editor',
  'event.list': 'public',
  'event.byId': 'public',
  'event.forEdit': 'editor',
  'event.create': 'editor',
  'event.update': 'editor',
  'event.delete': 'editor',
  'event.restore': 'editor',
  'funding.list': 'public',
  'funding.forEdit': 'editor',
  'funding.create': 'editor',
  'funding.update': 'editor',
  'funding.delete': 'editor',
  'funding.restore': 'editor',
  'organization.list': 'public',
  'organization.forEdit': 'editor',
  'organization.create': 'editor',
  'organization.update': 'editor',
  'organization.delete': 'editor',
  'organization.restore': 'editor',
  'source.list': 'public',
  'source.forEdit': 'editor',
  'source.create': 'editor',
  'source.update': 'editor',
  'source.delete': 'editor',
  'source.restore': 'editor',
  'source.link': 'editor',
  'source.unlink': 'editor',
  'stats.summary': 'public',
  'map.summary': 'public',
  'map.points': 'public',
  'map.pin': 'public',
  'map.panel': 'public',
  'reference.codes': 'public',
  'brief.country': 'public',
  'importer.limits': 'editor',
  'importer.runs': 'editor',
  'importer.run': 'editor',
  'importer.commit': 'editor',
  'user.me': 'open',
  'user.list': 'admin',
  'user.setRole': 'admin',
  'user.setDisabled': 'admin',
  'audit.history': 'public',
  'audit.changes': 'public',
  'rate.list': 'public',
  'rate.missing': 'public',
  'rate.convert': 'public',
  'rate.upsert': 'admin',
};

// At run time `_def.procedures` is flat: `'project.update' → procedure`.
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

const RANK = { viewer: 1, editor: 2, admin: 3 } as const;

/** The error code a caller must get, or null when the call must get through the role checks. */
function expected(level: Level, who: Who, publicRead: boolean): 'UNAUTHORIZED' | 'FORBIDDEN' | null {
  if (level === 'open') return null;
  if (level === 'public') return who === 'anonymous' && !publicRead ? 'UNAUTHORIZED' : null;
  if (who === 'anonymous') return 'UNAUTHORIZED';
  return RANK[who] >= RANK[level] ? null : 'FORBIDDEN';
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Calls `path` with an empty input; the code it fails with, or null when it got through. */
async function outcome(path: string, who: Who, publicRead: boolean): Promise<string | null> {
  const caller = callerAs(database.db, who, { publicRead });
  const call = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await call({});
    return 'OK';
  } catch (error) {
    expect(error, `${path} as ${who}`).toBeInstanceOf(TRPCError);
    return (error as TRPCError).code;
  }
}

describe('authorisation matrix', () => {
  it('has an access level for every procedure in the router, and none for procedures that are gone', () => {
    const paths = procedures.map((p) => p.path).sort();
    expect(
      paths.filter((path) => !(path in ACCESS)),
      'procedures without an ACCESS entry',
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((path) => !paths.includes(path)),
      'ACCESS entries without a procedure',
    ).toEqual([]);
  });

  it('lets only editors and admins call any mutation', () => {
    const open = procedures.filter(
      (p) => p.type !== 'query' && !['editor', 'admin'].includes(ACCESS[p.path] ?? ''),
    );
    expect(open.map((p) => p.path)).toEqual([]);
  });

  for (const { path, type } of procedures) {
    const level = ACCESS[path] ?? 'open';
    it(`${path} (${type}, ${level})`, async () => {
      for (const publicRead of [true, false]) {
        for (const who of ['anonymous', 'viewer', 'editor', 'admin'] as const) {
          const code = await outcome(path, who, publicRead);
          const want = expected(level, who, publicRead);
          const label = `${path} as ${who}${publicRead ? '' : ' (PUBLIC_READ off)'}: ${code}`;
          if (want) expect(code, label).toBe(want);
          else expect(['UNAUTHORIZED', 'FORBIDDEN'], label).not.toContain(code);
        }
      }
    });
  }
});
