import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { authSecretPath, resolveAuthSecret } from './secret.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'srt-secret-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AUTH_SECRET', () => {
  it('is taken from the environment when set (at least 32 characters)', () => {
    const env = parseEnv({ AUTH_SECRET: 's'.repeat(32), PGLITE_DIR: join(dir, 'unused', 'pglite') });
    expect(resolveAuthSecret(env)).toEqual({ secret: 's'.repeat(32), source: 'env' });
    expect(() => parseEnv({ AUTH_SECRET: 'too short' })).toThrow(
      /AUTH_SECRET: Expected at least 32 characters/,
    );
  });

  it('is generated once into the data directory (mode 0600) when unset, and reused', async () => {
    const pgliteDir = join(dir, 'data', 'pglite');
    const env = parseEnv({ PGLITE_DIR: pgliteDir });
    const first = resolveAuthSecret(env);
    expect(first.source).toBe('generated');
    expect(first.path).toBe(join(dir, 'data', 'auth-secret'));
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(authSecretPath(pgliteDir))).mode & 0o777).toBe(0o600);
    expect((await readFile(authSecretPath(pgliteDir), 'utf8')).trim()).toBe(first.secret);

    const second = resolveAuthSecret(env);
    expect(second).toEqual({ secret: first.secret, source: 'file', path: first.path });
    expect(resolveAuthSecret(parseEnv({ PGLITE_DIR: join(dir, 'other', 'pglite') })).secret).not.toBe(
      first.secret,
    );
  });

  it('refuses a secret file that was emptied rather than silently replacing it', async () => {
    const pgliteDir = join(dir, 'broken', 'pglite');
    resolveAuthSecret(parseEnv({ PGLITE_DIR: pgliteDir }));
    await writeFile(authSecretPath(pgliteDir), 'short\n');
    expect(() => resolveAuthSecret(parseEnv({ PGLITE_DIR: pgliteDir }))).toThrow(/fewer than 32 characters/);
  });
});

describe('other auth settings', () => {
  it('BASE_URL and TRUSTED_ORIGINS are reduced to origins; bad values are named', () => {
    const env = parseEnv({
      BASE_URL: 'https://tracker.example.org/app/',
      TRUSTED_ORIGINS: 'https://web.example.org, http://localhost:5173/',
    });
    expect(env.BASE_URL).toBe('https://tracker.example.org');
    expect(env.TRUSTED_ORIGINS).toEqual(['https://web.example.org', 'http://localhost:5173']);
    expect(parseEnv({}).TRUSTED_ORIGINS).toEqual([]);
    expect(() => parseEnv({ BASE_URL: 'tracker.example.org' })).toThrow(/BASE_URL/);
    expect(() => parseEnv({ TRUSTED_ORIGINS: 'javascript:alert(1)' })).toThrow(/TRUSTED_ORIGINS/);
  });

  it('SIGN_IN_LIMIT defaults to 10 a minute; TRUST_PROXY takes true, a hop count or addresses', () => {
    expect(parseEnv({}).SIGN_IN_LIMIT).toBe(10);
    expect(parseEnv({ SIGN_IN_LIMIT: '3' }).SIGN_IN_LIMIT).toBe(3);
    expect(() => parseEnv({ SIGN_IN_LIMIT: '0' })).toThrow(/SIGN_IN_LIMIT/);
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
