import type { Db } from '@srt/db/client';

/** The signed-in user; sign-in arrives with the auth work, until then every caller is anonymous. */
export type User = { id: string; role: 'viewer' | 'editor' | 'admin' };

/** What every procedure sees. A pure function of its inputs, so tests build one directly. */
export function createContext({ db, user }: { db: Db; user: User | null }) {
  return { db, user };
}

export type Context = ReturnType<typeof createContext>;
