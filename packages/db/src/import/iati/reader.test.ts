import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isCountryCode, isCurrencyCode, isSectorCode } from '@srt/shared/codes';
import { languageSchema } from '@srt/shared/common';
import { locationInputSchema } from '@srt/shared/project';
import { describe, expect, it } from 'vitest';
import type { ImportIssue, ProjectRecord, ReaderOptions } from '../types.ts';
import { readIati } from './reader.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const DATA = fileURLToPath(new URL('../../../data/iati/', import.meta.url));

type Result = {
  records: ProjectRecord[];
  issues: ImportIssue[];
  fatal: { message: string; line?: number } | null;
};

async function readAll(input: AsyncIterable<Uint8Array>, options: ReaderOptions): Promise<Result> {
  const result: Result = { records: [], issues: [], fatal: null };
  for await (const item of readIati(input, options)) {
    expect(result.fatal, 'nothing may follow a fatal').toBeNull();
    if (item.kind === 'record') result.records.push(item.record);
    else if (item.kind === 'issue') result.issues.push(item.issue);
    else result.fatal = { message: item.message, line: item.at?.line };
  }
  return result;
}

async function* chunks(bytes: Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The heap in use after a full collection (gc exposed at run time, as `node --expose-gc` would). */
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

const readFixture = (name: string, options: Partial<ReaderOptions> = {}) =>
  readAll(createReadStream(`${FIXTURES}${name}`), { fileName: name, ...options });
const readBytes = (bytes: Uint8Array, options: Partial<ReaderOptions> = {}, size?: number) =>
  readAll(chunks(bytes, size), { fileName: 'inline.xml', ...options });
const readText = (text: string, options: Partial<ReaderOptions> = {}) =>
  readBytes(new TextEncoder().encode(text), options);

function byId(result: Result, id: string): ProjectRecord {
  const record = result.records.find((r) => r.iatiIdentifier === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}
const messages = (result: Result, id?: string) =>
  result.issues
    .filter((i) => id === undefined || i.recordKey === id)
    .map((i) => `${i.severity}: ${i.message}`);

describe('IATI mapping', () => {
  it('takes the English title and keeps an original in another language', async () => {
    const result = await readFixture('titles.xml');
    expect(result.fatal).toBeNull();

    const en = byId(result, 'XM-TEST-TITLE-EN');
    expect(en).toMatchObject({ title: 'Silk road logistics hub', titleOriginal: null, titleLanguage: null });
    // Description type 1 (general) wins over type 2, which stays in raw.
    expect(en.description).toBe('A dry port near Navoi.');
    expect(en.raw?.description).toEqual([{ type: '2', narrative: 'Objectives: more trade.' }]);

    const fr = byId(result, 'XM-TEST-TITLE-FR-FIRST');
    expect(fr).toMatchObject({
      title: 'Silk industry upgrading',
      titleOriginal: 'Modernisation de la filière soie',
      titleLanguage: 'fr',
      description: 'The silk value chain.',
    });
    expect(fr.raw?.title).toEqual([{ lang: 'de', text: 'Modernisierung der Seidenindustrie' }]);

    const ru = byId(result, 'XM-TEST-TITLE-RU-ONLY');
    expect(ru).toMatchObject({
      title: 'Реконструкция дороги Душанбе — Чанак',
      titleOriginal: 'Реконструкция дороги Душанбе — Чанак',
      titleLanguage: 'ru',
    });

    // A narrative without xml:lang is in the activity's language.
    expect(byId(result, 'XM-TEST-TITLE-DEFAULT-LANG')).toMatchObject({
      title: 'Silk road',
      titleOriginal: "Ipak yo'li",
      titleLanguage: 'uz',
    });

    expect(byId(result, 'XM-TEST-TITLE-MISSING').title).toBe('XM-TEST-TITLE-MISSING');
    expect(messages(result, 'XM-TEST-TITLE-MISSING')).toEqual([
      'warning: no title; the iati-identifier stands in for it',
    ]);

    // No identifier, and a repeated identifier: errors instead of records.
    expect(result.records.map((r) => r.iatiIdentifier)).toEqual([
      'XM-TEST-TITLE-EN',
      'XM-TEST-TITLE-FR-FIRST',
      'XM-TEST-TITLE-RU-ONLY',
      'XM-TEST-TITLE-DEFAULT-LANG',
      'XM-TEST-TITLE-MISSING',
    ]);
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      {
        at: { line: 30 },
        severity: 'error',
        field: 'iati-identifier',
        message: 'iati-identifier is missing; activity not imported',
      },
      {
        recordKey: 'XM-TEST-TITLE-EN',
        at: { line: 33 },
        severity: 'error',
        field: 'iati-identifier',
        message: 'iati-identifier XM-TEST-TITLE-EN appears twice in the file; the second is not imported',
      },
    ]);
  });

  it('reads status and the four activity-date types', async () => {
    const result = await readFixture('dates.xml');
    const ok = byId(result, 'XM-TEST-DATES');
    expect(ok).toMatchObject({
      status: 2,
      plannedStart: '2019-03-01',
      actualStart: '2019-05-15',
      plannedEnd: '2023-12-31',
    });
    expect(ok.actualEnd).toBeNull();
    expect(messages(result, 'XM-TEST-DATES')).toEqual([
      'warning: activity-date type 4 has no valid iso-date',
      'warning: second activity-date of type 3; the first is used',
      'warning: unknown activity-date type "7"',
    ]);
    // The date with a narrative is kept in raw along with the ones not used.
    expect(ok.raw?.['activity-date']).toHaveLength(4);

    const bad = byId(result, 'XM-TEST-DATES-BAD');
    expect(bad).toMatchObject({ status: null, plannedStart: null, actualStart: '2022-01-01' });
    expect(messages(result, 'XM-TEST-DATES-BAD')).toEqual([
      'warning: unknown activity status "9"; left empty',
      'warning: activity-date type 1 has no valid iso-date',
      'warning: actualEnd 2021-01-01 is before actualStart 2022-01-01',
    ]);
  });

  it('maps participating organisations and marks UNIDO projects', async () => {
    const result = await readFixture('participants.xml');
    const unido = byId(result, 'XM-DAC-41123-TEST-1');
    expect(unido.participants).toEqual([
      {
        role: 1,
        organization: { name: 'European Investment Bank', nameLocal: null, iatiRef: 'XM-DAC-918', type: 40 },
      },
      {
        // No narrative: named after the same ref elsewhere in the activity (the reporting-org).
        role: 2,
        organization: {
          name: 'United Nations Industrial Development Organization',
          nameLocal: null,
          iatiRef: 'XM-DAC-41123',
          type: 40,
        },
      },
      {
        role: 3,
        organization: {
          name: 'Ministry of Investment and Foreign Trade',
          nameLocal: 'Министерство инвестиций и внешней торговли',
          iatiRef: null,
          type: 10,
        },
      },
      { role: 4, organization: { name: 'ООО «Ипак Йули»', nameLocal: null, iatiRef: null, type: 72 } },
      { role: 1, organization: { name: 'Odd type', nameLocal: null, iatiRef: null, type: null } },
    ]);
    expect(messages(result, 'XM-DAC-41123-TEST-1')).toEqual([
      'warning: unknown organisation role "9"; kept in raw',
      'warning: unknown organisation type "99"; left empty',
      'warning: organisation without name or ref; kept in raw',
    ]);
    // The reporting org is the file's publisher, not a participant.
    const fileSource = {
      externalRef: 'iati-file:participants.xml',
      title:
        'IATI activity file participants.xml (publisher United Nations Industrial Development Organization)',
      publisher: 'United Nations Industrial Development Organization',
      publishedDate: null,
      kind: 'dataset',
    };
    expect(unido.sources).toEqual([fileSource]);
    expect(unido.initiatives).toEqual([
      {
        initiative: 'unido',
        basis: 'official',
        note: 'Reported by UNIDO (reporting-org XM-DAC-41123)',
        source: fileSource,
      },
    ]);
    expect(unido.raw?.['reporting-org']).toMatchObject({ ref: 'XM-DAC-41123', type: '40' });
    expect(unido.raw?.['participating-org']).toEqual([
      { ref: 'XM-DAC-41123', role: '2', type: '40', 'activity-id': 'XM-DAC-41123-TEST-1' },
      { role: '9', ref: 'XX-1', narrative: 'Unknown role' },
      { role: '4', narrative: null },
    ]);

    const implementing = byId(result, 'GB-GOV-1-TEST-2');
    expect(implementing.initiatives).toMatchObject([
      {
        initiative: 'unido',
        basis: 'official',
        note: 'UNIDO (XM-DAC-41123) is a participating organisation (role 4)',
      },
    ]);
  });

  it('reads recipient countries, or collects them from the transactions', async () => {
    const result = await readFixture('countries.xml');
    const direct = byId(result, 'XM-TEST-COUNTRIES');
    expect(direct.countries).toEqual([
      { country: 'UZ', percentage: 60 },
      { country: 'TJ', percentage: 30 },
    ]);
    expect(messages(result, 'XM-TEST-COUNTRIES')).toEqual([
      'warning: unknown country code "XX"; kept in raw',
      'warning: recipient-country without a code',
      'warning: country percentages add up to 90, not 100 (recipient regions take the rest)',
    ]);
    expect(direct.raw?.['recipient-region']).toEqual([{ code: '89', vocabulary: '1', percentage: '10' }]);
    expect(direct.raw?.['recipient-country']).toHaveLength(2);

    const fromTx = byId(result, 'XM-TEST-COUNTRIES-FROM-TX');
    expect(fromTx.countries).toEqual([
      { country: 'TJ', percentage: null },
      { country: 'UZ', percentage: null },
    ]);
    expect(fromTx.raw?.countriesFrom).toBe('transactions');
  });

  it('reads DAC-5 sectors, falls back to DAC-3, and keeps other vocabularies raw', async () => {
    const result = await readFixture('sectors.xml');
    const both = byId(result, 'XM-TEST-SECTORS');
    expect(both.sectors).toEqual([
      { sector: '21030', percentage: 70 },
      { sector: '33120', percentage: 30 },
    ]);
    // Percentages add up per vocabulary: the DAC-3 line would double them, so it stays raw.
    expect(both.raw?.sector).toEqual([
      { code: 'H52.2', vocabulary: '99', percentage: '100', narrative: 'Warehousing' },
      { code: '88888', vocabulary: '1' },
      { code: '210', vocabulary: '2', percentage: '100' },
    ]);
    expect(messages(result, 'XM-TEST-SECTORS')).toEqual(['warning: unknown DAC sector "88888"; kept in raw']);

    expect(byId(result, 'XM-TEST-SECTORS-DAC3').sectors).toEqual([{ sector: '321', percentage: 100 }]);
    const fromTx = byId(result, 'XM-TEST-SECTORS-FROM-TX');
    expect(fromTx.sectors).toEqual([{ sector: '12264', percentage: null }]);
    expect(fromTx.raw?.sectorsFrom).toBe('transactions');
  });

  it('gives each location the precision its elements support', async () => {
    const result = await readFixture('locations.xml');
    const one = byId(result, 'XM-TEST-LOCATIONS');
    const summary = one.locations.map(({ name, country, precision, lat, lon, admin1Code }) => ({
      name,
      country,
      precision,
      point: lat == null || lon == null ? null : [lat, lon],
      admin1Code,
    }));
    expect(summary).toEqual([
      {
        name: 'Chukursay rail depot',
        country: 'UZ',
        precision: 'exact',
        point: [41.3526, 69.2165],
        admin1Code: 'UZ.TA',
      },
      { name: 'Near Navoi', country: 'UZ', precision: 'near', point: [40.1, 65.37], admin1Code: null },
      { name: 'Samarkand', country: 'UZ', precision: 'near', point: [39.6542, 66.9597], admin1Code: null },
      {
        name: 'Samarqand Region',
        country: 'UZ',
        precision: 'admin1',
        point: [39.75, 66.5],
        admin1Code: 'UZ.SA',
      },
      { name: 'Urgut District', country: 'UZ', precision: 'admin2', point: [39.4, 67.25], admin1Code: null },
      {
        name: 'Whole country',
        country: 'UZ',
        precision: 'country',
        point: [41.377491, 64.585262],
        admin1Code: null,
      },
      {
        name: 'Project office',
        country: 'UZ',
        precision: 'country',
        point: [41.31, 69.28],
        admin1Code: null,
      },
      { name: 'Kattakurgan', country: 'UZ', precision: 'admin2', point: null, admin1Code: 'UZ.SA' },
      { name: 'Somewhere', country: 'UZ', precision: 'country', point: null, admin1Code: null },
      { name: 'Bad point', country: 'UZ', precision: 'country', point: null, admin1Code: null },
      { name: 'Wrong region', country: 'UZ', precision: 'near', point: [41, 64], admin1Code: null },
    ]);
    expect(one.locations[2]?.raw?.precisionReason).toBe(
      "populated place, exactness 1: the point is the town's centre",
    );
    expect(one.locations[0]?.raw).toMatchObject({ ref: 'depot', exactness: { code: '1' } });
    expect(messages(result, 'XM-TEST-LOCATIONS')).toEqual([
      'warning: point "69.2 north" is not "latitude longitude" in range; not used',
      "warning: the point repeats the country's centroid given for the country; not used",
      'warning: admin-1 code TM.AL is not in UZ; not used',
    ]);
    for (const location of one.locations) expect(locationInputSchema.safeParse(location).success).toBe(true);

    // Several countries: a location must say which one it is in, or it is not placed.
    const multi = byId(result, 'XM-TEST-LOCATIONS-MULTI');
    expect(multi.locations.map((l) => [l.name, l.country, l.precision, l.admin1Code])).toEqual([
      ['Republic of Tajikistan', 'TJ', 'country', null],
      ['Gorno-Badakhshan', 'TJ', 'admin1', 'TJ.BK'],
    ]);
    expect(messages(result, 'XM-TEST-LOCATIONS-MULTI')).toEqual([
      'warning: location skipped: cannot tell which of the recipient countries (TJ, UZ) it is in',
    ]);
    expect(multi.raw?.location).toHaveLength(1);
  });

  it('turns transactions into funding flows', async () => {
    const result = await readFixture('transactions.xml');
    const tx = byId(result, 'XM-TEST-TX');
    const rows = tx.funding.map((f) => [
      f.externalRef,
      f.flow,
      f.amount,
      f.currency,
      f.valueDate,
      f.instrument,
    ]);
    expect(rows).toEqual([
      ['XM-TEST-TX#tx0', 'incoming_funds', '1000000.00', 'EUR', '2020-01-15', 'grant'],
      ['XM-TEST-TX#tx1', 'commitment', '2500000.555', 'USD', '2020-03-10', 'loan'],
      ['XM-TEST-TX#tx2', 'disbursement', '400000.10', 'EUR', '2021-01-05', 'equity'],
      ['XM-TEST-TX#tx3', 'expenditure', '-1500.5', 'EUR', '2021-06-30', 'grant'],
      ['XM-TEST-TX#tx4', 'incoming_commitment', '5000000', 'EUR', '2019-12-01', 'guarantee'],
      ['XM-TEST-TX#tx5', 'pledge', '7000000', 'EUR', '2019-11-01', 'other'],
      ['XM-TEST-TX#tx6', 'pledge', '6000000', 'EUR', '2019-10-01', 'grant'],
      ['XM-TEST-TX#tx10', 'disbursement', '20', 'EUR', null, 'grant'],
    ]);
    for (const f of tx.funding) expect(f.priceBasis).toBe('nominal');
    // Pledges keep their direction in raw: 12 outgoing, 13 incoming.
    expect(tx.funding.filter((f) => f.flow === 'pledge').map((f) => f.raw?.transactionType)).toEqual([
      12, 13,
    ]);

    const [incoming, commitment] = tx.funding;
    expect(incoming?.funder).toEqual({
      name: 'European Investment Bank',
      nameLocal: null,
      iatiRef: 'XM-DAC-918',
      type: null,
    });
    expect(incoming?.recipient).toEqual({
      name: 'UNIDO',
      nameLocal: null,
      iatiRef: 'XM-DAC-41123',
      type: 40,
    });
    expect(incoming?.at).toEqual({ line: 10 });
    expect(commitment?.raw).toEqual({
      transactionType: 2,
      ref: 'C-1',
      humanitarian: '0',
      'transaction-date': { 'iso-date': '2020-03-10' },
      description: { narrative: 'First tranche' },
      'finance-type': { code: '421' },
    });

    expect(messages(result, 'XM-TEST-TX')).toEqual([
      'warning: transaction type 5 (Interest Payment) is not a funding flow; transaction kept in raw only',
      'warning: value "1,000" is not a decimal number; transaction kept in raw only',
      'warning: unknown currency "ABC"; transaction kept in raw only',
      'warning: no value-date or transaction-date: no exchange rate can apply',
    ]);
    expect(((tx.raw?.transaction ?? []) as { index: number }[]).map((t) => t.index)).toEqual([7, 8, 9]);

    const noCurrency = byId(result, 'XM-TEST-TX-NO-CURRENCY');
    expect(noCurrency.funding.map((f) => [f.externalRef, f.currency])).toEqual([
      ['XM-TEST-TX-NO-CURRENCY#tx1', 'GBP'],
    ]);
    expect(messages(result, 'XM-TEST-TX-NO-CURRENCY')).toEqual([
      'warning: no currency (neither value/@currency nor the default-currency); transaction kept in raw only',
    ]);
  });

  it('cites document links and reads a Belt and Road tag', async () => {
    const result = await readFixture('documents-tags.xml');
    const docs = byId(result, 'XM-TEST-DOCS');
    expect(docs.sources.slice(1)).toEqual([
      {
        externalRef: 'https://www.adb.org/projects/documents/uzb-54282-001-rrp',
        url: 'https://www.adb.org/projects/documents/uzb-54282-001-rrp',
        title: 'Report and recommendation of the President',
        publisher: 'Asian Development Bank',
        publishedDate: '2020-11-30',
        language: 'en',
        kind: 'document',
      },
      {
        externalRef: 'http://example.org/no-title',
        url: 'http://example.org/no-title',
        title: 'http://example.org/no-title',
        publisher: 'Asian Development Bank',
        publishedDate: null,
        language: null,
        kind: 'document',
      },
    ]);
    expect(docs.raw?.['document-link']).toEqual([
      {
        url: 'https://www.adb.org/projects/documents/uzb-54282-001-rrp',
        format: 'application/pdf',
        category: ['A02', 'A07'],
      },
      { url: 'https://www.adb.org/projects/documents/uzb-54282-001-rrp', format: 'text/html', category: [] },
      { format: 'text/html', url: 'javascript:alert(1)', title: { narrative: 'Not a web address' } },
      { url: 'http://example.org/no-title', format: 'text/html', category: [] },
    ]);
    expect(messages(result, 'XM-TEST-DOCS')).toEqual([
      'warning: "javascript:alert(1)" is not an http(s) address; kept in raw',
    ]);
    expect(docs.initiatives).toEqual([
      {
        initiative: 'bri',
        basis: 'official',
        note: 'IATI tag (vocabulary 99) "BRI-2019": Belt and Road Initiative',
        source: docs.sources[0],
      },
    ]);
    expect(docs.raw?.tag).toEqual([
      { vocabulary: '2', code: '9', narrative: 'SDG 09: Industry, Innovation and Infrastructure' },
    ]);

    // An acronym alone, or a fixed vocabulary, is not a label.
    const notBri = byId(result, 'XM-TEST-TAGS-NOT-BRI');
    expect(notBri.initiatives).toEqual([]);
    expect(notBri.raw?.tag).toHaveLength(2);
  });

  it('keeps what has no column in raw', async () => {
    const result = await readFixture('raw.xml');
    const record = byId(result, 'XM-TEST-RAW');
    expect(record.raw).toEqual({
      attributes: { lang: 'en', 'default-currency': 'USD', hierarchy: '2', humanitarian: '1' },
      'reporting-org': { ref: 'XM-DAC-41114', type: '40', 'secondary-reporter': '0', narrative: 'UNDP' },
      'recipient-region': [{ code: '998', vocabulary: '1', percentage: '100' }],
      'collaboration-type': [{ code: '1' }],
      'default-flow-type': [{ code: '10' }],
      budget: [
        {
          type: '1',
          status: '2',
          'period-start': { 'iso-date': '2020-01-01' },
          'period-end': { 'iso-date': '2020-12-31' },
          value: { currency: 'USD', 'value-date': '2020-01-01', text: '5000' },
        },
        {
          type: '1',
          status: '2',
          'period-start': { 'iso-date': '2021-01-01' },
          'period-end': { 'iso-date': '2021-12-31' },
          value: { currency: 'USD', 'value-date': '2021-01-01', text: '6000' },
        },
      ],
      'contact-info': [{ type: '1', email: 'info@example.org' }],
      'acme:internal-code': ['X-17'],
      result: [{ type: '1', title: { narrative: 'Jobs created' } }],
    });
    expect(record.sources[0]?.publishedDate).toBe('2021-06-15');
    expect(record.at).toEqual({ line: 4 });
  });

  it('reads 2.01 and 2.02 files with the same mapping', async () => {
    const text = readFileSync(`${FIXTURES}transactions.xml`, 'utf8');
    const v203 = await readText(text);
    for (const version of ['2.01', '2.02']) {
      const older = await readText(text.replace('version="2.03"', `version="${version}"`));
      expect(older).toEqual(v203);
    }
    const future = await readText(text.replace('version="2.03"', 'version="2.04"'));
    expect(future.records).toEqual(v203.records);
    expect(messages(future)[0]).toBe('warning: unknown IATI version "2.04"; read as 2.03');
  });

  it('reads CDATA, skips comments and processing instructions, and non-activity children of the root', async () => {
    const long = 'x'.repeat(1200);
    const result = await readText(`<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="iati.xsl"?>
<!-- exported 2021-06-15 -->
<iati-activities version="2.03">
 <metadata><generated-by>test</generated-by></metadata>
 <iati-activity>
  <iati-identifier>XM-TEST-CDATA</iati-identifier>
  <title><narrative><![CDATA[Roads & <bridges>]]></narrative></title>
 </iati-activity>
 <iati-activity>
  <iati-identifier>XM-TEST-LONG</iati-identifier>
  <title><narrative>${long}</narrative></title>
 </iati-activity>
</iati-activities>`);
    expect(result.fatal).toBeNull();
    expect(byId(result, 'XM-TEST-CDATA').title).toBe('Roads & <bridges>');
    expect(byId(result, 'XM-TEST-LONG').title).toHaveLength(1000);
    expect(messages(result)).toEqual([
      'warning: <metadata> is not an <iati-activity>; skipped',
      'warning: title cut to 1000 characters',
    ]);
  });

  it('gives the same records whatever the chunk boundaries (characters split across chunks)', async () => {
    const bytes = readFileSync(`${FIXTURES}titles.xml`);
    const whole = await readBytes(bytes, { fileName: 'titles.xml' }, bytes.length);
    for (const size of [1, 3, 7]) {
      expect(await readBytes(bytes, { fileName: 'titles.xml' }, size)).toEqual(whole);
    }
  });
});

describe('IATI bad files', () => {
  it('refuses truncated XML with the line, after the activities read so far', async () => {
    const result = await readFixture('truncated.xml');
    expect(result.records.map((r) => r.iatiIdentifier)).toEqual(['XM-TEST-COMPLETE']);
    expect(result.fatal?.message).toMatch(/^XML is not well-formed: unclosed tag: narrative/);
    // Detected at the end of the input (the file's last line is 9, and it ends with a newline).
    expect(result.fatal?.line).toBe(10);
  });

  it('refuses a wrong root element', async () => {
    const result = await readFixture('wrong-root.xml');
    expect(result.fatal).toEqual({
      message:
        'Root element is <iati-organisations>, expected <iati-activities> (this is an IATI organisation file)',
      line: 2,
    });
    expect(result.records).toEqual([]);
  });

  it('refuses IATI 1.x', async () => {
    const result = await readFixture('iati-1.xml');
    expect(result.fatal).toEqual({ message: 'IATI 1.x is not supported (version="1.05")', line: 2 });
    expect(result.records).toEqual([]);
  });

  it('refuses a billion-laughs entity bomb without expanding it', async () => {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const result = await readFixture('billion-laughs.xml');
    expect(result.fatal).toEqual({ message: 'DOCTYPE/entities are not allowed', line: 13 });
    expect(result.records).toEqual([]);
    // Expanded, &lol9; would be 3 GB; refused, the parse costs next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses an external entity pointing at /etc/passwd', async () => {
    const result = await readFixture('external-entity.xml');
    expect(result.fatal?.message).toBe('DOCTYPE/entities are not allowed');
    expect(result.records).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('refuses an entity nobody declared', async () => {
    const result = await readFixture('undeclared-entity.xml');
    expect(result.fatal).toEqual({ message: 'XML is not well-formed: undefined entity.', line: 5 });
  });

  it('stops reading a file over the size limit', async () => {
    const bytes = readFileSync(`${FIXTURES}transactions.xml`);
    let pulled = 0;
    async function* counted() {
      for await (const chunk of chunks(bytes, 256)) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const result = await readAll(counted(), { fileName: 'transactions.xml', maxBytes: 1000 });
    expect(result.fatal?.message).toBe('File is larger than the limit of 1000 bytes; not read further');
    expect(pulled).toBeLessThanOrEqual(1024);
    expect(result.records).toEqual([]);
  });

  it('refuses bytes that are not UTF-8', async () => {
    // Latin-1 "é" in an undeclared (so UTF-8) file.
    const latin1 = Uint8Array.from(
      Buffer.concat([
        Buffer.from('<?xml version="1.0"?>\n<iati-activities version="2.03">\n<iati-activity><title>Caf'),
        Buffer.from([0xe9]),
        Buffer.from('</title></iati-activity></iati-activities>'),
      ]),
    );
    expect((await readBytes(latin1)).fatal?.message).toMatch(/^File is not valid UTF-8/);

    // A file that says it is something else.
    const declared = new TextEncoder().encode(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<iati-activities/>',
    );
    expect((await readBytes(declared)).fatal?.message).toBe(
      'File declares encoding "ISO-8859-1"; IATI files must be UTF-8',
    );
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x3c, 0x00, 0x3f, 0x00]);
    expect((await readBytes(utf16)).fatal?.message).toBe('File is UTF-16; IATI files must be UTF-8');

    // Random bytes (a fixed seed, so the test is stable).
    let seed = 20250601;
    const garbage = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    });
    expect((await readBytes(garbage)).fatal?.message).toMatch(
      /^(File is not valid UTF-8|XML is not well-formed)/,
    );

    // A UTF-8 byte-order mark is fine.
    const withBom = readFileSync(`${FIXTURES}dates.xml`);
    const bom = await readBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...withBom]), { fileName: 'dates.xml' });
    expect(bom).toEqual(await readBytes(withBom, { fileName: 'dates.xml' }));

    expect((await readBytes(new Uint8Array())).fatal?.message).toBe('File is empty');
    expect((await readText('hello')).fatal?.message).toMatch(/^XML is not well-formed/);
  });

  it('streams: records come out while the input is still being read, and memory stays flat', async () => {
    const activity = readFileSync(`${FIXTURES}transactions.xml`, 'utf8').match(
      /<iati-activity[\s\S]*?<\/iati-activity>/,
    )?.[0];
    if (!activity) throw new Error('fixture has no activity');
    const count = 5000; // ≈ 20 MB
    let pulled = 0;
    let pulledAtFirstRecord = -1;
    const encoder = new TextEncoder();
    // 64 KB chunks, as a file stream gives them.
    async function* generated() {
      let text = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n';
      for (let i = 0; i <= count; i++) {
        if (i < count) text += activity?.replace('XM-TEST-TX<', `XM-TEST-TX-GENERATED-${i}<`);
        else text += '</iati-activities>\n';
        if (text.length >= 64 * 1024 || i === count) {
          const chunk = encoder.encode(text);
          pulled += chunk.length;
          text = '';
          yield chunk;
        }
      }
    }
    const before = process.memoryUsage().rss;
    let records = 0;
    let peak = before;
    let heapAt1000 = 0;
    let heapAtEnd = 0;
    for await (const item of readIati(generated(), { fileName: 'generated.xml' })) {
      if (item.kind !== 'record') continue;
      if (records++ === 0) pulledAtFirstRecord = pulled;
      if (records % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      if (records === 1000) heapAt1000 = heapAfterGc();
      if (records === count) heapAtEnd = heapAfterGc(); // still inside the read
    }
    expect(records).toBe(count);
    expect(pulledAtFirstRecord).toBeLessThan(100_000);
    expect(pulled).toBeGreaterThan(10 * 1024 * 1024);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
    // Nothing of the 4000 activities read since is still held (≈ 15 MB of XML if it were).
    expect(heapAtEnd - heapAt1000).toBeLessThan(4 * 1024 * 1024);
  });
});

// --- the real files --------------------------------------------------------------------------

const realFiles = readdirSync(DATA)
  .filter((f) => f.endsWith('.xml'))
  .sort();

/** Exact decimal sums: every amount scaled to 20 decimals as a BigInt. */
const SCALE = 20;
function scaled(value: string): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0');
  if (frac.length > SCALE) throw new Error(`too many decimals: ${value}`);
  const n = BigInt(`${m[2] || '0'}${frac}`);
  return m[1] === '-' ? -n : n;
}
function add(sums: Map<string, bigint>, key: string, value: string): void {
  sums.set(key, (sums.get(key) ?? 0n) + scaled(value));
}

/** An independent scan of the raw text: activities and transaction totals by type and currency. */
function scan(xml: string): { activities: number; sums: Map<string, bigint>; transactions: number } {
  const sums = new Map<string, bigint>();
  let transactions = 0;
  const activities = xml.match(/<iati-activity[\s>][\s\S]*?<\/iati-activity>/g) ?? [];
  for (const activity of activities) {
    const defaultCurrency = /^<iati-activity[^>]*\sdefault-currency="([^"]*)"/.exec(activity)?.[1];
    for (const tx of activity.match(/<transaction[\s>][\s\S]*?<\/transaction>/g) ?? []) {
      transactions++;
      const type = /<transaction-type[^>]*\scode="([^"]*)"/.exec(tx)?.[1];
      const value = /<value(\s[^>]*)?>([^<]*)<\/value>/.exec(tx);
      const currency = /\scurrency="([^"]*)"/.exec(value?.[1] ?? '')?.[1] ?? defaultCurrency;
      if (!type || !value?.[2] || !currency) throw new Error(`unexpected transaction: ${tx.slice(0, 200)}`);
      add(sums, `${type} ${currency.toUpperCase()}`, value[2]);
    }
  }
  return { activities: (xml.match(/<iati-activity[\s>]/g) ?? []).length, sums, transactions };
}

describe('IATI real files (packages/db/data/iati)', () => {
  it('has the 22 files', () => {
    expect(realFiles).toHaveLength(22);
  });

  it.each(realFiles)(
    '%s: every activity is read or rejected with a reason; totals match the file',
    async (file) => {
      const xml = readFileSync(`${DATA}${file}`, 'utf8');
      const result = await readAll(createReadStream(`${DATA}${file}`), { fileName: file });
      expect(result.fatal).toBeNull();

      const expected = scan(xml);
      const rejected = result.issues.filter((i) => i.severity === 'error');
      expect(result.records.length + rejected.length).toBe(expected.activities);
      for (const issue of result.issues) {
        expect(issue.message).not.toBe('');
        expect(issue.at?.line).toBeGreaterThan(0);
      }

      // Totals by transaction type and currency: mapped flows, plus the transactions kept in raw.
      const sums = new Map<string, bigint>();
      let transactions = 0;
      for (const record of result.records) {
        for (const f of record.funding) {
          transactions++;
          add(sums, `${String(f.raw?.transactionType)} ${f.currency}`, f.amount);
        }
        for (const kept of (record.raw?.transaction ?? []) as Record<string, unknown>[]) {
          transactions++;
          const type = (kept['transaction-type'] as { code: string }).code;
          const value = kept.value as { currency?: string; text: string };
          const attributes = (record.raw?.attributes ?? {}) as Record<string, string>;
          const currency = value.currency ?? String(attributes['default-currency']);
          add(sums, `${type} ${currency.toUpperCase()}`, value.text);
        }
      }
      expect(transactions).toBe(expected.transactions);
      expect(sums).toEqual(expected.sums);

      for (const record of result.records) {
        expect(record.at?.line).toBeGreaterThan(0);
        expect(record.title.trim()).not.toBe('');
        if (record.titleLanguage) expect(languageSchema.safeParse(record.titleLanguage).success).toBe(true);
        for (const c of record.countries) expect(isCountryCode(c.country)).toBe(true);
        for (const s of record.sectors) expect(isSectorCode(s.sector)).toBe(true);
        for (const f of record.funding) expect(isCurrencyCode(f.currency)).toBe(true);
        for (const l of record.locations) expect(locationInputSchema.safeParse(l).success).toBe(true);
        expect(record.sources[0]).toMatchObject({ kind: 'dataset', externalRef: `iati-file:${file}` });
        expect(new Set(record.funding.map((f) => f.externalRef)).size).toBe(record.funding.length);
      }
    },
  );

  it('reads all 128 activities; UNIDO is marked, USAID gets its countries from transactions', async () => {
    const all: ProjectRecord[] = [];
    for (const file of realFiles) {
      all.push(...(await readAll(createReadStream(`${DATA}${file}`), { fileName: file })).records);
    }
    expect(all).toHaveLength(128);
    const unido = all.filter((r) => r.initiatives.some((i) => i.initiative === 'unido'));
    expect(unido.map((r) => r.iatiIdentifier)).toEqual(['XM-DAC-41123-PROJECT-180041']);
    const usaid = all.find((r) => r.iatiIdentifier === 'US-GOV-1-7200AA19CA00002');
    expect(usaid?.countries.map((c) => c.country)).toContain('TJ');
    expect(usaid?.raw?.countriesFrom).toBe('transactions');
    // The focus countries, as PROVENANCE.md counts them (one activity may name several).
    const mentions = (code: string) => all.filter((r) => r.countries.some((c) => c.country === code)).length;
    expect([mentions('AZ'), mentions('TJ'), mentions('TM'), mentions('UZ')]).toEqual([29, 45, 22, 32]);
  });
});
