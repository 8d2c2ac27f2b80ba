import { describe, expect, it } from 'vitest';
import {
  countryOptions,
  funderOptions,
  initiativeOptions,
  qualityOptions,
  sectorOptions,
  statusOptions,
} from './-options.ts';

describe('countryOptions', () => {
  it('offers the four focus countries first, always, then the others by count', () => {
    const groups = countryOptions(
      [
        { code: 'UZ', count: 5 },
        { code: 'KZ', count: 2 },
        { code: 'CN', count: 3 },
      ],
      ['TR'],
      'en',
    );
    expect(groups.map((g) => g.group)).toEqual(['focus', 'other']);
    expect(groups[0]?.items.map((o) => [o.value, o.count])).toEqual([
      ['AZ', 0],
      ['TJ', 0],
      ['TM', 0],
      ['UZ', 5],
    ]);
    expect(groups[1]?.items.map((o) => [o.value, o.label, o.count])).toEqual([
      ['CN', 'China', 3],
      ['KZ', 'Kazakhstan', 2],
      ['TR', 'Türkiye', 0],
    ]);
  });

  it('names countries in Russian', () => {
    expect(countryOptions([], [], 'ru')[0]?.items.map((o) => o.label)).toEqual([
      'Азербайджан',
      'Таджикистан',
      'Туркменистан',
      'Узбекистан',
    ]);
  });
});

describe('code-list options', () => {
  it('lists every initiative and status with its count, 0 when absent', () => {
    expect(initiativeOptions([{ code: 'bri', count: 7 }], 'en')).toEqual([
      { value: 'bri', label: 'Belt and Road Initiative', count: 7 },
      { value: 'unido', label: 'UNIDO', count: 0 },
    ]);
    const statuses = statusOptions([{ code: 2, count: 4 }], 'ru');
    expect(statuses).toHaveLength(6);
    expect(statuses[1]).toEqual({ value: '2', label: 'Реализация', count: 4 });
  });

  it('lists funders as the facet gives them', () => {
    expect(funderOptions([{ id: 'a', name: 'ADB', count: 2 }])).toEqual([
      { value: 'a', label: 'ADB', count: 2 },
    ]);
    expect(funderOptions(undefined)).toEqual([]);
  });
});

describe('sectorOptions', () => {
  const all = (name: string) => `${name} — all`;

  it('groups codes under their category, the category first as "all", groups by count', () => {
    const groups = sectorOptions(
      [
        { code: '320', count: 3 },
        { code: '230', count: 5 },
      ],
      [
        { code: '32120', count: 2 },
        { code: '32130', count: 3 },
        { code: '23210', count: 5 },
      ],
      [],
      'en',
      all,
    );
    expect(groups.map((g) => g.group)).toEqual(['Energy', 'Industry, mining, construction']);
    expect(groups[1]?.items).toEqual([
      { value: '320', label: 'Industry, mining, construction — all', count: 3 },
      { value: '32130', label: 'Small and medium-sized enterprises (SME) development', count: 3 },
      { value: '32120', label: 'Industrial development', count: 2 },
    ]);
  });

  it('keeps a selected sector the counts no longer have', () => {
    const groups = sectorOptions([], [], ['14020'], 'en', all);
    expect(groups).toEqual([
      {
        group: 'Water supply and sanitation',
        items: [
          { value: '140', label: 'Water supply and sanitation — all', count: 0 },
          { value: '14020', label: 'Water supply and sanitation - large systems', count: 0 },
        ],
      },
    ]);
  });
});

describe('qualityOptions', () => {
  const t = (key: string, o?: Record<string, unknown>) => `${key}:${JSON.stringify(o ?? {})}`;

  it('offers "any" and the six steps of the score', () => {
    const options = qualityOptions(undefined, t);
    expect(options.map((o) => o.value)).toEqual(['0', '17', '33', '50', '67', '83', '100']);
    expect(options[3]?.label).toBe('filters.qualityAtLeast:{"score":50,"checks":3}');
  });

  it('adds a value from the URL that is not a step, in order', () => {
    expect(qualityOptions(60, t).map((o) => o.value)).toEqual([
      '0',
      '17',
      '33',
      '50',
      '60',
      '67',
      '83',
      '100',
    ]);
  });
});
