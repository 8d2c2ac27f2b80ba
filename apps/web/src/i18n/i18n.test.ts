import { describe, expect, it } from 'vitest';
import { i18next, initialLanguage, loadLanguage, namespaces, resourcesFrom } from './index.ts';

// Every file of every language, as the app would end up with them.
const resources = resourcesFrom(
  import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' }),
);

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Dotted keys of a message tree, plural forms folded into their base key. */
function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix.replace(PLURAL, '')];
  return Object.entries(tree).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

describe('i18n resources', () => {
  it('loads every namespace file, including common and projects', () => {
    expect(namespaces).toContain('common');
    expect(namespaces).toContain('projects');
    expect(Object.keys(resources).sort()).toEqual(['en', 'ru']);
  });

  it('has the same keys in English and Russian for every namespace', () => {
    for (const ns of namespaces) {
      const en = [...new Set(keysOf(resources.en?.[ns]))].sort();
      const ru = [...new Set(keysOf(resources.ru?.[ns]))].sort();
      expect(ru, `namespace ${ns}`).toEqual(en);
    }
  });

  it('has no empty messages', () => {
    for (const [language, bundle] of Object.entries(resources)) {
      for (const [ns, tree] of Object.entries(bundle)) {
        const walk = (node: unknown, path: string): void => {
          if (typeof node === 'string') expect(node.trim(), `${language}/${ns}:${path}`).not.toBe('');
          else if (typeof node === 'object' && node !== null)
            for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
        };
        walk(tree, '');
      }
    }
  });

  it('builds resources from the file paths', () => {
    expect(
      resourcesFrom({ './en/a.json': { x: '1' }, './ru/a.json': { x: '2' }, './en/b-c.json': {} }),
    ).toEqual({
      en: { a: { x: '1' }, 'b-c': {} },
      ru: { a: { x: '2' } },
    });
    expect(() => resourcesFrom({ './english/a.json': {} })).toThrow(/unexpected file/);
  });

  it('fetches Russian on demand and uses its plural forms', async () => {
    expect(i18next.hasResourceBundle('ru', 'common')).toBe(false);
    await loadLanguage('ru');
    expect(i18next.hasResourceBundle('ru', 'common')).toBe(true);
    expect(i18next.hasResourceBundle('ru', 'projects')).toBe(true);
    const t = i18next.getFixedT('ru', 'common');
    expect(t('status.projects', { count: 1 })).toBe('1 проект');
    expect(t('status.projects', { count: 22 })).toBe('22 проекта');
    expect(t('status.projects', { count: 25 })).toBe('25 проектов');
  });
});

describe('initialLanguage', () => {
  it('prefers the remembered choice, then the browser, then English', () => {
    expect(initialLanguage('ru', ['en-GB'])).toBe('ru');
    expect(initialLanguage(null, ['ru-RU', 'en'])).toBe('ru');
    expect(initialLanguage(null, ['de-DE', 'en-US'])).toBe('en');
    expect(initialLanguage('xx', ['de'])).toBe('en');
    expect(initialLanguage(null)).toBe('en');
  });
});
