import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDb, type Database } from '@srt/db/client';
import { DEMO_ACCOUNTS, demoAccount } from '@srt/db/seed/demo-accounts';
import { createTestDatabase } from '@srt/db/testing';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server.ts';
import { signIn } from '../test/auth.ts';
import { createDemoAccounts, demoAccountsIn } from './demo.ts';

const logger = pino({ level: 'silent' });

describe('demo accounts', () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildServer({ database, env: { WEB_DIST: '/nonexistent' }, logger });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('a fresh database has none', async () => {
    expect(await demoAccountsIn(database.db)).toEqual([]);
  });

  it('are one per role, sign in with their published passwords, and are made only once', async () => {
    await createDemoAccounts(app.auth, database.db);
    await createDemoAccounts(app.auth, database.db); // again: nothing new, no error
    expect(await demoAccountsIn(database.db)).toEqual(DEMO_ACCOUNTS);
    expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual([
      'admin@demo.local',
      'editor@demo.local',
      'viewer@demo.local',
    ]);

    for (const account of DEMO_ACCOUNTS) {
      const cookie = await signIn(app, account.email, account.password);
      const me = await app.inject({ method: 'GET', url: '/trpc/user.me', headers: { cookie } });
      expect(me.json().result.data).toMatchObject({ email: account.email, role: account.role });
    }
    expect(demoAccount('editor').password).toBe('demo-editor-password');

    const created = await database.db.query.auditEntries.findMany({
      where: (a, { and, eq }) => and(eq(a.entity, 'user'), eq(a.action, 'create')),
    });
    expect(created.map((e) => e.actor)).toEqual(['seed', 'seed', 'seed']);
  });
});

// The start-up log, from the server as `pnpm start` runs it (PGlite; DEMO_DATA=false keeps it quick).
describe('the start-up log', () => {
  const apiDir = fileURLToPath(new URL('../../', import.meta.url));
  const tsx = pathToFileURL(createRequire(join(apiDir, 'package.json')).resolve('tsx')).href;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'srt-demo-log-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.on('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });

  /** Starts main.ts, waits until it listens, stops it; answers everything it logged. */
  async function startAndStop(pgliteDir: string): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PGLITE_DIR: pgliteDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      WEB_DIST: join(dir, 'no-dist'),
    };
    for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'BASE_URL', 'AUTH_SECRET']) delete env[name];
    const child: ChildProcess = spawn(process.execPath, ['--import', tsx, 'src/main.ts'], {
      cwd: apiDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Server listening')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => reject(new Error(`main.ts exited (${code}) before listening:\n${log}`)));
    });
    await listening;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    return log;
  }

  it('with DEMO_DATA=false: no demo data and no demo accounts; the secret is generated beside PGLITE_DIR', async () => {
    const log = await startAndStop(join(dir, 'empty', 'pglite'));
    expect(log).toContain('DEMO_DATA=false: no demo data, no demo accounts');
    expect(log).not.toContain('loading the demo data');
    expect(log).not.toContain('demo accounts exist');
    expect(log).toContain(`AUTH_SECRET unset: generated a secret into ${join(dir, 'empty', 'auth-secret')}`);
  }, 150_000);

  it('names the demo accounts and their passwords whenever the database has them', async () => {
    const pgliteDir = join(dir, 'with-demo', 'pglite');
    await mkdir(pgliteDir, { recursive: true });
    const database = await createDb(pgliteDir);
    try {
      await database.migrate();
      const app = await buildServer({ database, env: { WEB_DIST: '/nonexistent' }, logger });
      await createDemoAccounts(app.auth, database.db);
      await app.close();
    } finally {
      await database.close();
    }
    const log = await startAndStop(pgliteDir);
    const line = log.split('\n').find((l) => l.includes('demo accounts exist'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}').level).toBe(40); // warn: visible at LOG_LEVEL=warn too
    for (const account of DEMO_ACCOUNTS)
      expect(line).toContain(`${account.email} / ${account.password} (${account.role})`);
    expect(line).toContain('pnpm user:create');
  }, 150_000);
});
