import { describe, expect, it } from 'vitest';
import {
  describeFilter,
  EXPORT_COLUMN_INFO,
  EXPORT_COLUMNS,
  EXPORT_VARIANTS,
  exportFileName,
  exportHref,
  exportRequestSchema,
} from './export.ts';

const issuesOf = (query: Record<string, string>) => {
  const result = exportRequestSchema.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('exportRequestSchema', () => {
  it('defaults to a CSV of every project column in English for the whole data set', () => {
    expect(exportRequestSchema.parse({})).toEqual({
      format: 'csv',
      variant: 'projects',
      columns: [...EXPORT_COLUMNS.projects],
      lang: 'en',
      filter: {},
    });
  });

  it('reads the filter as JSON with the shared filter schema, and the chosen columns in order', () => {
    const parsed = exportRequestSchema.parse({
      format: 'xlsx',
      variant: 'funding',
      columns: 'amount, currency,flow_name,amount',
      lang: 'ru',
      filter: JSON.stringify({ countries: ['tj'], yearFrom: 2010 }),
    });
    expect(parsed).toMatchObject({
      format: 'xlsx',
      variant: 'funding',
      columns: ['amount', 'currency', 'flow_name'],
      lang: 'ru',
      filter: { countries: ['TJ'], yearFrom: 2010 },
    });
  });

  it('names the field of every bad value', () => {
    expect(issuesOf({ format: 'pdf' })[0]).toMatch(/^format: /);
    expect(issuesOf({ variant: 'events' })[0]).toMatch(/^variant: /);
    expect(issuesOf({ lang: 'de' })[0]).toMatch(/^lang: /);
    expect(issuesOf({ columns: 'title,nope' })).toEqual([
      expect.stringMatching(/^columns: Unknown column for variant projects: nope \(known: project_id, /),
    ]);
    expect(issuesOf({ variant: 'funding', columns: 'title' })[0]).toMatch(/^columns: Unknown column/);
    expect(issuesOf({ columns: ' , ' })).toEqual(['columns: Choose at least one column']);
    expect(issuesOf({ filter: '{"countries":["XX"]}' })).toEqual([
      'filter.countries.0: Unknown country code (ISO 3166-1 alpha-2 expected)',
    ]);
    expect(issuesOf({ filter: '{"countries":' })[0]).toMatch(/^filter: Malformed JSON/);
    expect(issuesOf({ filter: 'null' })[0]).toMatch(/^filter: /);
    expect(issuesOf({ colums: 'title' })[0]).toMatch(/Unrecognized key.*colums/);
  });
});

describe('export columns', () => {
  it('describes every column of every variant in both languages', () => {
    for (const variant of EXPORT_VARIANTS) {
      for (const key of EXPORT_COLUMNS[variant]) {
        expect(EXPORT_COLUMN_INFO[key].en, key).toBeTruthy();
        expect(EXPORT_COLUMN_INFO[key].ru, key).toBeTruthy();
      }
    }
  });

  it('puts a readable name next to each code', () => {
    for (const variant of EXPORT_VARIANTS) {
      const keys: readonly string[] = EXPORT_COLUMNS[variant];
      for (const [code, name] of [
        ['countries', 'country_names'],
        ['country', 'country_name'],
        ['status', 'status_name'],
        ['sectors', 'sector_names'],
        ['flow', 'flow_name'],
        ['price_basis', 'price_basis_name'],
        ['instrument', 'instrument_name'],
      ] as const) {
        if (keys.includes(code))
          expect(keys.indexOf(name), `${variant}: ${name}`).toBe(keys.indexOf(code) + 1);
      }
    }
  });
});

describe('describeFilter', () => {
  it('says the filter in words, in English and Russian', () => {
    const filter = { countries: ['TJ'], initiatives: ['bri' as const], initiativeBasis: 'official' as const };
    expect(describeFilter({ ...filter, yearFrom: 2010, yearTo: 2020 }, 'en')).toBe(
      'Countries: Tajikistan; Initiative: BRI (official only); Years: 2010–2020',
    );
    expect(describeFilter(filter, 'ru')).toBe(
      'Страны: Таджикистан; Инициатива: «Пояс и путь» (только официальные)',
    );
    expect(describeFilter({}, 'en')).toBe('none (all projects)');
  });

  it('covers every field, with funder names when known', () => {
    const id = '4f8a8b5e-2d4c-4c8e-9b0a-2f1e3d4c5b6a';
    const other = '5f8a8b5e-2d4c-4c8e-9b0a-2f1e3d4c5b6a';
    expect(
      describeFilter(
        {
          initiatives: ['unido'],
          sectors: ['320'],
          statuses: [2],
          funders: [id, other],
          yearTo: 2015,
          q: 'Ташкент',
          minQuality: 50,
        },
        'en',
        new Map([[id, 'Asian Development Bank']]),
      ),
    ).toBe(
      'Initiative: UNIDO (incl. assessed); Sectors: Industry, mining, construction (320); Status: Implementation; ' +
        `Funders: Asian Development Bank, ${other}; Years: up to 2015; Text: “Ташкент”; Minimum quality: 50`,
    );
  });
});

describe('links and file names', () => {
  it('builds the download link that the schema reads back', () => {
    const href = exportHref({
      format: 'xlsx',
      variant: 'project-country',
      columns: ['title', 'country'],
      lang: 'ru',
      filter: { countries: ['UZ'], q: 'a&b=c' },
    });
    expect(href.startsWith('/api/export?')).toBe(true);
    const query = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(exportRequestSchema.parse(query)).toEqual({
      format: 'xlsx',
      variant: 'project-country',
      columns: ['title', 'country'],
      lang: 'ru',
      filter: { countries: ['UZ'], q: 'a&b=c' },
    });
  });

  it('names the file after the variant, the countries and the date', () => {
    const request = exportRequestSchema.parse({ format: 'xlsx', filter: '{"countries":["TJ","UZ"]}' });
    expect(exportFileName(request, new Date('2026-11-28T05:00:00Z'))).toBe(
      'silk-road-tracker_projects_TJ-UZ_2026-11-28.xlsx',
    );
  });
});
