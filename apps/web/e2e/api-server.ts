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
const webDist = fileURLToPath(new URL('../dist/', import.meta.url));

export type ApiServer = {
  url: string;
  /** `pglite` or `postgres`: what the server was told to use. */
  db: 'pglite' | 'postgres';
  /** Everything the server printed, for failure messages. */
  output(): string;
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

/**
 * Starts the API the way `pnpm start` does (apps/api/src/main.ts under tsx), in a child process on a free
 * port, serving the built web app. Uses the PostgreSQL server at `databaseUrl` when given, otherwise a
 * fresh PGlite directory that is removed on stop. `env` adds or overrides server settings (e.g.
 * `SIGN_IN_LIMIT` for a test that signs in more often than the default allows per minute).
 */
export async function startApiServer(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<ApiServer> {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`No built web app in ${webDist}: run \`pnpm build\` first (\`pnpm test:e2e\` does).`);
  }
  const port = await freePort();
  const pgliteDir = options.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'srt-e2e-pglite-'));
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
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited(child);
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
      if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
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
