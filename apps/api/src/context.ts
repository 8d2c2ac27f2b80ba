import type { Db } from '@srt/db/client';
import type { Role } from '@srt/shared/auth';
import type { ImportService } from './import/service.ts';

/** The signed-in user, from the better-auth session (null: anonymous). */
export type User = { id: string; email: string; name: string; role: Role };

/** What every procedure sees. A pure function of its inputs, so tests build one directly. */
export function createContext({
  db,
  user,
  publicRead = true,
  imports,
}: {
  db: Db;
  user: User | null;
  /** `PUBLIC_READ`: true lets anonymous callers read; false makes every read need a signed-in user. */
  publicRead?: boolean;
  /** Uploaded files and their commits (`importer.*`); the server makes one. */
  imports?: ImportService;
}) {
  return { db, user, publicRead, imports };
}

export type Context = ReturnType<typeof createContext>;
