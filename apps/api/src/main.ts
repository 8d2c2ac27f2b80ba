import { mkdirSync } from 'node:fs';
import { createDb } from '@srt/db/client';
import { failInterruptedRuns } from '@srt/db/queries/import-runs';
import { isDatabaseEmpty, loadDemoData } from '@srt/db/seed';
import { pino } from 'pino';
import { createDemoAccounts, demoAccountsIn } from './auth/demo.ts';
import { resolveAuthSecret } from './auth/secret.ts';
import { type Env, loadEnv } from './env.ts';
import { buildServer } from './server.ts';

// `pnpm start`: configuration → database (migrated; demo data on first start) → HTTP server.

let env: Env;
try {
  env = loadEnv();
} catch (error) {
  pino().fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const logger = pino({ level: env.LOG_LEVEL });

if (!env.DATABASE_URL) mkdirSync(env.PGLITE_DIR, { recursive: true });
const database = await createDb(env.DATABASE_URL ?? env.PGLITE_DIR);
logger.info(
  database.kind === 'postgres'
    ? 'database: PostgreSQL (DATABASE_URL)'
    : `database: PGlite in ${env.PGLITE_DIR}`,
);
await database.migrate();

// Import runs a stopped process left "running" are marked failed. Alone with its PGlite database this
// server can have no import running as it starts; with PostgreSQL another API process may be importing,
// so only runs older than an hour are taken (checked again every ten minutes).
const INTERRUPTED_AFTER_MS = 60 * 60 * 1000;
const markInterrupted = async (olderThanMs: number) => {
  const marked = await failInterruptedRuns(database.db, olderThanMs);
  if (marked > 0) logger.warn(`${marked} import run(s) left running by a stopped process: marked failed`);
};
await markInterrupted(database.kind === 'pglite' ? 0 : INTERRUPTED_AFTER_MS);
setInterval(
  () => void markInterrupted(INTERRUPTED_AFTER_MS).catch((error: unknown) => logger.error(error)),
  10 * 60 * 1000,
).unref();
const loadDemo = env.DEMO_DATA && (await isDatabaseEmpty(database.db));
if (!env.DEMO_DATA) logger.info('DEMO_DATA=false: no demo data, no demo accounts');
if (loadDemo) {
  logger.info('empty database: loading the demo data');
  await loadDemoData(database, { log: (message) => logger.info(message) });
}

const authSecret = resolveAuthSecret(env);
if (authSecret.source !== 'env')
  logger.info(
    `AUTH_SECRET unset: ${authSecret.source === 'generated' ? 'generated a secret into' : 'using the secret in'} ${authSecret.path}`,
  );
if (!env.BASE_URL)
  logger.info("BASE_URL unset: the server's origin is taken from each request's Host header");
const app = await buildServer({ database, env: { ...env, AUTH_SECRET: authSecret.secret }, logger });

if (loadDemo) await createDemoAccounts(app.auth, database.db);
const demoAccounts = await demoAccountsIn(database.db);
if (demoAccounts.length)
  logger.warn(
    `demo accounts exist, with the published passwords (not for production: create accounts with \`pnpm user:create\`): ${demoAccounts
      .map((a) => `${a.email} / ${a.password} (${a.role})`)
      .join(', ')}`,
  );

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error('shutdown took longer than 10 s: exiting');
    process.exit(1);
  }, 10_000);
  timer.unref();
  try {
    await app.close();
    await database.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

try {
  await app.listen({ port: env.PORT, host: env.HOST });
} catch (error) {
  logger.fatal({ err: error }, 'could not listen');
  await database.close();
  process.exit(1);
}
