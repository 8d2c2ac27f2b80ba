import type { Database, Db } from '@srt/db/client';
import { ConflictError } from '@srt/db/conflict';
import type { RunImportOptions } from '@srt/db/import/pipeline';
import { runImport } from '@srt/db/import/pipeline';
import { loadExchangeRates, USD_RATE_SOURCE } from '@srt/db/import/rates';
import type { FundingRecord, ProjectRecord, ReadItem } from '@srt/db/import/types';
import { users } from '@srt/db/schema';
import { createTestDatabase } from '@srt/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type User } from '../context.ts';
import { appRouter } from '../router.ts';
import { expectBadRequest } from '../test/harness.ts';

let database: Database;
let db: Db;
const ADMIN: User = { id: 'user-admin', email: 'admin@example.org', name: 'Admin', role: 'admin' };
const callerAs = (user: User | null) => appRouter.createCaller(createContext({ db, user }));
const admin = () => callerAs(ADMIN);
const anonymous = () => callerAs(null);

async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const { driver } = database;
  const result =
    driver.kind === 'pglite'
      ? await driver.client.query(text, params)
      : await driver.client.query(text, params);
  return result.rows as T[];
}

const fundingRow = (n: number, over: Partial<FundingRecord>): FundingRecord => ({
  externalRef: `XM-TEST-RATES#${n}`,
  flow: 'commitment',
  amount: '1000000',
  currency: 'KZT',
  priceBasis: 'nominal',
  valueDate: '2030-03-01',
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.insert(users).values({ id: ADMIN.id, name: ADMIN.name, email: ADMIN.email, role: 'admin' });
  await loadExchangeRates(db, { actor: 'seed' });
  // Funding in KZT dated 2030 (no rate yet) and one in 2024 (rate in the table).
  const record: ProjectRecord = {
    iatiIdentifier: 'XM-TEST-RATES',
    title: 'Rates test project',
    countries: [{ country: 'UZ', percentage: 100 }],
    sectors: [],
    initiatives: [],
    participants: [],
    locations: [],
    funding: [
      fundingRow(1, { amount: '1234567890.10' }),
      fundingRow(2, { amount: '0.02' }),
      fundingRow(3, { amount: '500', valueDate: '2024-06-30' }),
      fundingRow(4, { amount: '300', currency: 'TMT', valueDate: '2005-01-01' }),
    ],
    sources: [{ externalRef: 'test-file:rates.xml', title: 'rates.xml', kind: 'dataset' }],
    at: { line: 1 },
  };
  async function* items(): AsyncIterable<ReadItem> {
    yield { kind: 'record', record };
  }
  const report = await runImport(db, {
    items: items(),
    fileHash: 'h',
    fileName: 'rates.xml',
    format: 'iati',
    actor: 'seed',
  } as RunImportOptions);
  expect(report.status).toBe('succeeded');
});
afterAll(() => database.close());

const usdOf = async (ref: string) =>
  (
    await query<{
      amount_usd: string | null;
      usd_rate: string | null;
      rate_source: string | null;
      version: number;
    }>('select amount_usd, usd_rate::text, rate_source, version from funding where external_ref = $1', [ref])
  )[0];

async function conflictOf(call: Promise<unknown>): Promise<unknown> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('CONFLICT');
  const cause = (error as TRPCError).cause;
  expect(cause).toBeInstanceOf(ConflictError);
  return (cause as ConflictError).current;
}

describe('rate.list', () => {
  it('lists the table with decimal strings, sources and versions, and the years it covers', async () => {
    const { rows, years } = await anonymous().rate.list({});
    expect(rows).toHaveLength(327);
    expect(years).toEqual({ from: 2000, to: 2024 });
    expect(rows.find((r) => r.currency === 'AZN' && r.year === 2019)).toMatchObject({
      perUsd: '1.7',
      version: 1,
      updatedBy: 'seed',
      updatedByName: null,
    });
    expect(rows.find((r) => r.currency === 'AZN' && r.year === 2019)?.source).toMatch(/^IMF/);
    const tmt = await anonymous().rate.list({ currency: 'tmt' });
    expect(tmt.rows.map((r) => r.year)).toEqual([2000, 2001, 2009, 2010, 2011, 2012, 2013, 2014]);
    expect((await anonymous().rate.list({ currency: 'TMT', year: 2009 })).rows).toHaveLength(1);
    await expectBadRequest(anonymous().rate.list({ currency: 'XYZ' }), 'currency');
  });

  it('names the currency-years funding uses without a rate', async () => {
    expect(await anonymous().rate.missing()).toEqual([
      { currency: 'KZT', year: 2030, fundingRows: 2 },
      { currency: 'TMT', year: 2005, fundingRows: 1 },
    ]);
  });
});

describe('rate.convert', () => {
  it('converts exactly, as the import does, rounding half away from zero to the cent', async () => {
    expect(
      await anonymous().rate.convert({ amount: '1234567890.12', currency: 'AZN', valueDate: '2019-07-01' }),
    ).toEqual({
      amountUsd: '726216405.95',
      rate: '1.7',
      year: 2019,
      source: expect.stringMatching(/^IMF/),
    });
    // Beyond what a float holds.
    expect(
      await anonymous().rate.convert({ amount: '123456789012345678.91', currency: 'USD', valueDate: null }),
    ).toEqual({ amountUsd: '123456789012345678.91', rate: '1', year: null, source: USD_RATE_SOURCE });
  });

  it('answers "no rate" with nulls, never a guess from another year', async () => {
    expect(
      await anonymous().rate.convert({ amount: '100', currency: 'AZN', valueDate: '2031-01-01' }),
    ).toEqual({
      amountUsd: null,
      rate: null,
      year: 2031,
      source: null,
    });
    expect(await anonymous().rate.convert({ amount: '100', currency: 'AZN' })).toEqual({
      amountUsd: null,
      rate: null,
      year: null,
      source: null,
    });
    // TMT before the 2009 redenomination: the unit is ambiguous even where the table has a row.
    expect(
      await anonymous().rate.convert({ amount: '100', currency: 'TMT', valueDate: '2001-05-05' }),
    ).toMatchObject({
      amountUsd: null,
      rate: null,
    });
    await expectBadRequest(
      anonymous().rate.convert({ amount: '1.234', currency: 'AZN', valueDate: '2019-01-01' }),
      'amount',
    );
    await expectBadRequest(
      anonymous().rate.convert({ amount: '1', currency: 'AZN', valueDate: '2019-02-30' }),
      'valueDate',
    );
  });
});

describe('rate.upsert', () => {
  it('is for admins only', async () => {
    const input = { currency: 'KZT', year: 2030, perUsd: '4', source: 'Test' };
    await expect(anonymous().rate.upsert(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    for (const role of ['viewer', 'editor'] as const) {
      await expect(callerAs({ ...ADMIN, role }).rate.upsert(input)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('validates: a source is required, the rate is a positive decimal, USD has no row', async () => {
    const ok = { currency: 'KZT', year: 2030, perUsd: '4', source: 'Test' };
    await expectBadRequest(admin().rate.upsert({ ...ok, source: '   ' }), 'source');
    await expectBadRequest(admin().rate.upsert({ ...ok, perUsd: '0' }), 'perUsd');
    await expectBadRequest(admin().rate.upsert({ ...ok, perUsd: '-4' }), 'perUsd');
    await expectBadRequest(admin().rate.upsert({ ...ok, perUsd: '4.00000000001' }), 'perUsd');
    await expectBadRequest(admin().rate.upsert({ ...ok, currency: 'USD' }), 'currency');
    await expectBadRequest(admin().rate.upsert({ ...ok, year: 1800 }), 'year');
    expect((await anonymous().rate.list({ currency: 'KZT', year: 2030 })).rows).toEqual([]);
  });

  it('adds a missing rate, fills in the USD values of the funding it converts, and audits it', async () => {
    expect(await usdOf('XM-TEST-RATES#1')).toMatchObject({ amount_usd: null, rate_source: null, version: 1 });
    const saved = await admin().rate.upsert({
      currency: 'kzt',
      year: 2030,
      perUsd: '4',
      source: ' Central bank ',
    });
    expect(saved).toEqual({ currency: 'KZT', year: 2030, version: 1, fundingUpdated: 2 });
    // 1234567890.10 / 4 = 308641972.525 → .53 (a float gives .52); 0.02 / 4 = 0.005 → 0.01.
    expect(await usdOf('XM-TEST-RATES#1')).toMatchObject({
      amount_usd: '308641972.53',
      rate_source: 'Central bank',
      version: 1,
    });
    expect((await usdOf('XM-TEST-RATES#2'))?.amount_usd).toBe('0.01');
    expect(await anonymous().rate.missing()).toEqual([{ currency: 'TMT', year: 2005, fundingRows: 1 }]);

    const history = await anonymous().audit.history({ entity: 'rate', id: 'KZT-2030' });
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]).toMatchObject({ action: 'create', actor: { id: ADMIN.id } });
    expect(history.entries[0]?.changes.map((c) => c.field)).toEqual([
      'currency',
      'year',
      'perUsd',
      'source',
      'fundingUpdated',
    ]);
    expect((await anonymous().rate.list({ currency: 'KZT', year: 2030 })).rows[0]).toMatchObject({
      perUsd: '4',
      source: 'Central bank',
      version: 1,
      updatedBy: ADMIN.id,
      updatedByName: 'Admin',
    });
  });

  it('changes a rate at its version and re-computes; a stale version gets CONFLICT with the current row', async () => {
    const saved = await admin().rate.upsert({
      currency: 'KZT',
      year: 2024,
      perUsd: '500',
      source: 'Corrected',
      version: 1,
    });
    expect(saved).toEqual({ currency: 'KZT', year: 2024, version: 2, fundingUpdated: 1 });
    expect(await usdOf('XM-TEST-RATES#3')).toMatchObject({ amount_usd: '1.00', usd_rate: '500.0000000000' });

    const current = await conflictOf(
      admin().rate.upsert({ currency: 'KZT', year: 2024, perUsd: '400', source: 'Late', version: 1 }),
    );
    expect(current).toEqual({
      id: 'KZT-2024',
      version: 2,
      deleted: false,
      values: { currency: 'KZT', year: 2024, perUsd: '500', source: 'Corrected' },
    });
    // Adding a row that exists is a conflict too (someone added it meanwhile).
    expect(
      await conflictOf(admin().rate.upsert({ currency: 'KZT', year: 2024, perUsd: '400', source: 'New' })),
    ).toMatchObject({
      version: 2,
    });
    expect(await usdOf('XM-TEST-RATES#3')).toMatchObject({ amount_usd: '1.00' });

    // The same value again changes no funding row.
    expect(
      await admin().rate.upsert({
        currency: 'KZT',
        year: 2024,
        perUsd: '500.000',
        source: 'Corrected',
        version: 2,
      }),
    ).toMatchObject({ version: 3, fundingUpdated: 0 });
  });

  it('does not convert TMT before 2009 even when an admin adds a rate for it', async () => {
    expect(
      await admin().rate.upsert({ currency: 'TMT', year: 2005, perUsd: '5200', source: 'Old manat' }),
    ).toMatchObject({ fundingUpdated: 0 });
    expect(await usdOf('XM-TEST-RATES#4')).toMatchObject({ amount_usd: null });
  });

  it('lets exactly one of many parallel saves from one version win, with one audit entry', async () => {
    const auditCount = async () =>
      (
        await query<{ n: number }>(
          `select count(*)::int as n from audit_entries where entity_id = 'AZN-2020'`,
        )
      )[0]?.n;
    const before = await auditCount();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        admin().rate.upsert({
          currency: 'AZN',
          year: 2020,
          perUsd: `1.${i + 1}`,
          source: `Try ${i}`,
          version: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(await auditCount()).toBe((before ?? 0) + 1);
    expect((await anonymous().rate.list({ currency: 'AZN', year: 2020 })).rows[0]?.version).toBe(2);
  });
});
