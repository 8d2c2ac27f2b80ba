/** Files and directories through the pipeline: what a path stands for, and bad files refused whole. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { funding, importRuns, projects } from '../schema.ts';
import { DATA_DIR } from '../seed/index.ts';
import { createTestDatabase } from '../testing.ts';
import { ImportPathError, planImport, runJob } from './pipeline.ts';
import { loadExchangeRates } from './rates.ts';

const IATI_FIXTURES = fileURLToPath(new URL('./iati/fixtures/', import.meta.url));
const CSV_TEMPLATES = fileURLToPath(new URL('./csv/templates/', import.meta.url));

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await loadExchangeRates(database.db, { actor: 'test' });
});
afterAll(() => database.close());

const rowCounts = async () => {
  const result = await database.db.execute<{ projects: number; funding: number; audits: number }>(sql`
    select (select count(*)::int from projects) as projects, (select count(*)::int from funding) as funding,
      (select count(*)::int from audit_entries) as audits`);
  return result.rows[0];
};

describe('planImport', () => {
  it('turns the data directory into the IATI files (in iati/) and the AidData set', async () => {
    const jobs = await planImport(DATA_DIR);
    expect(jobs.filter((j) => j.format === 'iati')).toHaveLength(22);
    const aiddata = jobs.filter((j) => j.format === 'aiddata');
    expect(aiddata).toHaveLength(1);
    expect(aiddata[0]?.fileName).toBe('AidData GCDF 3.0 set (5 files)');
    expect(jobs.filter((j) => j.format === 'csv')).toHaveLength(0);
    expect(await planImport(join(DATA_DIR, 'iati'))).toHaveLength(22);
  });

  it('hashes a file as PROVENANCE.md records it', async () => {
    const [job] = await planImport(join(DATA_DIR, 'iati', 'unido_az-tj-tm-uz.xml'));
    expect(job).toMatchObject({
      fileName: 'unido_az-tj-tm-uz.xml',
      format: 'iati',
      bytes: 6032,
      fileHash: '444ffddf0907c1d23da92e51a84620cf79b1facb101e7eadaad762ba19ce4681',
    });
  });

  it('tells the format from the first bytes when the extension says nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srt-import-'));
    writeFileSync(join(dir, 'a.dat'), '\uFEFF  <?xml version="1.0"?><iati-activities/>');
    writeFileSync(join(dir, 'b.dat'), 'iati_identifier,title\n');
    expect((await planImport(join(dir, 'a.dat')))[0]?.format).toBe('iati');
    expect((await planImport(join(dir, 'b.dat')))[0]?.format).toBe('csv');
  });

  it('refuses what it cannot import, saying why', async () => {
    await expect(planImport(join(DATA_DIR, 'aiddata_gcdf3_az_tj_tm_uz.csv'))).rejects.toThrow(
      /read as a set/,
    );
    await expect(planImport('/no/such/file.xml')).rejects.toThrow(ImportPathError);
    await expect(planImport(join(DATA_DIR, 'iati'), 'csv')).rejects.toThrow(/Nothing to import/);
  });
});

describe('bad files', () => {
  for (const [name, reason] of [
    ['truncated.xml', /./],
    ['wrong-root.xml', /./],
    ['iati-1.xml', /1\./],
    ['billion-laughs.xml', /DOCTYPE/],
    ['external-entity.xml', /DOCTYPE/],
  ] as const) {
    it(`refuses ${name} whole, writing nothing but the run record`, async () => {
      const before = await rowCounts();
      const [job] = await planImport(join(IATI_FIXTURES, name));
      if (!job) throw new Error('no job');
      const report = await runJob(database.db, job, { actor: 'test' });
      expect(report.status).toBe('failed');
      expect(report.fatal?.message).toMatch(reason);
      expect(await rowCounts()).toEqual(before);
      const [run] = await database.db.select().from(importRuns).where(eq(importRuns.id, report.runId));
      expect(run).toMatchObject({ status: 'failed', fileName: name });
    });
  }

  it('refuses a file over the size limit', async () => {
    const before = await rowCounts();
    const [job] = await planImport(join(DATA_DIR, 'iati', 'undp_az-tj-tm-uz.xml'));
    if (!job) throw new Error('no job');
    const report = await runJob(database.db, job, { actor: 'test', maxBytes: 100_000 });
    expect(report.status).toBe('failed');
    expect(report.fatal?.message).toContain('larger than the limit');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('the CSV templates through the writer', () => {
  it('loads the example projects, then merges the example funding rows into them', async () => {
    const [sheet] = await planImport(join(CSV_TEMPLATES, 'projects.example.csv'));
    if (!sheet) throw new Error('no job');
    const projectsReport = await runJob(database.db, sheet, { actor: 'test' });
    expect(projectsReport.status).toBe('succeeded');
    const again = await runJob(database.db, sheet, { actor: 'test' });
    expect(again.counts).toMatchObject({ new: 0, updated: 0, rejected: 0 });
    expect(projectsReport.counts.rejected).toBe(0);
    expect(projectsReport.counts.new).toBeGreaterThan(0);

    const [fundingSheet] = await planImport(join(CSV_TEMPLATES, 'funding.example.csv'));
    if (!fundingSheet) throw new Error('no job');
    const fundingReport = await runJob(database.db, fundingSheet, { actor: 'test' });
    expect(fundingReport.status).toBe('succeeded');
    expect(fundingReport.counts.rejected).toBe(0);
    const [rows] = await database.db.select({ n: count() }).from(funding);
    expect(rows?.n).toBeGreaterThan(0);

    // Each again: nothing changes.
    const againFunding = await runJob(database.db, fundingSheet, { actor: 'test' });
    expect(againFunding.counts).toMatchObject({ new: 0, updated: 0, rejected: 0 });
    const [stored] = await database.db.select({ n: count() }).from(projects);
    expect(stored?.n).toBe(projectsReport.counts.new);
  });
});
