import { describe, expect, it } from 'vitest';
import { namespaces as bundled, i18next, initialLanguage, loadLanguage, resourcesFrom } from './index.ts';
import { loadLazyNamespace } from './lazy.ts';

// Every file of every language, bundled and lazy, as the app would end up with them.
const bundledFiles = resourcesFrom(
  import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' }),
);
// Read eagerly here, not in lazy.ts: an eager glob there would put every lazy file into lazy.ts's chunk.
const lazyFiles = resourcesFrom(
  Object.fromEntries(
    Object.entries(
      import.meta.glob<Record<string, unknown>>('./lazy/*/*.json', { eager: true, import: 'default' }),
    ).map(([path, messages]) => [path.replace('./lazy/', './'), messages]),
  ),
);
const resources = {
  en: { ...bundledFiles.en, ...lazyFiles.en },
  ru: { ...bundledFiles.ru, ...lazyFiles.ru },
};
const namespaces = Object.keys(resources.en).sort();

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Dotted keys of a message tree, plural forms folded into their base key. */
function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix.replace(PLURAL, '')];
  return Object.entries(tree).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

describe('i18n resources', () => {
  it('loads every namespace file, including common and projects', () => {
    expect(bundled).toContain('common');
    expect(bundled).toContain('projects');
    expect(Object.keys(lazyFiles.en ?? {})).not.toContain('common');
    for (const ns of Object.keys(lazyFiles.en ?? {})) expect(bundled, `${ns} is lazy`).not.toContain(ns);
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

describe('lazy namespaces', () => {
  it('are fetched on demand, once, and refuse an unknown name', async () => {
    expect(i18next.hasResourceBundle('en', 'example')).toBe(false);
    await loadLazyNamespace('en', 'example');
    await loadLazyNamespace('ru', 'example');
    expect(i18next.getFixedT('ru', 'example')('example')).toBe('Пример');
    expect(loadLazyNamespace('en', 'example')).toBe(loadLazyNamespace('en', 'example'));
    await expect(loadLazyNamespace('en', 'nope')).rejects.toThrow(/no lazy namespace en\/nope/);
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
