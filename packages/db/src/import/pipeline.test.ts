import { and, count, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../client.ts';
import {
  auditEntries,
  funding,
  importRuns,
  locations,
  organizations,
  projectCountries,
  projects,
  sourceLinks,
  sources,
} from '../schema.ts';
import { loadFoundingRecord } from '../seed/index.ts';
import { createTestDatabase } from '../testing.ts';
import { type ImportReport, type RunImportOptions, runImport } from './pipeline.ts';
import { loadExchangeRates } from './rates.ts';
import type { FundingRecord, ProjectRecord, Reader, ReadItem } from './types.ts';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await loadExchangeRates(db, { actor: 'test' });
  await loadFoundingRecord(db);
});
afterAll(() => database.close());

const fileSource = (file: string) => ({
  externalRef: `test-file:${file}`,
  title: file,
  kind: 'dataset' as const,
  publisher: 'Test publisher',
});

function tx(id: string, n: number, over: Partial<FundingRecord> = {}): FundingRecord {
  return {
    externalRef: `${id}#tx${n}`,
    flow: 'commitment',
    amount: '1000000',
    currency: 'EUR',
    priceBasis: 'nominal',
    valueDate: '2020-05-25',
    funder: { name: 'European Union', iatiRef: 'XI-IATI-EC_INTPA', type: 40 },
    ...over,
  };
}

function activity(id: string, over: Partial<ProjectRecord> = {}, line = 1): ProjectRecord {
  return {
    iatiIdentifier: id,
    title: `Activity ${id}`,
    description: 'COVID-19 response',
    status: 2,
    plannedStart: '2020-04-01',
    plannedEnd: '2021-12-31',
    countries: [{ country: 'UZ', percentage: 100 }],
    sectors: [{ sector: '12264', percentage: 100 }],
    initiatives: [],
    participants: [
      {
        organization: { name: 'United Nations Industrial Development Organization', iatiRef: 'XM-DAC-41123' },
        role: 4,
      },
      { organization: { name: 'Ministry of Health of Uzbekistan', type: 10, country: 'UZ' }, role: 4 },
    ],
    locations: [{ name: 'Tashkent', country: 'UZ', precision: 'exact', lat: 41.2995, lon: 69.2401 }],
    funding: [tx(id, 1), tx(id, 2, { flow: 'disbursement', amount: '250000.50', currency: 'USD' })],
    sources: [
      fileSource('test.xml'),
      { externalRef: `doc:${id}`, title: 'Project document', kind: 'document' },
    ],
    at: { line },
    ...over,
  };
}

const records = (list: ProjectRecord[]): ReadItem[] => list.map((record) => ({ kind: 'record', record }));

async function* stream(items: ReadItem[]): AsyncIterable<ReadItem> {
  for (const item of items) yield item;
}

const run = (items: ReadItem[], over: Partial<RunImportOptions> = {}): Promise<ImportReport> =>
  runImport(db, {
    items: stream(items),
    fileHash: 'test-hash',
    fileName: 'test.xml',
    format: 'iati',
    actor: 'tester',
    ...over,
  } as RunImportOptions);

/** Every table but import_runs, each as an order-independent hash of its rows. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'import_runs' and tablename not like '__drizzle%' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables.rows) {
    const result = await db.execute<{ h: string; n: number }>(
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from "${tablename}" t`,
      ),
    );
    out[tablename] = `${result.rows[0]?.n}:${result.rows[0]?.h}`;
  }
  return out;
}

const auditCount = async () => (await db.select({ n: count() }).from(auditEntries))[0]?.n ?? 0;
const projectOf = async (id: string) =>
  (await db.select().from(projects).where(eq(projects.iatiIdentifier, id)))[0];

const A = 'XM-TEST-A';
const B = 'XM-TEST-B';
const C = 'XM-TEST-C';

/** Runs `body` while a trigger makes the database refuse inserts into `table` where `when` holds. */
async function withRefusal(table: string, when: SQL, message: string, body: () => Promise<void>) {
  await db.execute(sql`create function refuse_row() returns trigger language plpgsql as $$
    begin if ${when} then raise exception '${sql.raw(message)}'; end if; return new; end $$`);
  await db.execute(
    sql`create trigger refuse_row before insert on ${sql.identifier(table)} for each row execute function refuse_row()`,
  );
  try {
    await body();
  } finally {
    await db.execute(sql`drop trigger refuse_row on ${sql.identifier(table)}`);
    await db.execute(sql`drop function refuse_row()`);
  }
}

describe('runImport', () => {
  it('loads new records with their children, organisations, sources and USD values', async () => {
    const report = await run(records([activity(A), activity(B, {}, 40), activity(C, {}, 80)]));
    expect(report.status).toBe('succeeded');
    expect(report.counts).toEqual({ new: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.changes.map((c) => [c.key, c.action])).toEqual([
      [A, 'new'],
      [B, 'new'],
      [C, 'new'],
    ]);

    const project = await projectOf(A);
    expect(project).toMatchObject({ version: 1, createdBy: 'tester', status: 2 });
    expect(project?.searchText).toContain('xm-test-a');
    expect(project?.qualityScore).toBeGreaterThan(50);

    const [location] = await db
      .select()
      .from(locations)
      .where(eq(locations.projectId, project?.id ?? ''));
    expect(location).toMatchObject({ admin1Code: 'UZ.TK', problem: null });

    const rows = await db
      .select()
      .from(funding)
      .where(eq(funding.projectId, project?.id ?? ''));
    const eur = rows.find((r) => r.externalRef === `${A}#tx1`);
    expect(eur).toMatchObject({ amount: '1000000.00', currency: 'EUR', amountUsd: '1142196.11' });
    expect(eur?.rateSource).toContain('IMF');
    expect(rows.find((r) => r.externalRef === `${A}#tx2`)).toMatchObject({
      amountUsd: '250000.50',
      usdRate: '1.0000000000',
    });

    // UNIDO exists from the founding record (by IATI ref); the EU and the ministry are created once.
    const unido = await db.select().from(organizations).where(eq(organizations.iatiRef, 'XM-DAC-41123'));
    expect(unido).toHaveLength(1);
    expect(unido[0]?.createdBy).toBe('seed');
    const ministry = await db
      .select()
      .from(organizations)
      .where(eq(organizations.nameKey, 'ministry of health of uzbekistan'));
    expect(ministry).toHaveLength(1);

    // One file source, linked to every project and funding row.
    const [file] = await db.select().from(sources).where(eq(sources.externalRef, 'test-file:test.xml'));
    const links = await db
      .select()
      .from(sourceLinks)
      .where(eq(sourceLinks.sourceId, file?.id ?? ''));
    expect(links.filter((l) => l.projectId)).toHaveLength(3);
    expect(links.filter((l) => l.fundingId)).toHaveLength(6);

    const [runRow] = await db.select().from(importRuns).where(eq(importRuns.id, report.runId));
    expect(runRow).toMatchObject({
      status: 'succeeded',
      dryRun: false,
      actor: 'tester',
      fileHash: 'test-hash',
    });
    expect(runRow?.counts).toEqual(report.counts);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const report = await run(records([activity(A), activity(B, {}, 40), activity(C, {}, 80)]));
    expect(report.counts).toEqual({ new: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(report.changes).toEqual([]);
    expect(await auditCount()).toBe(audits);
    expect(await snapshot()).toEqual(before);
  });

  it('updates only what changed, bumping versions and auditing before and after', async () => {
    const project = await projectOf(B);
    const [countryBefore] = await db
      .select()
      .from(projectCountries)
      .where(eq(projectCountries.projectId, project?.id ?? ''));
    const [locationBefore] = await db
      .select()
      .from(locations)
      .where(eq(locations.projectId, project?.id ?? ''));
    const fundingBefore = await db
      .select()
      .from(funding)
      .where(eq(funding.projectId, project?.id ?? ''));
    const audits = await auditCount();

    const changed = activity(B, {
      title: 'Activity B, renamed',
      locations: [{ name: 'Samarkand', country: 'UZ', precision: 'exact', lat: 39.6542, lon: 66.9597 }],
      funding: [
        tx(B, 1, { amount: '1200000' }),
        tx(B, 2, { flow: 'disbursement', amount: '250000.50', currency: 'USD' }),
      ],
    });
    const report = await run(records([activity(A), changed, activity(C)]));
    expect(report.counts).toEqual({ new: 0, updated: 1, unchanged: 2, rejected: 0 });
    expect(report.changes).toEqual([
      { key: B, action: 'updated', parts: ['title', 'locations', 'funding'], at: { line: 1 } },
    ]);

    const after = await projectOf(B);
    expect(after).toMatchObject({ title: 'Activity B, renamed', version: 2 });
    expect(after?.searchText).toContain('renamed');
    // Countries untouched (same row), locations replaced.
    const [countryAfter] = await db
      .select()
      .from(projectCountries)
      .where(eq(projectCountries.projectId, after?.id ?? ''));
    expect(countryAfter).toEqual(countryBefore);
    const [locationAfter] = await db
      .select()
      .from(locations)
      .where(eq(locations.projectId, after?.id ?? ''));
    expect(locationAfter?.id).not.toBe(locationBefore?.id);
    expect(locationAfter?.admin1Code).toBe('UZ.SA');

    const fundingAfter = await db
      .select()
      .from(funding)
      .where(eq(funding.projectId, after?.id ?? ''));
    const tx1 = fundingAfter.find((f) => f.externalRef === `${B}#tx1`);
    const tx2 = fundingAfter.find((f) => f.externalRef === `${B}#tx2`);
    expect(tx1).toMatchObject({ amount: '1200000.00', version: 2, amountUsd: '1370635.33' });
    expect(tx2).toEqual(fundingBefore.find((f) => f.externalRef === `${B}#tx2`));

    const newAudits = await db
      .select()
      .from(auditEntries)
      .where(sql`${auditEntries.id} > ${audits}`)
      .orderBy(auditEntries.id);
    expect(newAudits.map((a) => [a.entity, a.action])).toEqual([
      ['project', 'update'],
      ['funding', 'update'],
    ]);
    expect(newAudits[0]?.before).toMatchObject({ title: `Activity ${B}`, version: 1 });
    expect(newAudits[0]?.after).toMatchObject({ title: 'Activity B, renamed', version: 2 });
    expect(newAudits[0]?.actor).toBe('tester');
  });

  it('soft-deletes a funding row gone from the file, and restores it when it comes back', async () => {
    const report = await run(records([activity(C, { funding: [tx(C, 1)] })]));
    expect(report.counts.updated).toBe(1);
    const project = await projectOf(C);
    expect(project?.version).toBe(1);
    const [gone] = await db
      .select()
      .from(funding)
      .where(eq(funding.externalRef, `${C}#tx2`));
    expect(gone?.deletedAt).not.toBeNull();
    expect(gone?.version).toBe(2);

    const back = await run(records([activity(C)]));
    expect(back.counts.updated).toBe(1);
    const [restored] = await db
      .select()
      .from(funding)
      .where(eq(funding.externalRef, `${C}#tx2`));
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    const actions = await db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(eq(auditEntries.entityId, restored?.id ?? ''))
      .orderBy(auditEntries.id);
    expect(actions.map((a) => a.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('rejects bad records with the reason and where, and loads the rest', async () => {
    const bad = [
      activity('XM-BAD-1', { countries: [{ country: 'XX' }] }, 10),
      activity('XM-BAD-2', { funding: [tx('XM-BAD-2', 1, { currency: 'ABC' })] }, 20),
      activity('XM-BAD-3', { plannedStart: '2020-02-30' }, 30),
      activity('XM-BAD-4', { sectors: [{ sector: '12264', percentage: 150 }] }, 40),
      activity('XM-BAD-5', { sectors: [{ sector: 'health' }] }, 50),
      activity('', {}, 60),
      activity('XM-BAD-7', { funding: [tx('XM-BAD-7', 1, { amount: '1,000' })] }, 70),
      activity('XM-BAD-8', { funding: [tx(A, 1)] }, 80),
      activity('XM-GOOD', {}, 90),
      activity('XM-GOOD', {}, 100),
    ];
    const items: ReadItem[] = [
      ...records(bad),
      {
        kind: 'issue',
        issue: { recordKey: 'XM-READER', severity: 'error', message: 'No title', at: { line: 110 } },
      },
      {
        kind: 'issue',
        issue: { recordKey: 'XM-READER', severity: 'error', message: 'No country', at: { line: 111 } },
      },
    ];
    const report = await run(items);
    expect(report.status).toBe('succeeded');
    expect(report.counts).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 10 });
    const errors = report.issues.filter((i) => i.severity === 'error');
    const reason = (line: number) => errors.find((e) => e.at?.line === line)?.message;
    expect(reason(10)).toContain('Unknown country code "XX"');
    expect(reason(20)).toContain('Unknown currency "ABC"');
    expect(reason(30)).toContain('"2020-02-30" is not a YYYY-MM-DD date');
    expect(reason(40)).toContain('Percentage 150');
    expect(reason(50)).toContain('Unknown sector code "health"');
    expect(reason(60)).toContain('neither an IATI identifier nor an external ref');
    expect(reason(70)).toContain('is not a decimal number');
    expect(reason(80)).toContain('already belongs to another project');
    expect(reason(100)).toContain('"XM-GOOD" appears twice in the file (first at line 90)');
    expect(errors.find((e) => e.at?.line === 20)?.field).toBe('funding[0].currency');
    expect(await projectOf('XM-BAD-1')).toBeUndefined();
  });

  it('keeps a location outside its country, flagged, and reports it as doubtful', async () => {
    const report = await run(
      records([
        activity('XM-GEO', {
          locations: [{ name: 'Beijing?', country: 'UZ', precision: 'exact', lat: 39.9042, lon: 116.4074 }],
        }),
      ]),
    );
    expect(report.counts.new).toBe(1);
    const warning = report.issues.find((i) => i.recordKey === 'XM-GEO');
    expect(warning).toMatchObject({ severity: 'warning', field: 'locations[0]' });
    const project = await projectOf('XM-GEO');
    const [location] = await db
      .select()
      .from(locations)
      .where(eq(locations.projectId, project?.id ?? ''));
    expect(location?.problem).toMatch(/^Outside its country/);
    expect(location?.admin1Code).toBeNull();
  });

  it('stores no USD value for an amount without a rate, and says so', async () => {
    const report = await run(
      records([
        activity('XM-CHF', {
          funding: [
            tx('XM-CHF', 1, { currency: 'CHF' }),
            tx('XM-CHF', 2, { currency: 'TMT', valueDate: '2005-01-01' }),
          ],
        }),
      ]),
    );
    expect(report.issues.filter((i) => i.recordKey === 'XM-CHF').map((i) => i.message)).toEqual([
      expect.stringContaining('No USD rate for CHF in 2020'),
      expect.stringContaining('redenomination'),
    ]);
    const rows = await db.select().from(funding).where(sql`${funding.externalRef} like 'XM-CHF#%'`);
    expect(rows.map((r) => [r.amountUsd, r.usdRate, r.rateSource])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('a fatal problem in the middle of the file leaves the database exactly as it was', async () => {
    const before = await snapshot();
    const report = await run([
      ...records([activity('XM-NEW-1'), activity(A, { title: 'changed' })]),
      ...records(Array.from({ length: 150 }, (_, i) => activity(`XM-MANY-${i}`))),
      { kind: 'fatal', message: 'Unexpected end of file', at: { line: 999 } },
      ...records([activity('XM-NEW-2')]),
    ]);
    expect(report.status).toBe('failed');
    expect(report.fatal).toEqual({ message: 'Unexpected end of file', at: { line: 999 } });
    expect(await snapshot()).toEqual(before);
    const [runRow] = await db.select().from(importRuns).where(eq(importRuns.id, report.runId));
    expect(runRow).toMatchObject({ status: 'failed', error: 'Unexpected end of file' });
  });

  it('a reader that breaks mid-file rolls back too', async () => {
    const before = await snapshot();
    async function* broken(): AsyncIterable<ReadItem> {
      yield* records(Array.from({ length: 120 }, (_, i) => activity(`XM-BROKEN-${i}`)));
      throw new Error('disk read error');
    }
    const report = await runImport(db, {
      items: broken(),
      fileHash: 'h',
      fileName: 'broken.xml',
      format: 'iati',
      actor: 'tester',
    });
    expect(report.status).toBe('failed');
    expect(report.fatal?.message).toContain('disk read error');
    expect(await snapshot()).toEqual(before);
  });

  it('a write the database refuses stops the import with its reason, batches queued behind it unwritten', async () => {
    // A real refusal from the database (a trigger), in the first of several batches.
    await withRefusal(
      'projects',
      sql`new.title = 'Refused title'`,
      'refused by the test trigger',
      async () => {
        const before = await snapshot();
        const report = await run(
          records([
            ...Array.from({ length: 5 }, (_, i) => activity(`XM-QUEUE-${i}`)),
            activity('XM-QUEUE-REFUSED', { title: 'Refused title' }),
            ...Array.from({ length: 400 }, (_, i) => activity(`XM-QUEUE-${i + 5}`)),
          ]),
        );
        expect(report.status).toBe('failed');
        expect(report.fatal?.message).toContain('refused by the test trigger');
        expect(await snapshot()).toEqual(before);
      },
    );
  });

  it('a dry run reports what a real run would do and writes nothing but its run record', async () => {
    const before = await snapshot();
    const runsBefore = (await db.select({ n: count() }).from(importRuns))[0]?.n ?? 0;
    const file = records([activity('XM-DRY'), activity(A, { title: 'Dry title' })]);
    const dry = await run(file, { dryRun: true });
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(dry.counts).toEqual({ new: 1, updated: 1, unchanged: 0, rejected: 0 });
    expect(await snapshot()).toEqual(before);
    const runs = await db.select().from(importRuns).orderBy(importRuns.startedAt);
    expect(runs).toHaveLength(runsBefore + 1);
    expect(runs.at(-1)).toMatchObject({ dryRun: true, status: 'succeeded', counts: dry.counts });

    const real = await run(records([activity('XM-DRY'), activity(A, { title: 'Dry title' })]));
    expect(real.counts).toEqual(dry.counts);
    expect(real.changes).toEqual(dry.changes);
  });

  it('reads bytes through a reader and hashes them', async () => {
    const reader: Reader = async function* (input, options) {
      let text = '';
      for await (const chunk of input) text += new TextDecoder().decode(chunk);
      for (const id of text.split('\n').filter(Boolean)) {
        yield { kind: 'record', record: activity(id, { sources: [fileSource(options.fileName)] }) };
      }
    };
    async function* bytes() {
      yield new TextEncoder().encode('XM-BYTES-1\n');
      yield new TextEncoder().encode('XM-BYTES-2\n');
    }
    const progress: number[] = [];
    const report = await runImport(db, {
      reader,
      input: bytes(),
      fileName: 'ids.txt',
      format: 'csv',
      actor: 'tester',
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(report.counts.new).toBe(2);
    expect(report.bytes).toBe(22);
    expect(progress).toEqual([11, 22]);
    // printf 'XM-BYTES-1\nXM-BYTES-2\n' | sha256sum
    expect(report.fileHash).toBe('5caf417953b8ceccaca62a3ce88e2d67668f6baf1696e729b0b445bad444b780');
  });

  it('a project-only record (a CSV projects sheet) updates the project and leaves its funding alone', async () => {
    const before = await db
      .select()
      .from(funding)
      .where(sql`${funding.externalRef} like ${`${A}#%`}`);
    const report = await run(
      records([{ ...activity(A, { title: 'From a sheet' }), mode: 'project', funding: [] }]),
      {
        format: 'csv',
      },
    );
    expect(report.counts).toEqual({ new: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(report.changes[0]?.parts).toEqual(['title']);
    const after = await db
      .select()
      .from(funding)
      .where(sql`${funding.externalRef} like ${`${A}#%`}`);
    expect(after).toEqual(before);
  });

  it('a funding row the database refuses in a later batch, sent while the next is worked out, rolls back the whole file', async () => {
    // Batch 1 (records 0–149) is written while batch 2 is worked out; the refusal comes from the third
    // batch's funding rows, after two batches' writes have already gone to the server.
    await withRefusal('funding', sql`new.amount = 424242`, 'refused amount 424242', async () => {
      const before = await snapshot();
      const file = Array.from({ length: 420 }, (_, i) => activity(`XM-LATE-${i}`));
      const late = file[330];
      if (!late?.funding[0]) throw new Error('fixture has no funding row');
      late.funding[0].amount = '424242';
      const report = await run(records(file));
      expect(report.status).toBe('failed');
      expect(report.fatal?.message).toContain('refused amount 424242');
      expect(await snapshot()).toEqual(before);
    });
  });

  it('compresses long values it writes with lz4 where the server offers it, and reads them back the same', async () => {
    const raw = { budget: Array.from({ length: 400 }, (_, i) => ({ period: i, value: '166666666.67' })) };
    const report = await run(records([activity('XM-LZ4-1', { raw })]));
    expect(report.status).toBe('succeeded');
    const [row] = (
      await db.execute<{ method: string | null; lz4: boolean; raw: unknown }>(sql`select
        pg_column_compression(raw) as method, raw,
        exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as lz4
        from projects where iati_identifier = 'XM-LZ4-1'`)
    ).rows;
    expect(row?.raw).toEqual(raw);
    expect(row?.method).toBe(row?.lz4 ? 'lz4' : 'pglz');
    // Only the import's own transaction: the session's default is left as it was.
    const [setting] = (
      await db.execute<{ value: string }>(sql`select current_setting('default_toast_compression') as value`)
    ).rows;
    expect(setting?.value).toBe('pglz');
  });

  it('writes a file of several batches as one: an organisation named in one batch is completed in the next', async () => {
    // Batches of 150 overlap (one is written while the next is worked out, the reader a batch ahead):
    // organisations first named without a ref in the first batch get their IATI ref from the second.
    const org = (i: number, withRef: boolean) => ({
      name: `Overlap partner ${i % 7}`,
      ...(withRef ? { iatiRef: `XM-OVERLAP-${i % 7}` } : {}),
    });
    const file = Array.from({ length: 400 }, (_, i) =>
      activity(`XM-OVERLAP-${i}`, {
        participants: [{ organization: org(i, i >= 150), role: 4 }],
        sources: [fileSource('overlap.xml')],
      }),
    );
    const first = await run(records(file), { fileName: 'overlap.xml' });
    expect(first.status).toBe('succeeded');
    expect(first.counts).toEqual({ new: 400, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.changes.map((c) => c.key)).toEqual(file.map((r) => r.iatiIdentifier));

    const partners = await db
      .select()
      .from(organizations)
      .where(sql`${organizations.name} like 'Overlap partner %'`)
      .orderBy(organizations.name);
    expect(partners.map((o) => [o.name, o.iatiRef, o.version])).toEqual(
      Array.from({ length: 7 }, (_, i) => [`Overlap partner ${i}`, `XM-OVERLAP-${i}`, 2]),
    );
    const ids = sql`(select id from projects where iati_identifier like 'XM-OVERLAP-%')`;
    const [counts] = (
      await db.execute<{ projects: number; rows: number; links: number; audits: number }>(sql`select
        (select count(*)::int from projects where iati_identifier like 'XM-OVERLAP-%') as projects,
        (select count(*)::int from funding where project_id in ${ids}) as rows,
        (select count(*)::int from source_links where funding_id in (select id from funding where project_id in ${ids})) as links,
        (select count(*)::int from audit_entries where entity = 'funding' and entity_id in (select id::text from funding where project_id in ${ids})) as audits`)
    ).rows;
    expect(counts).toEqual({ projects: 400, rows: 800, links: 800, audits: 800 });

    const before = await snapshot();
    const again = await run(records(file), { fileName: 'overlap.xml' });
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 400, rejected: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('merges funding rows into a project from the database or earlier in the file', async () => {
    const merge = (key: string, rows: FundingRecord[], row: number): ProjectRecord => ({
      mode: 'merge-funding',
      iatiIdentifier: key,
      title: '',
      countries: [],
      sectors: [],
      initiatives: [],
      participants: [],
      locations: [],
      funding: rows,
      sources: [],
      at: { row },
    });
    const report = await run(
      records([
        activity('XM-SHEET', { funding: [] }),
        merge('XM-SHEET', [tx('XM-SHEET', 7, { amount: '10' })], 2),
        merge(A, [tx(A, 9, { amount: '20' })], 3),
        merge('XM-NOWHERE', [tx('XM-NOWHERE', 1)], 4),
      ]),
      { format: 'csv', fileName: 'funding.csv' },
    );
    expect(report.counts).toEqual({ new: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(report.issues.find((i) => i.severity === 'error')).toMatchObject({
      recordKey: 'XM-NOWHERE',
      at: { row: 4 },
    });
    const project = await projectOf(A);
    const rows = await db
      .select()
      .from(funding)
      .where(and(eq(funding.projectId, project?.id ?? ''), isNull(funding.deletedAt)));
    // Merging adds to A's rows and removes none of them.
    expect(rows.map((r) => r.externalRef).sort()).toEqual([`${A}#tx1`, `${A}#tx2`, `${A}#tx9`]);
  });
});
