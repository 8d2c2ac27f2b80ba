import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { createContext } from '../context.ts';
import { appRouter } from '../router.ts';
import { type Fixtures, insertFixtures } from './fixtures.ts';

export type TestApi = {
  database: Database;
  fixtures: Fixtures;
  caller: ReturnType<typeof appRouter.createCaller>;
};

/** A fresh database (PGlite, or TEST_DATABASE_URL) with the fixtures, and an anonymous caller on it. */
export async function createTestApi(): Promise<TestApi> {
  const database = await createTestDatabase();
  const fixtures = await insertFixtures(database.db);
  const caller = appRouter.createCaller(createContext({ db: database.db, user: null }));
  return { database, fixtures, caller };
}

/** The call fails as bad input (400), and the message names the field. */
export async function expectBadRequest(call: Promise<unknown>, field: string): Promise<void> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  if (!(error instanceof TRPCError)) return;
  expect(error.code).toBe('BAD_REQUEST');
  expect(error.message).toContain(`${field}:`);
}

export async function expectNotFound(call: Promise<unknown>): Promise<void> {
  await expect(call).rejects.toMatchObject({ code: 'NOT_FOUND' });
}
