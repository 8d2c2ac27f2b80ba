import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDb, type Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server.ts';
import { signIn } from '../test/auth.ts';

// `pnpm user:create`, run as a child process the way an operator runs it.

const apiDir = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = pathToFileURL(createRequire(join(apiDir, 'package.json')).resolve('tsx')).href;
const PASSWORD = 'a perfectly long password';

type Run = { code: number | null; stdout: string; stderr: string };

function collect(child: ReturnType<typeof spawn>, onOutput?: (all: string) => void): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onOutput?.(stdout);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Without DATABASE_URL or TEST_DATABASE_URL from the caller: each test says which database it means. */
function envFor(database: { pgliteDir?: string; url?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  // vitest puts Vite's BASE_URL ('/') into process.env; to the API it would be its public address.
  delete env.BASE_URL;
  if (database.url) env.DATABASE_URL = database.url;
  if (database.pgliteDir) env.PGLITE_DIR = database.pgliteDir;
  return env;
}

/** The CLI with the password on standard input (a pipe: no terminal). */
function userCreate(args: string[], stdin: string, database: { pgliteDir?: string; url?: string }) {
  const child = spawn(process.execPath, ['--import', tsx, 'src/auth/cli.ts', ...args], {
    cwd: apiDir,
    env: envFor(database),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(stdin);
  return collect(child);
}

let dir: string;
let pgliteDir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'srt-user-create-'));
  pgliteDir = join(dir, 'pglite');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens the CLI's PGlite directory (after the CLI has closed it) and signs in over HTTP. */
async function canSignIn(email: string, password: string, database: Database): Promise<boolean> {
  const app = await buildServer({
    database,
    env: { WEB_DIST: '/nonexistent' },
    logger: pino({ level: 'silent' }),
  });
  try {
    return (await signIn(app, email, password)).includes('session_token=');
  } catch {
    return false;
  } finally {
    await app.close();
  }
}

// Each test starts one or more processes (tsx, PGlite): slower than the default allows on a busy machine.
describe('pnpm user:create on PGlite (PGLITE_DIR)', { timeout: 150_000 }, () => {
  it('creates an account from the password on standard input; it signs in with that password only', async () => {
    const run = await userCreate(
      ['--email', 'Ana@Example.org', '--role', 'admin', '--name', 'Ana Admin'],
      `${PASSWORD}\n`,
      { pgliteDir },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created admin ana@example\.org \(Ana Admin\), id \S+\n$/);
    expect(run.stdout).not.toContain(PASSWORD);

    const database = await createDb(pgliteDir);
    try {
      const user = await database.db.query.users.findFirst({
        where: (u, { eq }) => eq(u.email, 'ana@example.org'),
      });
      expect(user).toMatchObject({ name: 'Ana Admin', role: 'admin', banned: false });
      const audit = await database.db.query.auditEntries.findFirst({
        where: (a, { eq }) => eq(a.entityId, user?.id ?? ''),
      });
      expect(audit).toMatchObject({ actor: 'cli', entity: 'user', action: 'create' });
      expect(await canSignIn('ana@example.org', PASSWORD, database)).toBe(true);
      expect(await canSignIn('ana@example.org', 'another long password', database)).toBe(false);
    } finally {
      await database.close();
    }
  });

  it('refuses an existing email, naming it', async () => {
    const run = await userCreate(['--email', 'ana@example.org', '--role', 'editor'], `${PASSWORD}\n`, {
      pgliteDir,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('An account with the email ana@example.org already exists');
  });

  it('refuses a password shorter than 12 characters, and an empty one (there is no default)', async () => {
    for (const stdin of ['eleven char\n', '']) {
      const run = await userCreate(['--email', 'short@example.org', '--role', 'viewer'], stdin, {
        pgliteDir,
      });
      expect(run.code, JSON.stringify(stdin)).toBe(1);
      expect(run.stderr).toContain('The password is too short: it needs at least 12 characters.');
    }
  });

  it('refuses a bad role or email, a missing email, and a password given as an option, with usage', async () => {
    const badRole = await userCreate(['--email', 'x@example.org', '--role', 'owner'], `${PASSWORD}\n`, {
      pgliteDir,
    });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('Unknown role "owner": use one of viewer, editor, admin.');

    const noEmail = await userCreate(['--role', 'viewer'], `${PASSWORD}\n`, { pgliteDir });
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toContain('--email is required.');
    expect(noEmail.stderr).toContain('Usage: pnpm user:create');

    const password = await userCreate(
      ['--email', 'x@example.org', '--role', 'viewer', '--password', PASSWORD],
      '',
      { pgliteDir },
    );
    expect(password.code).toBe(1);
    expect(password.stderr).toMatch(/Unknown option '--password'/);

    const badEmail = await userCreate(['--email', 'not-an-email', '--role', 'viewer'], `${PASSWORD}\n`, {
      pgliteDir,
    });
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toContain('email: Expected an email address');
  });

  it('at a terminal, asks for the password without echoing it', async () => {
    // `script` gives the CLI a pseudo-terminal; the password is typed once the prompt is there.
    const child = spawn(
      'script',
      [
        '-qec',
        `${process.execPath} --import ${tsx} src/auth/cli.ts --email tty@example.org --role viewer`,
        '/dev/null',
      ],
      { cwd: apiDir, env: envFor({ pgliteDir }), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let typed = false;
    const run = await collect(child, (all) => {
      if (!typed && all.includes('Password for tty@example.org (at least 12 characters): ')) {
        typed = true;
        child.stdin?.write(`${PASSWORD}\r`);
      }
    });
    expect(run.stdout).toContain('Created viewer tty@example.org');
    expect(run.stdout).not.toContain(PASSWORD);
    expect(run.code).toBe(0);
  });

  it('runs as the root script `pnpm user:create`', async () => {
    const child = spawn('pnpm', ['user:create', '--email', 'root-script@example.org', '--role', 'editor'], {
      cwd: repoRoot,
      env: envFor({ pgliteDir }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin?.end(`${PASSWORD}\n`);
    const run = await collect(child);
    expect(run.stdout).toContain('Created editor root-script@example.org');
    expect(run.code).toBe(0);
  });
});

describe('pnpm user:create on the database of DATABASE_URL', { timeout: 150_000 }, () => {
  it('writes to that database (PostgreSQL when TEST_DATABASE_URL is set, else a PGlite directory)', async () => {
    const url = process.env.TEST_DATABASE_URL;
    const target = url ? { url } : { pgliteDir };
    // On PostgreSQL: a migrated, emptied database first (the test files share it, one at a time).
    if (url) await (await createTestDatabase()).close();
    const run = await userCreate(['--email', 'pg@example.org', '--role', 'editor'], `${PASSWORD}\n`, target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const database = await createDb(url ?? pgliteDir);
    try {
      const user = await database.db.query.users.findFirst({
        where: (u, { eq }) => eq(u.email, 'pg@example.org'),
      });
      expect(user?.role).toBe('editor');
    } finally {
      await database.close();
    }
  });
});
