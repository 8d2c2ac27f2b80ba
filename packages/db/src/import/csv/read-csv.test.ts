import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportIssue, ProjectRecord, ReadItem } from '../types.ts';
import { type CsvReaderOptions, readCsv } from './read-csv.ts';
import { FUNDING_COLUMNS, PROJECT_COLUMNS } from './templates.ts';

const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../../../../docs/import-csv.md', import.meta.url));

async function* bytes(...chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
}

async function collect(input: AsyncIterable<Uint8Array>, options: Partial<CsvReaderOptions> = {}) {
  const items: ReadItem[] = [];
  for await (const item of readCsv(input, { fileName: 'test.csv', ...options })) items.push(item);
  const records: ProjectRecord[] = [];
  const issues: ImportIssue[] = [];
  const fatals: string[] = [];
  for (const item of items) {
    if (item.kind === 'record') records.push(item.record);
    else if (item.kind === 'issue') issues.push(item.issue);
    else fatals.push(item.message);
  }
  expect(fatals.length).toBeLessThanOrEqual(1);
  // Nothing follows a fatal.
  if (fatals.length === 1) expect(items.at(-1)?.kind).toBe('fatal');
  return { records, issues, fatal: fatals[0] };
}

const read = (text: string, options: Partial<CsvReaderOptions> = {}) => collect(bytes(text), options);

const PROJECT_HEADER = 'external_ref,title,countries,sectors,planned_start,planned_end,source_url';
const project = (cells: string) => `${PROJECT_HEADER}\n${cells}\n`;
const FUNDING_HEADER = 'external_ref,flow,amount,currency,price_basis,value_date';
const funding = (...rows: string[]) => `${FUNDING_HEADER}\n${rows.join('\n')}\n`;

const errorsOf = (issues: ImportIssue[]) =>
  issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({ row: i.at?.row, column: i.at?.column, message: i.message }));

describe('templates', () => {
  it('ship header-only files whose columns are the documented ones', async () => {
    for (const [file, columns] of [
      ['projects.csv', PROJECT_COLUMNS],
      ['funding.csv', FUNDING_COLUMNS],
    ] as const) {
      const text = await readFile(`${TEMPLATES}${file}`, 'utf8');
      expect(text.replace(/^\uFEFF/, '').trim()).toBe(columns.join(','));
      const result = await collect(createReadStream(`${TEMPLATES}${file}`), { fileName: file });
      expect(result).toEqual({ records: [], issues: [], fatal: undefined });
    }
  });

  it('docs/import-csv.md shows the example files verbatim and lists every column', async () => {
    const docs = await readFile(DOCS, 'utf8');
    for (const file of ['projects.example.csv', 'funding.example.csv']) {
      const example = (await readFile(`${TEMPLATES}${file}`, 'utf8')).replace(/^\uFEFF/, '');
      expect(docs).toContain(`\`\`\`csv\n${example}\`\`\``);
    }
    for (const column of [...PROJECT_COLUMNS, ...FUNDING_COLUMNS]) expect(docs).toContain(`| \`${column}\``);
  });

  it('the projects example parses to the expected records', async () => {
    const { records, issues, fatal } = await collect(createReadStream(`${TEMPLATES}projects.example.csv`), {
      fileName: 'projects.example.csv',
    });
    expect(fatal).toBeUndefined();
    expect(issues).toEqual([]);
    expect(records).toHaveLength(2);
    const [founding, silk] = records;
    expect(founding).toMatchObject({
      mode: 'project',
      externalRef: 'seed:new-silk-road-economic-belt',
      iatiIdentifier: null,
      titleLanguage: 'th',
      countries: ['AZ', 'TJ', 'TM', 'UZ'].map((country) => ({ country, percentage: null })),
      sectors: [{ sector: '32120', percentage: null }],
      participants: [
        { organization: { name: "Government of the People's Republic of China" }, role: 1 },
        { organization: { name: 'United Nations Industrial Development Organization' }, role: 4 },
      ],
      locations: [],
      funding: [],
      at: { row: 2, line: 2 },
    });
    expect(founding?.initiatives.map((i) => `${i.initiative}:${i.basis}`)).toEqual([
      'bri:official',
      'unido:official',
    ]);
    expect(founding?.initiatives[0]?.source?.publishedDate).toBe('2018-04-21');
    expect(founding?.sources).toEqual([
      expect.objectContaining({ kind: 'news', publishedDate: '2018-04-21' }),
    ]);
    expect(silk).toMatchObject({
      iatiIdentifier: 'XM-DAC-41123-PROJECT-180041',
      externalRef: null,
      title: 'Silk processing industry upgrading in Uzbekistan',
      status: 2,
      plannedStart: '2018-04-01',
      plannedEnd: '2024-12-31',
      actualStart: null,
      countries: [{ country: 'UZ', percentage: 100 }],
      sectors: [{ sector: '321', percentage: 100 }],
      locations: [{ name: 'Uzbekistan', country: 'UZ', precision: 'country', lat: null, lon: null }],
      at: { row: 3 },
    });
  });

  it('the funding example parses to merge-funding records with exact amounts', async () => {
    const { records, issues, fatal } = await collect(createReadStream(`${TEMPLATES}funding.example.csv`), {
      fileName: 'funding.example.csv',
    });
    expect(fatal).toBeUndefined();
    expect(issues).toEqual([]);
    expect(records.map((r) => r.mode)).toEqual(Array(4).fill('merge-funding'));
    expect(records.every((r) => r.iatiIdentifier === 'XM-DAC-41123-PROJECT-180041')).toBe(true);
    expect(records.flatMap((r) => r.funding.map((f) => [f.flow, f.amount, f.currency, f.valueDate]))).toEqual(
      [
        ['incoming_funds', '11829.22', 'USD', '2018-12-31'],
        ['expenditure', '12087.10', 'USD', '2018-12-31'],
        ['incoming_funds', '710.50', 'USD', '2019-12-31'],
        ['expenditure', '720.37', 'USD', '2019-12-31'],
      ],
    );
    expect(records[0]?.funding[0]).toMatchObject({
      externalRef: 'XM-DAC-41123-PROJECT-180041#csv:180041-0-01-01-2018-1',
      priceBasis: 'nominal',
      estimated: false,
      at: { row: 2, line: 2 },
    });
  });
});

describe('encoding and shape of the file', () => {
  const text = project('p-1,Dam,TJ,23210,2019-01-01,2020-01-01,https://example.org/a');

  it('reads the same records with or without a UTF-8 BOM, and with CRLF line ends', async () => {
    const plain = await read(text);
    expect(plain.records).toHaveLength(1);
    expect(plain.issues).toEqual([]);
    expect(await read(`\uFEFF${text}`)).toEqual(plain);
    expect(await read(text.replaceAll('\n', '\r\n'))).toEqual(plain);
    // The BOM split across chunks, and a multi-byte character split across chunks.
    const encoded = new TextEncoder().encode(`\uFEFF${text.replace('Dam', 'Rogun ГЭС')}`);
    const split = await collect(bytes(encoded.slice(0, 2), encoded.slice(2, 120), encoded.slice(120)));
    expect(split.records[0]?.title).toBe('Rogun ГЭС');
  });

  it.each([
    [';', "looks like ';'-separated"],
    ['\t', 'looks like tab-separated'],
  ])('refuses a %j-separated file with a clear reason', async (delimiter, reason) => {
    const { records, fatal } = await read(`\uFEFF${text.replaceAll(',', delimiter)}`);
    expect(records).toEqual([]);
    expect(fatal).toContain(reason);
    expect(fatal).toContain('comma-separated');
  });

  it('names the missing required headers', async () => {
    expect((await read('external_ref,flow,amount\nx,commitment,5\n')).fatal).toBe(
      'test.csv: missing required column of the funding template: currency',
    );
    expect((await read('title,countries\nDam,TJ\n')).fatal).toBe(
      'test.csv: missing required column of the projects template: iati_identifier or external_ref',
    );
    expect((await read('name,value\na,1\n')).fatal).toContain('does not follow a CSV template');
    expect((await read('external_ref,title,countries,Title\nx,a,UZ,b\n')).fatal).toContain(
      'column "title" appears twice',
    );
    expect((await read('')).fatal).toBe('test.csv is empty: no header row');
  });

  it('refuses files over the row or size limit, and text that is not UTF-8', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `p-${i},Title ${i},UZ,,,,`).join('\n');
    const tooMany = await read(`${PROJECT_HEADER}\n${rows}\n`, { maxRows: 3 });
    expect(tooMany.fatal).toBe('test.csv has more than 3 data rows: split it into smaller files');
    expect(tooMany.records).toHaveLength(3);
    expect((await read(text, { maxBytes: 40 })).fatal).toBe('test.csv is over the size limit of 40 bytes');
    const cp1251 = new Uint8Array([...new TextEncoder().encode(`${PROJECT_HEADER}\np,`), 0xcf, 0xd0, 0x2c]);
    expect((await collect(bytes(cp1251))).fatal).toContain('not valid UTF-8');
  });

  it('refuses a file whose quote is never closed', async () => {
    const { fatal } = await read(project('p-1,"Dam,TJ,,,,'));
    expect(fatal).toContain('never closed');
  });

  it('reads formula-looking cells as plain trimmed text', async () => {
    const { records, issues } = await read(project('  p-1 ,  =HYPERLINK("http://x")  ,UZ,,,,'));
    expect(records[0]?.title).toBe('=HYPERLINK("http://x")');
    expect(records[0]?.externalRef).toBe('p-1');
    expect(errorsOf(issues)).toEqual([]);
  });

  it('keeps columns that are not in the template as raw data, with one warning', async () => {
    const { records, issues } = await read('external_ref,title,countries,Budget note\np,Dam,TJ,see annex\n');
    expect(records[0]?.raw).toEqual({ columns: { budget_note: 'see annex' } });
    expect(issues.filter((i) => i.message.includes('not part of the projects template'))).toHaveLength(1);
  });
});

describe('projects rows', () => {
  it('parses countries, sectors, initiatives, participants and a location', async () => {
    const { records, issues } = await read(
      [
        'iati_identifier,title,countries,sectors,initiatives,initiative_note,funders,implementers,status,location_name,location_lat,location_lon,location_precision,location_country,source_url,source_title',
        'XM-1,Corridor,uz:60; TJ:40,32120:70;23210:30,bri:official;UNIDO,Per MoU,China Eximbank;CDB,UNIDO,implementation,Navoi,40.1,65.37,near,UZ,https://example.org/mou,MoU text',
      ].join('\n'),
    );
    expect(errorsOf(issues)).toEqual([]);
    expect(records[0]).toMatchObject({
      iatiIdentifier: 'XM-1',
      status: 2,
      countries: [
        { country: 'UZ', percentage: 60 },
        { country: 'TJ', percentage: 40 },
      ],
      sectors: [
        { sector: '32120', percentage: 70 },
        { sector: '23210', percentage: 30 },
      ],
      initiatives: [
        { initiative: 'bri', basis: 'official', note: 'Per MoU' },
        { initiative: 'unido', basis: 'assessed', note: 'Per MoU' },
      ],
      participants: [
        { organization: { name: 'China Eximbank' }, role: 1 },
        { organization: { name: 'CDB' }, role: 1 },
        { organization: { name: 'UNIDO' }, role: 4 },
      ],
      locations: [{ name: 'Navoi', country: 'UZ', precision: 'near', lat: 40.1, lon: 65.37 }],
      sources: [{ externalRef: 'url:https://example.org/mou', title: 'MoU text', kind: 'document' }],
    });
  });

  it('rejects a row with unknown codes or bad dates, naming row and column', async () => {
    const { records, issues } = await read(
      `${PROJECT_HEADER},status\np-1,Dam,XX;TJ,88888,2019-02-30,31/12/2020,,7\np-2,Road,UZ,21020,2019-01-01,,,\n`,
    );
    expect(records.map((r) => r.externalRef)).toEqual(['p-2']);
    expect(errorsOf(issues)).toEqual([
      { row: 2, column: 'status', message: expect.stringContaining('Unknown status: "7"') },
      { row: 2, column: 'planned_start', message: expect.stringContaining('Not a date: "2019-02-30"') },
      { row: 2, column: 'planned_end', message: expect.stringContaining('Not a date: "31/12/2020"') },
      { row: 2, column: 'countries', message: expect.stringContaining('Unknown country: "XX"') },
      { row: 2, column: 'sectors', message: expect.stringContaining('Unknown sector: "88888"') },
    ]);
    expect(issues.find((i) => i.severity === 'error')?.recordKey).toBe('p-1');
  });

  it('applies the shared schema: date order and percentages that add up to 100', async () => {
    const { records, issues } = await read(
      [
        PROJECT_HEADER,
        'p-1,Dam,UZ:60;TJ:30,,2020-01-01,2019-01-01,x',
        'p-2,Dam,UZ:60;TJ,,,,',
        'p-3,Dam,UZ:150,,,,',
      ].join('\n'),
    );
    expect(records).toEqual([]);
    expect(errorsOf(issues)).toEqual([
      { row: 2, column: 'source_url', message: 'Expected an http(s) URL' },
      { row: 3, column: 'countries', message: 'Give a percentage for every country or for none' },
      { row: 4, column: 'countries', message: expect.stringContaining('Bad percentage in "UZ:150"') },
    ]);
    const ordered = await read(project('p-1,Dam,UZ:60;TJ:30,,2020-01-01,2019-01-01,https://example.org'));
    expect(errorsOf(ordered.issues)).toEqual([
      { row: 2, column: 'planned_end', message: 'End before start' },
      { row: 2, column: 'countries', message: 'Country percentages must sum to 100' },
    ]);
  });

  it('reports keys that are missing, doubled or repeated', async () => {
    const { records, issues } = await read(
      [
        'iati_identifier,external_ref,title,countries',
        ',,No key,UZ',
        'XM-1,p-1,Both,UZ',
        'XM-2,,First,UZ',
        'XM-2,,Again,UZ',
        'XM-3,,,UZ',
        'XM-4,,No country,',
      ].join('\n'),
    );
    expect(records.map((r) => r.title)).toEqual(['First']);
    expect(errorsOf(issues)).toEqual([
      { row: 2, column: 'iati_identifier', message: 'No key: fill in iati_identifier or external_ref' },
      { row: 3, column: 'external_ref', message: 'Give either iati_identifier or external_ref, not both' },
      { row: 5, column: 'iati_identifier', message: 'Duplicate key: already on row 4' },
      { row: 6, column: 'title', message: 'Title is required' },
      { row: 7, column: 'countries', message: expect.stringContaining('At least one country is required') },
    ]);
  });

  it('warns when an official label or the whole row has no source', async () => {
    const { records, issues } = await read(
      'external_ref,title,countries,initiatives\np,Dam,TJ,bri:official\n',
    );
    expect(records[0]?.initiatives).toEqual([
      { initiative: 'bri', basis: 'official', note: null, source: null },
    ]);
    expect(records[0]?.sources).toEqual([
      { externalRef: 'csv-file:test.csv', title: 'CSV file test.csv', kind: 'document' },
    ]);
    expect(issues.map((i) => [i.severity, i.at?.column])).toEqual([
      ['warning', 'initiatives'],
      ['warning', 'source_url'],
    ]);
  });
});

describe('funding rows', () => {
  it.each([
    ['1,234.5x', 'Not a valid amount: "1,234.5x"'],
    ['1.2.3', 'Not a valid amount: "1.2.3"'],
    ['-5', 'must not be negative'],
    ['1,234.50', 'no thousands separators'],
    ['12,5', 'no thousands separators or decimal commas'],
    ['1.005', 'at most 2 decimals'],
    ['1e6', 'Not a valid amount: "1e6"'],
  ])('rejects the amount %j with row and column', async (amount, message) => {
    const { records, issues } = await read(
      funding('p-1,commitment,1.00,USD,,2019-05-01', `p-1,commitment,"${amount}",USD,,`),
    );
    expect(records).toHaveLength(1);
    expect(errorsOf(issues)).toEqual([
      { row: 3, column: 'amount', message: expect.stringContaining(message) },
    ]);
  });

  it('rejects unknown currencies, flows, price bases and dates', async () => {
    const { records, issues } = await read(
      funding(
        'p-1,commitment,5,ABC,,2019-05-01',
        'p-1,grant,5,USD,,2019-05-01',
        'p-1,pledge,5,usd,real,2019-13-01',
      ),
    );
    expect(records).toEqual([]);
    expect(errorsOf(issues)).toEqual([
      { row: 2, column: 'currency', message: expect.stringContaining('Unknown currency code') },
      { row: 3, column: 'flow', message: expect.stringContaining('Unknown flow: "grant"') },
      { row: 4, column: 'price_basis', message: expect.stringContaining('Unknown price basis: "real"') },
      { row: 4, column: 'value_date', message: expect.stringContaining('Not a date: "2019-13-01"') },
    ]);
  });

  it('emits each row as merge-funding for the named project, with stable keys', async () => {
    const { records, issues } = await read(
      [
        'iati_identifier,flow,amount,currency,price_basis,value_date,instrument,estimated,funder_name,funder_country',
        'XM-1,Commitment,0042.5,eur,Constant-2021,2019-05-01,Loan,yes,China Eximbank,cn',
        'XM-1,disbursement,10,USD,,,,,,',
        'XM-1,disbursement,10,USD,,,,,,',
      ].join('\n'),
    );
    expect(errorsOf(issues)).toEqual([]);
    expect(issues.map((i) => [i.at?.row, i.at?.column])).toEqual([
      [3, 'value_date'],
      [4, 'value_date'],
    ]);
    expect(records[0]).toMatchObject({
      mode: 'merge-funding',
      iatiIdentifier: 'XM-1',
      title: '',
      countries: [],
      funding: [
        {
          externalRef: 'XM-1#csv:commitment:2019-05-01:42.50:EUR',
          flow: 'commitment',
          amount: '42.50',
          currency: 'EUR',
          priceBasis: 'constant-2021',
          instrument: 'loan',
          estimated: true,
          funder: { name: 'China Eximbank', country: 'CN', iatiRef: null },
        },
      ],
    });
    // Two identical rows are two flows, numbered so that a re-import finds each again.
    expect(records.slice(1).map((r) => r.funding[0]?.externalRef)).toEqual([
      'XM-1#csv:disbursement::10.00:USD',
      'XM-1#csv:disbursement::10.00:USD#2',
    ]);
  });

  it('refuses a repeated funding_ref for the same project', async () => {
    const { records, issues } = await read(
      'external_ref,funding_ref,flow,amount,currency,value_date\np,t1,commitment,5,USD,2019-01-01\np,t1,commitment,6,USD,2019-01-01\n',
    );
    expect(records).toHaveLength(1);
    expect(errorsOf(issues)).toEqual([
      { row: 3, column: 'funding_ref', message: 'Duplicate funding_ref for this project: already on row 2' },
    ]);
  });

  it('counts rows as a spreadsheet does: empty lines count, line breaks inside a cell do not', async () => {
    const { issues } = await read(
      `${FUNDING_HEADER}\np,commitment,5,USD,,"2019-01-01"\n\np,"commit\nment",5,USD,,2019-01-01\np,commitment,x,USD,,2019-01-01\n`,
    );
    expect(errorsOf(issues).map((e) => [e.row, e.column])).toEqual([
      [4, 'flow'],
      [5, 'amount'],
    ]);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.at?.line)).toEqual([4, 6]);
  });
});
