import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Env } from '../env.ts';

/** Where the generated secret is kept: the data directory, beside PGlite's own (`./data/auth-secret`). */
export const authSecretPath = (pgliteDir: string) => join(dirname(pgliteDir), 'auth-secret');

/**
 * `AUTH_SECRET` when set; otherwise the secret generated on the first start into the data directory
 * (readable by the owner only) and read back on every later start, so sessions survive a restart.
 */
export function resolveAuthSecret(env: Pick<Env, 'AUTH_SECRET' | 'PGLITE_DIR'>): {
  secret: string;
  source: 'env' | 'file' | 'generated';
  path?: string;
} {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET, source: 'env' };
  const path = authSecretPath(env.PGLITE_DIR);
  try {
    const secret = readFileSync(path, 'utf8').trim();
    if (secret.length >= 32) return { secret, source: 'file', path };
    throw new Error(`${path} holds fewer than 32 characters: delete it to have a new secret made`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // `wx`: two processes starting at once must not overwrite each other's secret.
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveAuthSecret(env);
    throw error;
  }
  chmodSync(path, 0o600);
  return { secret, source: 'generated', path };
}
