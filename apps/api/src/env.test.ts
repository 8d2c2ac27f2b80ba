import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv, REPO_ROOT } from './env.ts';

describe('parseEnv', () => {
  it('finds the repository root from the module, whatever the working directory', () => {
    expect(existsSync(join(REPO_ROOT, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('has defaults for everything, with paths resolved against the repository root', () => {
    expect(parseEnv({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_URL: undefined,
      PGLITE_DIR: join(REPO_ROOT, 'data/pglite'),
      LOG_LEVEL: 'info',
      PUBLIC_READ: true,
      AUTH_SECRET: undefined,
      BASE_URL: undefined,
      TRUSTED_ORIGINS: [],
      SIGN_IN_LIMIT: 10,
      TRUST_PROXY: false,
      DEMO_DATA: true,
      TILE_URL: undefined,
      WEB_DIST: join(REPO_ROOT, 'apps/web/dist'),
      UPLOAD_DIR: join(REPO_ROOT, 'data/uploads'),
      IMPORT_MAX_MB: 50,
    });
  });

  it('reads the variables and treats empty ones as unset', () => {
    const env = parseEnv({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app:app@localhost:5432/app',
      PGLITE_DIR: '/var/lib/srt',
      LOG_LEVEL: 'warn',
      PUBLIC_READ: 'false',
      TILE_URL: '',
      WEB_DIST: 'build/web',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app:app@localhost:5432/app',
      PGLITE_DIR: '/var/lib/srt',
      LOG_LEVEL: 'warn',
      PUBLIC_READ: false,
      TILE_URL: undefined,
      WEB_DIST: join(REPO_ROOT, 'build/web'),
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', PUBLIC_READ: 'maybe', LOG_LEVEL: 'loud' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL[\s\S]*PUBLIC_READ/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ TILE_URL: 'ftp://tiles' })).toThrow(/TILE_URL/);
  });
});
