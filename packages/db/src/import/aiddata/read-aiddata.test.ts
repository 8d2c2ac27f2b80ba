import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SECTOR_CATEGORIES } from '@srt/shared/codes';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportIssue, ProjectRecord, ReadItem } from '../types.ts';
import { AIDDATA_SECTORS, sectorCategoryForAidData } from './mapping.ts';
import { type AidDataInput, findAidDataFiles, readAidData } from './read-aiddata.ts';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));

async function collect(input: AidDataInput, maxBytes?: number) {
  const items: ReadItem[] = [];
  for await (const item of readAidData(input, { maxBytes })) items.push(item);
  const records: ProjectRecord[] = [];
  const issues: ImportIssue[] = [];
  const fatals: string[] = [];
  for (const item of items) {
    if (item.kind === 'record') records.push(item.record);
    else if (item.kind === 'issue') issues.push(item.issue);
    else fatals.push(item.message);
  }
  return { records, issues, fatal: fatals[0], fatals: fatals.length };
}

const csv = async (name: string): Promise<Record<string, string>[]> =>
  parse(await readFile(`${DATA}${name}`), { columns: true, bom: true }) as Record<string, string>[];

/** Cents of a decimal string, rounded half up — written apart from the reader's own rounding. */
function cents(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  const micro = BigInt(whole + fraction.padEnd(15, '0').slice(0, 15));
  return (micro + 5n * 10n ** 12n) / 10n ** 13n;
}

describe('AidData GCDF 3.0, the shipped files', () => {
  let records: ProjectRecord[];
  let issues: ImportIssue[];
  let byId: Map<string, ProjectRecord>;
  let official: Record<string, string>[];
  let geocoded: Record<string, string>[];

  beforeAll(async () => {
    const result = await collect(DATA);
    expect(result.fatal).toBeUndefined();
    records = result.records;
    issues = result.issues;
    byId = new Map(records.map((r) => [r.externalRef?.replace('aiddata:', '') ?? '', r]));
    official = await csv('aiddata_gcdf3_recipient_year_az_tj_tm_uz.csv');
    geocoded = await csv('aiddata_gcdf3_geocoded_az_tj_tm_uz.csv');
  });

  it('finds the five files in the data folder', async () => {
    const { files, problems } = await findAidDataFiles(DATA);
    expect(problems).toEqual([]);
    expect(files).toEqual({
      projects: 'aiddata_gcdf3_az_tj_tm_uz.csv',
      recipientYear: 'aiddata_gcdf3_recipient_year_az_tj_tm_uz.csv',
      geocoded: 'aiddata_gcdf3_geocoded_az_tj_tm_uz.csv',
      over10m: 'aiddata_gcdf3_over10m_az_tj_tm_uz.csv',
      geometries: 'aiddata_gcdf3_geometries_az_tj_tm_uz.geojson',
    });
  });

  it('reads 331 records with the official recipient and commitment year', () => {
    expect(official).toHaveLength(331);
    expect(records).toHaveLength(331);
    expect(new Set(records.map((r) => r.externalRef)).size).toBe(331);
    const iso2 = { AZE: 'AZ', TJK: 'TJ', TKM: 'TM', UZB: 'UZ' } as Record<string, string>;
    for (const row of official) {
      const record = byId.get(row['AidData Record ID'] ?? '');
      expect(record?.countries).toEqual([{ country: iso2[row['Recipient ISO-3'] ?? ''], percentage: 100 }]);
      expect(record?.raw?.aiddata).toMatchObject({
        commitmentYear: Number(row['Commitment Year']),
        commitmentYearBasis: 'aiddata',
      });
      expect(record?.raw?.inferred).toBeUndefined();
    }
    const countries = records.map((r) => r.countries[0]?.country);
    expect(['AZ', 'TJ', 'TM', 'UZ'].map((c) => countries.filter((x) => x === c).length)).toEqual([
      37, 120, 37, 137,
    ]);
  });

  it('only warns: 45 records without text, one with its dates the wrong way round', () => {
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.filter((i) => i.field === 'title')).toHaveLength(45);
    expect(issues.filter((i) => i.field !== 'title').map((i) => [i.recordKey, i.field])).toEqual([
      ['aiddata:65740', 'actualEnd'],
    ]);
    expect(byId.get('65740')).toMatchObject({ actualStart: null, actualEnd: null });
  });

  it('maps every sector name in the files to a known category', async () => {
    const names = new Set((await csv('aiddata_gcdf3_az_tj_tm_uz.csv')).map((r) => r.sector_name ?? ''));
    expect(names.size).toBe(19);
    for (const name of names) expect(sectorCategoryForAidData(name), name).not.toBeNull();
    for (const category of Object.values(AIDDATA_SECTORS)) expect(category in SECTOR_CATEGORIES).toBe(true);
    expect(byId.get('39644')?.sectors).toEqual([{ sector: '230', percentage: null }]);
    expect(records.filter((r) => r.sectors.length === 1)).toHaveLength(286);
  });

  it('gives the 152 geocoded records a location from AidData, and the others a country-level one', () => {
    expect(geocoded).toHaveLength(152);
    const ids = new Set(geocoded.map((r) => r['AidData.Record.ID']));
    for (const record of records) {
      expect(record.locations).toHaveLength(1);
      const basis = record.locations[0]?.raw?.basis;
      const id = record.externalRef?.replace('aiddata:', '');
      expect(basis === 'not-geocoded', `${id}`).toBe(!ids.has(id));
    }
    const pinned = records.filter((r) => ['exact', 'near'].includes(r.locations[0]?.precision ?? ''));
    expect(pinned.length).toBeGreaterThan(20);
    for (const r of pinned) {
      expect(r.locations[0]?.lat).toEqual(expect.any(Number));
      expect(r.locations[0]?.lon).toEqual(expect.any(Number));
    }
  });

  it('never places a derived map-view point better than near', () => {
    const derived = records
      .map((r) => r.locations[0])
      .filter((l) => ['osm-link-map-fragment', 'osm-directions-route-start'].includes(String(l?.raw?.basis)));
    expect(derived).toHaveLength(21);
    for (const location of derived) {
      expect(['near', 'admin2', 'admin1', 'country']).toContain(location?.precision);
      expect(String(location?.raw?.note)).toMatch(/^Derived/);
    }
    // Zoom 7 over a district: no point at all, the view's centre kept in raw.
    expect(byId.get('70430')?.locations[0]).toMatchObject({
      precision: 'country',
      lat: null,
      raw: { mapZoom: 7 },
    });
    // The geometry wins over the map view when both exist (65866: 4 km of pipeline).
    expect(byId.get('65866')?.locations[0]).toMatchObject({
      precision: 'near',
      raw: { basis: 'aiddata-geometry-centroid' },
    });
    // A pipeline across Uzbekistan is no point.
    expect(byId.get('91898')?.locations[0]).toMatchObject({ precision: 'country', lat: null });
  });

  it('writes one constant-2021 USD funding row for each of the 122 amounts, summing exactly', () => {
    const withAmount = geocoded.filter((r) => r['Amount.(Constant.USD.2021)'] !== '');
    expect(withAmount).toHaveLength(122);
    const funded = records.filter((r) => r.funding.length > 0);
    expect(funded).toHaveLength(122);
    let sum = 0n;
    for (const record of funded) {
      expect(record.funding).toHaveLength(1);
      const f = record.funding[0];
      expect(f).toMatchObject({
        flow: 'commitment',
        currency: 'USD',
        priceBasis: 'constant-2021',
        usd: { amountUsd: f?.amount, rate: '1', rateSource: 'AidData GCDF 3.0, constant 2021 USD' },
      });
      expect(f?.amount).toMatch(/^\d+\.\d\d$/);
      expect(f?.funder?.country).toBe('CN');
      sum += BigInt(f?.amount.replace('.', '') ?? '0');
    }
    const expected = withAmount.reduce(
      (total, r) => total + cents(r['Amount.(Constant.USD.2021)'] ?? ''),
      0n,
    );
    expect(sum).toBe(expected);
    expect(byId.get('39644')?.funding[0]).toMatchObject({
      externalRef: 'aiddata:39644#commitment',
      amount: '542976319.02',
      valueDate: '2006-12-21',
      raw: { amountConstantUsd2021: '542976319.022248' },
    });
    // The exact total of the published figures differs from the sum of rounded cents by under 1 cent a row.
    const micro = withAmount.reduce((t, r) => {
      const [w = '0', f = ''] = (r['Amount.(Constant.USD.2021)'] ?? '').split('.');
      return t + BigInt(w + f.padEnd(15, '0').slice(0, 15));
    }, 0n);
    const diff = sum * 10n ** 13n - micro;
    expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(61n * 10n ** 13n);
  });

  it('takes flow type, class and agency types from the ≥ USD 10M file', () => {
    const record = byId.get('72686');
    expect(record?.funding[0]).toMatchObject({
      instrument: 'loan',
      funder: {
        name: 'China: state-owned policy bank (not named in the AidData files)',
        country: 'CN',
        type: 15,
      },
      raw: { flowClass: 'OOF-like', intent: 'Mixed', flowTypeSimplified: 'Loan' },
    });
    expect(record?.participants).toEqual([{ organization: record?.funding[0]?.funder, role: 1 }]);
    expect(byId.get('40131')?.funding[0]?.funder).toEqual({
      name: 'China (official sector, unspecified)',
      country: 'CN',
    });
  });

  it('attributes every record to bri as assessed, never official, citing the record', () => {
    for (const record of records) {
      const id = record.externalRef?.replace('aiddata:', '');
      expect(record.initiatives).toHaveLength(1);
      expect(record.initiatives[0]).toMatchObject({ initiative: 'bri', basis: 'assessed' });
      expect(record.initiatives[0]?.note).toContain(
        `attributed by rule: AidData GCDF 3.0 record ${id}; not an official BRI label`,
      );
      expect(record.sources).toEqual([
        expect.objectContaining({
          externalRef: 'aiddata:gcdf3',
          kind: 'dataset',
          quote: `AidData Record ID ${id}`,
        }),
      ]);
    }
  });

  it('maps statuses and dates from the geocoded file', () => {
    const statuses = records.map((r) => r.status);
    expect([1, 2, 3, null].map((s) => statuses.filter((x) => x === s).length)).toEqual([18, 20, 114, 179]);
    expect(byId.get('39644')).toMatchObject({
      status: 3,
      actualStart: '2006-09-16',
      actualEnd: '2009-11-29',
    });
  });
});

async function* text(value: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(value);
}
const file = (fileName: string, value: string) => ({ fileName, bytes: text(value) });

const TEXT_HEADER =
  'aid_data_record_id,sector_name,title,description,staff_comments,recipient_inferred,recipient_iso2_inferred,recipient_iso3_inferred,commitment_year_inferred,inference_basis,source_chunk_file';
const OFFICIAL_HEADER =
  'AidData Record ID,Recipient,Recipient ISO-3,Recipient Region,Commitment Year,in_recommended_for_aggregates_subset_DERIVED';
const GEOCODED_HEADER =
  'Level.of.precision,Type.of.the.OSM.feature,OSM.link,AidData.Record.ID,Amount.(Constant.USD.2021),Title,Status,Sector.Name,Recipient,Recipient.ISO-3,Infrastructure,Commitment.Year,Implementation.Start.Year,Completion.Year,Commitment.Date.(MM/DD/YYYY),Actual.Implementation.Start.Date.(MM/DD/YYYY),Actual.Completion.Date.(MM/DD/YYYY),lat_DERIVED,lon_DERIVED,coord_basis_DERIVED';

describe('AidData GCDF 3.0, hand-made files', () => {
  it('uses inferred recipient and year only where AidData gives none, and flags them', async () => {
    const { records, issues } = await collect({
      projects: file(
        'text.csv',
        `${TEXT_HEADER}\n1,ENERGY,Plant,Desc,Comment,Uzbekistan,UZ,UZB,2015,text-mention,c1\n2,Made-up sector,School,,,Tajikistan,TJ,TJK,2012,position-between-mentions,c2\n`,
      ),
      recipientYear: file('official.csv', `${OFFICIAL_HEADER}\n1,Uzbekistan,UZB,Asia,2016,yes\n`),
    });
    expect(records.map((r) => [r.externalRef, r.countries[0]?.country, r.raw?.inferred])).toEqual([
      ['aiddata:1', 'UZ', undefined],
      ['aiddata:2', 'TJ', true],
    ]);
    expect(records[0]?.raw?.aiddata).toMatchObject({ commitmentYear: 2016 });
    const inferred = records[1];
    expect(inferred?.raw).toMatchObject({
      inferred: true,
      note: expect.stringContaining('inferred'),
      aiddata: {
        commitmentYear: 2012,
        commitmentYearBasis: 'inferred',
        inferenceBasis: 'position-between-mentions',
      },
    });
    expect(inferred?.initiatives[0]?.note).toContain('recipient and commitment year are inferred');
    expect(inferred?.sectors).toEqual([]);
    expect(inferred?.raw?.aiddata).toMatchObject({ sectorName: 'Made-up sector' });
    expect(issues.map((i) => [i.recordKey, i.severity, i.field])).toEqual([
      ['aiddata:2', 'warning', 'sectors'],
      ['aiddata:2', 'warning', 'countries'],
    ]);
  });

  it('turns a pledge into a pledge, rounds exactly and keeps the point of a precise view as near', async () => {
    const { records, issues } = await collect({
      recipientYear: file(
        'official.csv',
        `${OFFICIAL_HEADER}\n7,Azerbaijan,AZE,Asia,2019,no\n8,Azerbaijan,AZE,Asia,2019,no\n`,
      ),
      geocoded: file(
        'geocoded.csv',
        [
          GEOCODED_HEADER,
          'PRECISE,Point,https://www.openstreetmap.org/node/1#map=16/40.4/49.8,7,1000.005,Port,Pipeline: Pledge,TRANSPORT AND STORAGE,Azerbaijan,AZE,Yes,2019,,,2019-03-04,,,40.4,49.8,osm-link-map-fragment',
          'ADM6,Polygon,https://www.openstreetmap.org/relation/2,8,,Clinic,Implementation,HEALTH,Azerbaijan,AZE,,2019,,,03/05/2019,,,,,',
        ].join('\n'),
      ),
    });
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({
      status: 1,
      funding: [
        { externalRef: 'aiddata:7#pledge', flow: 'pledge', amount: '1000.01', valueDate: '2019-03-04' },
      ],
      locations: [
        { precision: 'near', lat: 40.4, lon: 49.8, raw: { mapZoom: 16, aidDataPrecision: ['PRECISE'] } },
      ],
    });
    expect(records[1]).toMatchObject({
      status: 2,
      funding: [],
      locations: [{ precision: 'country', country: 'AZ', lat: null, raw: { aidDataPrecision: ['ADM6'] } }],
      raw: { aiddata: { commitmentDate: '2019-03-05' } },
    });
  });

  it('refuses missing columns, over-large files and an empty input with a reason', async () => {
    const missing = await collect({
      recipientYear: file('official.csv', 'AidData Record ID,Recipient\n1,Uzbekistan\n'),
    });
    expect(missing.fatal).toBe('official.csv: missing AidData columns: Recipient ISO-3, Commitment Year');
    expect(missing.records).toEqual([]);
    const big = await collect(
      { recipientYear: file('official.csv', `${OFFICIAL_HEADER}\n1,Uzbekistan,UZB,Asia,2016,yes\n`) },
      50,
    );
    expect(big.fatal).toBe('official.csv is over the size limit of 50 bytes');
    expect((await collect({})).fatal).toContain('No AidData GCDF files');
    const broken = await collect({
      recipientYear: file('official.csv', `${OFFICIAL_HEADER}\n1,Uzbekistan,UZB,Asia,2016,yes\n`),
      geometries: file('shapes.geojson', '{"type":"FeatureCollection","features":['),
    });
    expect(broken.fatal).toBe('shapes.geojson is not valid GeoJSON (JSON could not be parsed)');
    expect(broken.records).toEqual([]);
  });

  it('rejects a record of another country and ignores rows without a record ID', async () => {
    const { records, issues } = await collect({
      recipientYear: file(
        'official.csv',
        `${OFFICIAL_HEADER}\n5,Kazakhstan,KAZ,Asia,2016,yes\nabc,Uzbekistan,UZB,Asia,2016,yes\n`,
      ),
    });
    expect(records).toEqual([]);
    expect(issues.map((i) => [i.severity, i.at?.row, i.message])).toEqual([
      ['error', 3, expect.stringContaining('not an AidData record ID: "abc"')],
      ['error', 2, expect.stringContaining('KAZ is not one of the tracked countries')],
    ]);
  });
});
