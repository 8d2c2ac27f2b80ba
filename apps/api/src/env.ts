import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, whatever directory the server was started from (`pnpm --filter` runs in apps/api). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(REPO_ROOT, path));

// Unset and empty are the same thing: `FOO= pnpm start` should not fail on an empty string.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const envSchema = z.object({
  PORT: optional(z.coerce.number().int().min(0).max(65_535)).transform((v) => v ?? 3000),
  HOST: optional(z.string()).transform((v) => v ?? '0.0.0.0'),
  /** `postgres://…`: use that server; unset: the embedded PGlite database in PGLITE_DIR. */
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'Expected a postgres:// URL')),
  PGLITE_DIR: optional(z.string()).transform((v) => fromRoot(v ?? './data/pglite')),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform(
    (v) => v ?? 'info',
  ),
  /** true: anyone may read; false: reading needs a signed-in user (enforced once sign-in exists). */
  PUBLIC_READ: optional(flag).transform((v) => v ?? true),
  /** An online tile layer for the map, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`; unset: offline. */
  TILE_URL: optional(z.string().regex(/^https?:\/\/\S+$/, 'Expected an http(s) URL template')),
  /** The built web app. */
  WEB_DIST: optional(z.string()).transform((v) => fromRoot(v ?? './apps/web/dist')),
});

export type Env = z.output<typeof envSchema>;

/** Validates a set of variables; throws one error that lists every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** The process's configuration. The only place that reads `process.env`. */
export const loadEnv = (): Env => parseEnv(process.env);
