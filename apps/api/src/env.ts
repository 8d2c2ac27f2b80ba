import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_IMPORT_MAX_MB } from '@srt/shared/import';
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
  /** true: anyone may read; false: reading needs a signed-in user. Writes always need an editor. */
  PUBLIC_READ: optional(flag).transform((v) => v ?? true),
  /**
   * Signs the session cookies; at least 32 characters. Unset: generated once into `auth-secret` beside
   * PGLITE_DIR (mode 0600) and reused. Every API process behind one load balancer needs the same one.
   */
  AUTH_SECRET: optional(z.string().min(32, 'Expected at least 32 characters')),
  /** The address users open, e.g. `https://tracker.example.org`: https here makes the cookies Secure. */
  BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' })).transform((v) =>
    v === undefined ? undefined : new URL(v).origin,
  ),
  /** Other origins (comma-separated) allowed to send state-changing requests, e.g. a separate web host. */
  TRUSTED_ORIGINS: optional(z.string())
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'Expected comma-separated http(s) origins' })))
    .transform((list) => list.map((o) => new URL(o).origin)),
  /** Sign-in attempts allowed per client IP per minute, counted in the database across processes. */
  SIGN_IN_LIMIT: optional(z.coerce.number().int().min(1).max(10_000)).transform((v) => v ?? 10),
  /**
   * Behind a reverse proxy: which `X-Forwarded-For` hops to trust for the client IP (Fastify's
   * `trustProxy`): `true`, a hop count, or comma-separated proxy addresses. Unset: the socket's address.
   */
  TRUST_PROXY: optional(z.string()).transform((v) => {
    if (v === undefined || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    return v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  }),
  /**
   * true: the first start on an empty database loads the demo data set and its demo accounts (fixed,
   * published passwords); false: never (production — accounts come from `pnpm user:create`).
   */
  DEMO_DATA: optional(flag).transform((v) => v ?? true),
  /** An online tile layer for the map, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`; unset: offline. */
  TILE_URL: optional(z.string().regex(/^https?:\/\/\S+$/, 'Expected an http(s) URL template')),
  /** The built web app. */
  WEB_DIST: optional(z.string()).transform((v) => fromRoot(v ?? './apps/web/dist')),
  /** Files uploaded on /import wait here for their commit (removed after it, or a day after the upload). */
  UPLOAD_DIR: optional(z.string()).transform((v) => fromRoot(v ?? './data/uploads')),
  /** The largest file an import accepts, in MB (the import CLI's `--max-mb` has the same default). */
  IMPORT_MAX_MB: optional(z.coerce.number().positive().max(10_000)).transform(
    (v) => v ?? DEFAULT_IMPORT_MAX_MB,
  ),
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
