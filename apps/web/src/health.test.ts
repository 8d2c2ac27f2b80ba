import { describe, expect, it } from 'vitest';
import { describeHealth, isHealth } from './health.ts';

describe('isHealth', () => {
  it('accepts the API answer', () => {
    expect(isHealth({ ok: true, db: 'pglite', version: '18.7' })).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isHealth(null)).toBe(false);
    expect(isHealth('ok')).toBe(false);
    expect(isHealth({ ok: true, db: 'mysql', version: '1' })).toBe(false);
    expect(isHealth({ ok: true, db: 'postgres' })).toBe(false);
  });
});

describe('describeHealth', () => {
  it('names the database kind and version', () => {
    expect(describeHealth({ ok: true, db: 'postgres', version: '15.14' })).toBe('API ok · PostgreSQL 15.14');
    expect(describeHealth({ ok: true, db: 'pglite', version: '18.7' })).toBe(
      'API ok · PGlite (embedded PostgreSQL 18.7)',
    );
  });

  it('adds the project count, singular and plural', () => {
    const health = { ok: true, db: 'pglite', version: '18.7' } as const;
    expect(describeHealth(health, 1)).toMatch(/· 1 project$/);
    expect(describeHealth(health, 100000)).toMatch(/· 100,000 projects$/);
  });
});
