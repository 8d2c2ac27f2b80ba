import { beforeAll, describe, expect, it } from 'vitest';
import { i18next, loadLanguage } from '../i18n/index.ts';
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
  beforeAll(() => loadLanguage('ru'));
  const en = i18next.getFixedT('en', 'common');
  const ru = i18next.getFixedT('ru', 'common');
  const health = { ok: true, db: 'pglite', version: '18.7' } as const;

  it('names the database kind and version', () => {
    expect(describeHealth(en, { ok: true, db: 'postgres', version: '15.14' })).toBe(
      'API ok · PostgreSQL 15.14',
    );
    expect(describeHealth(en, health)).toBe('API ok · PGlite (embedded PostgreSQL 18.7)');
  });

  it('adds the project count, singular and plural, formatted for the language', () => {
    expect(describeHealth(en, health, 1)).toMatch(/· 1 project$/);
    expect(describeHealth(en, health, 100000)).toMatch(/· 100,000 projects$/);
    expect(describeHealth(ru, health, 1)).toMatch(/· 1 проект$/);
    expect(describeHealth(ru, health, 3)).toMatch(/· 3 проекта$/);
    expect(describeHealth(ru, health, 100000)).toMatch(/· 100\u00a0000 проектов$/);
  });
});
