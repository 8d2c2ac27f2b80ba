import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const apiDir = fileURLToPath(new URL('../../api/', import.meta.url));
const dbDir = fileURLToPath(new URL('../../../packages/db/', import.meta.url));
const webDist = fileURLToPath(new URL('../dist/', import.meta.url));

export type ApiServer = {
  url: string;
  /** `pglite` or `postgres`: what the server was told to use. */
  db: 'pglite' | 'postgres';
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** The process's exit code once it has stopped (0: shut down cleanly), else null. */
  exitCode(): number | null;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

type PgClient = {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
};
type PgModule = { default: { Client: new (config: { connectionString: string }) => PgClient } };

/** Runs statements on one short-lived connection (the `pg` driver of packages/db). */
async function onDatabase<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  const pg = (await import(
    pathToFileURL(createRequire(join(dbDir, 'package.json')).resolve('pg')).href
  )) as PgModule;
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, name: string) => {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
};

/** Loads the demo data into the template database unless it holds projects already. */
async function seedTemplateDatabase(
  templateUrl: string,
  start: (url: string) => Promise<ApiServer>,
): Promise<void> {
  const seeded = await onDatabase(templateUrl, async (client) => {
    const found = await client.query(`select to_regclass('public.projects') is not null as present`);
    if (!found.rows[0]?.present) return false;
    const count = await client.query('select count(*)::int as n from projects');
    return Number(count.rows[0]?.n) > 0;
  });
  if (!seeded) {
    const loader = await start(templateUrl);
    await loader.stop();
  }
}

/**
 * Each browser-test file gets a database of its own on PostgreSQL, as it gets its own PGlite directory:
 * tests that write (forms, imports, sign-in counts) must not change what the next file reads. The
 * database in `TEST_DATABASE_URL` is the template: the first server loads the demo data into it (it is
 * empty in CI), then every server starts on `CREATE DATABASE … TEMPLATE` of it (a file copy, about a
 * second), dropped on stop. The role needs CREATEDB (`.ci/run` grants it).
 */
async function cloneDatabase(
  templateUrl: string,
  start: (url: string) => Promise<ApiServer>,
): Promise<string> {
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  await seedTemplateDatabase(templateUrl, start);
  const name = `${template}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onDatabase(withDatabase(templateUrl, 'postgres'), (client) =>
    client.query(`create database "${name}" template "${template}"`),
  );
  return withDatabase(templateUrl, name);
}

async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await onDatabase(withDatabase(url, 'postgres'), (client) =>
    client.query(`drop database if exists "${name}" with (force)`),
  );
}

/**
 * The PGlite directory with the demo data that `prepareDemoData` made for this run (the e2e global setup
 * sets it; the test files' processes inherit it). Unset: each server loads the demo data itself.
 */
const PGLITE_TEMPLATE_ENV = 'SRT_E2E_PGLITE_TEMPLATE';

/**
 * Loads the demo data once per browser-test run (`globalSetup` of vitest.e2e.config.ts) rather than once
 * per test file: a server on an empty database migrates it and imports the demo data through the import
 * pipeline, tens of seconds on PGlite. On PostgreSQL it fills the template database of `cloneDatabase`; on
 * PGlite a directory that every server then starts on a copy of, as each PostgreSQL server starts on a
 * copy of the template. The copy holds what the server's own first start would have left (migrated
 * schema, demo data, demo accounts), and the server skips loading because the database is not empty.
 * Returns the teardown.
 */
export async function prepareDemoData(databaseUrl: string | undefined): Promise<() => Promise<void>> {
  if (databaseUrl) {
    await seedTemplateDatabase(databaseUrl, (url) =>
      startApiServer({ databaseUrl: url, shareDatabase: true }),
    );
    return async () => {};
  }
  const template = await mkdtemp(join(tmpdir(), 'srt-e2e-pglite-template-'));
  try {
    const loader = await startApiServer({ pgliteDir: template });
    await loader.stop();
    // Killed rather than closed, PGlite may leave the directory half-written: no copies of that.
    if (loader.exitCode() !== 0)
      throw new Error(
        `The API loading the demo data did not shut down cleanly (exit code ${loader.exitCode()}):\n${loader.output()}`,
      );
  } catch (error) {
    await rm(template, { recursive: true, force: true });
    throw error;
  }
  process.env[PGLITE_TEMPLATE_ENV] = template;
  return async () => {
    delete process.env[PGLITE_TEMPLATE_ENV];
    await rm(template, { recursive: true, force: true });
  };
}

/**
 * Starts the API the way `pnpm start` does (apps/api/src/main.ts under tsx), in a child process on a free
 * port, serving the built web app. Uses the PostgreSQL server at `databaseUrl` when given, otherwise a
 * fresh PGlite directory that is removed on stop: a copy of the demo-data directory of `prepareDemoData`
 * when there is one, else empty (on PostgreSQL, a fresh copy of the demo-data database: see
 * `cloneDatabase`). `env` adds or overrides server settings (e.g.
 * `SIGN_IN_LIMIT` for a test that signs in more often than the default allows per minute).
 */
export async function startApiServer(
  options: {
    databaseUrl?: string;
    env?: Record<string, string>;
    /** PostgreSQL: use `databaseUrl` itself (a benchmark corpus), not a fresh copy of it. */
    shareDatabase?: boolean;
    /** PGlite: use this directory as it is, and keep it on stop. */
    pgliteDir?: string;
  } = {},
): Promise<ApiServer> {
  if (options.databaseUrl && !options.shareDatabase) {
    const template = options.databaseUrl;
    const url = await cloneDatabase(template, (u) =>
      startApiServer({ ...options, databaseUrl: u, shareDatabase: true }),
    );
    const server = await startApiServer({ ...options, databaseUrl: url, shareDatabase: true });
    return {
      ...server,
      async stop() {
        await server.stop();
        await dropDatabase(url);
      },
    };
  }
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`No built web app in ${webDist}: run \`pnpm build\` first (\`pnpm test:e2e\` does).`);
  }
  const port = await freePort();
  let pgliteDir: string | undefined;
  if (!options.databaseUrl && options.pgliteDir) pgliteDir = options.pgliteDir;
  else if (!options.databaseUrl) {
    pgliteDir = await mkdtemp(join(tmpdir(), 'srt-e2e-pglite-'));
    const template = process.env[PGLITE_TEMPLATE_ENV];
    if (template) {
      if (!existsSync(join(template, 'PG_VERSION'))) {
        await rm(pgliteDir, { recursive: true, force: true });
        throw new Error(`${PGLITE_TEMPLATE_ENV}=${template} is not a PGlite directory`);
      }
      await cp(template, pgliteDir, { recursive: true });
    }
  }
  const keepPgliteDir = Boolean(options.pgliteDir);
  // The server lists the built files when it starts: a copy keeps a rebuild of apps/web/dist during the
  // test (another build in the same tree) from turning the page's chunks into 404s.
  const distCopy = await mkdtemp(join(tmpdir(), 'srt-e2e-dist-'));
  await cp(webDist, distCopy, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WEB_DIST: distCopy,
    // Otherwise the server would generate one beside PGLITE_DIR, i.e. into the shared temp directory.
    AUTH_SECRET: randomBytes(32).toString('hex'),
    ...options.env,
  };
  // vitest puts Vite's `BASE_URL` ('/') into process.env; to the API it would be its public address.
  if (!options.env?.BASE_URL) delete env.BASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = pgliteDir;
  }
  const tsx = pathToFileURL(createRequire(join(apiDir, 'package.json')).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, 'src/main.ts'], {
    cwd: apiDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Should the test process end without stop() (a crash, a timeout), the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });

  const url = `http://127.0.0.1:${port}`;
  const server: ApiServer = {
    url,
    db: options.databaseUrl ? 'postgres' : 'pglite',
    output: () => log,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited(child);
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
      if (pgliteDir && !keepPgliteDir) await rm(pgliteDir, { recursive: true, force: true });
      await rm(distCopy, { recursive: true, force: true });
    },
  };

  // First start migrates and loads the demo data: tens of seconds on PGlite. Stays below the e2e
  // config's hookTimeout, so that a slow start fails here, with the server's output, and is stopped.
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`The API exited before it was ready (code ${child.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`The API did not answer /health within 150 s:\n${log}`);
}
