/**
 * The demo data through the pipeline: every real IATI file and the AidData set. The file sums are worked
 * out here independently of the reader, with a plain scan of the XML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectQuality } from '@srt/shared/quality';
import { count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { projectQualityFacts } from '../quality.ts';
import { statsSummary } from '../queries/stats.ts';
import { auditEntries, funding, importRuns, locations, projects } from '../schema.ts';
import { DATA_DIR, loadDemoData } from '../seed/index.ts';
import { createTestDatabase } from '../testing.ts';
import { roundDecimal } from './rates.ts';

const IATI_DIR = join(DATA_DIR, 'iati');
const FLOWS: Record<string, string> = {
  '1': 'incoming_funds',
  '2': 'commitment',
  '3': 'disbursement',
  '4': 'expenditure',
  '11': 'incoming_commitment',
  '12': 'pledge',
  '13': 'pledge',
};

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const cents = (value: string) => BigInt((roundDecimal(value, 2) ?? '0').replace('.', ''));

type FileSums = { activities: string[]; sums: Map<string, bigint> };

/** Per activity: its identifier, and the sum of its transaction values by `flow currency`, in cents. */
function scanIati(xml: string): Map<string, Map<string, bigint>> {
  const out = new Map<string, Map<string, bigint>>();
  for (const activity of xml.match(/<iati-activity[\s>][\s\S]*?<\/iati-activity>/g) ?? []) {
    const open = /<iati-activity[^>]*>/.exec(activity)?.[0] ?? '';
    const id = /<iati-identifier>\s*([^<]*?)\s*<\/iati-identifier>/.exec(activity)?.[1] ?? '';
    const sums = new Map<string, bigint>();
    for (const tx of activity.match(/<transaction[\s>][\s\S]*?<\/transaction>/g) ?? []) {
      const type = attr(/<transaction-type[^>]*>/.exec(tx)?.[0] ?? '', 'code') ?? '';
      const value = /<value([^>]*)>\s*([^<]*?)\s*<\/value>/.exec(tx);
      const flow = FLOWS[type];
      if (!flow || !value) continue;
      const currency = attr(value[1] ?? '', 'currency') ?? attr(open, 'default-currency');
      const key = `${flow} ${currency}`;
      sums.set(key, (sums.get(key) ?? 0n) + cents(value[2] ?? '0'));
    }
    out.set(id, sums);
  }
  return out;
}

let database: Database;
const files: Record<string, FileSums> = {};
beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoData(database);
  for (const name of readdirSync(IATI_DIR).filter((n) => n.endsWith('.xml'))) {
    const perActivity = scanIati(readFileSync(join(IATI_DIR, name), 'utf8'));
    const sums = new Map<string, bigint>();
    for (const activitySums of perActivity.values()) {
      for (const [key, value] of activitySums) sums.set(key, (sums.get(key) ?? 0n) + value);
    }
    files[name] = { activities: [...perActivity.keys()], sums };
  }
}, 300_000);
afterAll(() => database.close());

describe('the demo data', () => {
  it('has one successful import run per IATI file and one for the AidData set', async () => {
    const runs = await database.db.select().from(importRuns);
    expect(runs).toHaveLength(Object.keys(files).length + 1);
    expect(runs.every((r) => r.status === 'succeeded' && r.actor === 'seed')).toBe(true);
    expect(runs.every((r) => /^[0-9a-f]{64}$/.test(r.fileHash))).toBe(true);
  });

  it('loads every IATI activity, or rejects it with a reason', async () => {
    const runs = await database.db.select().from(importRuns).where(eq(importRuns.format, 'iati'));
    expect(Object.keys(files)).toHaveLength(22);
    for (const run of runs) {
      const file = files[run.fileName];
      const counts = run.counts as { new: number; rejected: number };
      const report = run.report as { issues: { severity: string; message: string }[] };
      expect(counts.new + counts.rejected, run.fileName).toBe(file?.activities.length);
      const reasons = report.issues.filter((i) => i.severity === 'error');
      expect(reasons.length, run.fileName).toBeGreaterThanOrEqual(counts.rejected);
      for (const reason of reasons) expect(reason.message).not.toBe('');
    }
    const ids = Object.values(files).flatMap((f) => f.activities);
    expect(ids).toHaveLength(128);
    const [stored] = await database.db
      .select({ n: count() })
      .from(projects)
      .where(isNotNull(projects.iatiIdentifier));
    expect(stored?.n).toBe(128);
  });

  it('holds, per currency, the same total of each transaction type as the files', async () => {
    const expected = new Map<string, bigint>();
    for (const file of Object.values(files)) {
      for (const [key, value] of file.sums) expected.set(key, (expected.get(key) ?? 0n) + value);
    }
    const rows = await database.db.execute<{ flow: string; currency: string; total: string }>(sql`
      select f.flow, f.currency, sum(f.amount)::text as total
      from ${funding} f join ${projects} p on p.id = f.project_id
      where p.iati_identifier is not null and f.deleted_at is null
      group by f.flow, f.currency`);
    const actual = new Map(rows.rows.map((r) => [`${r.flow} ${r.currency}`, cents(r.total)]));
    const asText = (m: Map<string, bigint>) => Object.fromEntries([...m].map(([k, v]) => [k, v.toString()]));
    expect(expected.size).toBeGreaterThan(10);
    expect(asText(actual)).toEqual(asText(expected));
  });

  it('loads the AidData records with the official recipient and year', async () => {
    const [aid] = await database.db
      .select({ n: count() })
      .from(projects)
      .where(sql`${projects.externalRef} like 'aiddata:%'`);
    expect(aid?.n).toBe(331);
    const [constant] = await database.db
      .select({ n: count() })
      .from(funding)
      .where(eq(funding.priceBasis, 'constant-2021'));
    expect(constant?.n).toBe(122);
  });

  it('places the points it draws inside their countries', async () => {
    const rows = await database.db.select().from(locations).where(sql`${locations.lat} is not null`);
    const drawn = rows.filter((r) => (r.precision === 'exact' || r.precision === 'near') && !r.problem);
    expect(drawn.length).toBeGreaterThan(0);
    const focus = drawn.filter((r) => ['AZ', 'TJ', 'TM', 'UZ'].includes(r.country));
    expect(focus.every((r) => r.admin1Code?.startsWith(`${r.country}.`))).toBe(true);
  });

  it('stores every quality score as the stored rows give it', async () => {
    // New projects go in with a score worked out in JS from the rows the import writes; it must be
    // the score the stored rows give (what every editing path recomputes).
    const rows = await database.db
      .select({ id: projects.id, score: projects.qualityScore })
      .from(projects)
      .where(isNull(projects.deletedAt));
    expect(rows.length).toBeGreaterThan(400);
    const facts = await projectQualityFacts(
      database.db,
      rows.map((r) => r.id),
    );
    const wrong = rows.filter((r) => {
      const f = facts.get(r.id);
      return !f || projectQuality(f).score !== r.score;
    });
    expect(wrong).toEqual([]);
    expect(new Set(rows.map((r) => r.score)).size).toBeGreaterThan(3);
  });

  it('shows non-zero committed and disbursed USD', async () => {
    const summary = await statsSummary(database.db, {});
    const usd = (flow: string) =>
      summary.totals.filter((t) => t.flow === flow).reduce((sum, t) => sum + Number(t.usd ?? 0), 0);
    expect(usd('commitment')).toBeGreaterThan(0);
    expect(usd('disbursement')).toBeGreaterThan(0);
  });

  it('is a no-op the second time: nothing changes, no audit entries', async () => {
    const [auditsBefore] = await database.db.select({ n: count() }).from(auditEntries);
    const versions = await database.db.execute<{ v: string }>(
      sql`select sum(version)::text as v from projects`,
    );
    await loadDemoData(database);
    const [auditsAfter] = await database.db.select({ n: count() }).from(auditEntries);
    expect(auditsAfter?.n).toBe(auditsBefore?.n);
    const again = await database.db.execute<{ v: string }>(sql`select sum(version)::text as v from projects`);
    expect(again.rows[0]?.v).toBe(versions.rows[0]?.v);
    const runs = await database.db.select().from(importRuns).orderBy(importRuns.startedAt);
    const latest = runs.slice(-(Object.keys(files).length + 1));
    for (const run of latest) {
      const counts = run.counts as { new: number; updated: number };
      expect([run.fileName, counts.new, counts.updated]).toEqual([run.fileName, 0, 0]);
    }
  });
});
