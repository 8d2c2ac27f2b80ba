import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { auditEntries, exchangeRates, funding } from '../schema.ts';
import { createTestDatabase } from '../testing.ts';
import { runImport } from './pipeline.ts';
import {
  divideToCents,
  loadExchangeRates,
  loadRateTable,
  numberToDecimal,
  parseRatesCsv,
  type RateTable,
  roundDecimal,
  USD_RATE_SOURCE,
} from './rates.ts';
import type { ProjectRecord, ReadItem } from './types.ts';

let database: Database;
let rates: RateTable;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('exact decimals', () => {
  it('rounds half away from zero, like PostgreSQL numeric', () => {
    expect(roundDecimal('1.005', 2)).toBe('1.01');
    expect(roundDecimal('-1.005', 2)).toBe('-1.01');
    expect(roundDecimal('1.0049999', 2)).toBe('1.00');
    expect(roundDecimal('-0.001', 2)).toBe('0.00');
    expect(roundDecimal('60000.258052000005', 2)).toBe('60000.26');
    expect(roundDecimal('12', 2)).toBe('12.00');
    expect(roundDecimal('1e5', 2)).toBeNull();
    expect(roundDecimal('1,000', 2)).toBeNull();
  });

  it('divides exactly, beyond what a float holds', () => {
    expect(divideToCents('1234567890123456.78', '1')).toBe('1234567890123456.78');
    expect(divideToCents('1', '3')).toBe('0.33');
    expect(divideToCents('2', '3')).toBe('0.67');
    expect(divideToCents('-2', '3')).toBe('-0.67');
    expect(divideToCents('0.005', '1')).toBe('0.01');
  });

  it('turns percentages into decimals without float surprises', () => {
    expect(numberToDecimal(1.005, 2)).toBe('1.01');
    expect(numberToDecimal(33.333333, 2)).toBe('33.33');
    expect(numberToDecimal(100, 2)).toBe('100.00');
  });
});

describe('loading the rate file', () => {
  it('loads every row once, with its source', async () => {
    const first = await loadExchangeRates(database.db, { actor: 'test' });
    expect(first).toEqual({ inserted: 327, updated: 0, unchanged: 0, fundingUpdated: 0 });
    const [audits] = await database.db.select({ n: count() }).from(auditEntries);
    expect(audits?.n).toBe(327);

    const again = await loadExchangeRates(database.db, { actor: 'test' });
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 327, fundingUpdated: 0 });
    const [after] = await database.db.select({ n: count() }).from(auditEntries);
    expect(after?.n).toBe(327);

    const [tmt] = await database.db
      .select()
      .from(exchangeRates)
      .where(sql`${exchangeRates.currency} = 'TMT' and ${exchangeRates.year} = 2009`);
    expect(tmt?.source).toMatch(/^FALLBACK, not IMF\/World Bank/);
    expect(tmt?.version).toBe(1);
    rates = await loadRateTable(database.db);
  });

  it('updates a changed row, bumping its version and auditing it', async () => {
    const text = 'currency,year,per_usd,source\nAZN,2019,1.71,"Corrected by hand"\n';
    expect(await loadExchangeRates(database.db, { actor: 'test', text })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
      fundingUpdated: 0,
    });
    const [row] = await database.db
      .select()
      .from(exchangeRates)
      .where(sql`${exchangeRates.currency} = 'AZN' and ${exchangeRates.year} = 2019`);
    expect(row).toMatchObject({ perUsd: '1.7100000000', source: 'Corrected by hand', version: 2 });
    const audits = await database.db.select().from(auditEntries).where(eq(auditEntries.entityId, 'AZN-2019'));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    // Back to the file's value.
    expect((await loadExchangeRates(database.db, { actor: 'test' })).updated).toBe(1);
  });

  it('re-computes the USD values of the funding in a currency-year whose rate it adds or changes', async () => {
    // KZT dated 2031: no rate in the shipped table, so the import stores "no rate".
    const record: ProjectRecord = {
      iatiIdentifier: 'XM-RATES-FILE',
      title: 'Rates file test',
      countries: [{ country: 'UZ', percentage: 100 }],
      sectors: [],
      initiatives: [],
      participants: [],
      locations: [],
      funding: [
        {
          externalRef: 'XM-RATES-FILE#1',
          flow: 'commitment',
          amount: '1000.02',
          currency: 'KZT',
          priceBasis: 'nominal',
          valueDate: '2031-05-01',
        },
      ],
      sources: [{ externalRef: 'test-file:rates-file.xml', title: 'rates-file.xml', kind: 'dataset' }],
      at: { line: 1 },
    };
    async function* items(): AsyncIterable<ReadItem> {
      yield { kind: 'record', record };
    }
    const report = await runImport(database.db, {
      items: items(),
      fileHash: 'h',
      fileName: 'rates-file.xml',
      format: 'iati',
      actor: 'test',
    });
    expect(report.status).toBe('succeeded');
    const usd = async () => {
      const [row] = await database.db
        .select({
          amountUsd: funding.amountUsd,
          usdRate: funding.usdRate,
          rateSource: funding.rateSource,
          version: funding.version,
        })
        .from(funding)
        .where(eq(funding.externalRef, 'XM-RATES-FILE#1'));
      return row;
    };
    expect(await usd()).toMatchObject({ amountUsd: null, rateSource: null });

    const header = 'currency,year,per_usd,source\n';
    expect(
      await loadExchangeRates(database.db, { actor: 'test', text: `${header}KZT,2031,4,"Test bank"\n` }),
    ).toEqual({ inserted: 1, updated: 0, unchanged: 0, fundingUpdated: 1 });
    // 1000.02 / 4 = 250.005 → 250.01; derived, so the row keeps its version.
    expect(await usd()).toEqual({
      amountUsd: '250.01',
      usdRate: '4.0000000000',
      rateSource: 'Test bank',
      version: 1,
    });

    const corrected = await loadExchangeRates(database.db, {
      actor: 'test',
      text: `${header}KZT,2031,5,"Test bank, corrected"\n`,
    });
    expect(corrected).toEqual({ inserted: 0, updated: 1, unchanged: 0, fundingUpdated: 1 });
    expect(await usd()).toMatchObject({ amountUsd: '200.00', rateSource: 'Test bank, corrected' });
    const audits = await database.db
      .select({ action: auditEntries.action, after: auditEntries.after })
      .from(auditEntries)
      .where(eq(auditEntries.entityId, 'KZT-2031'))
      .orderBy(auditEntries.id);
    expect(audits.map((a) => [a.action, (a.after as { fundingUpdated?: number }).fundingUpdated])).toEqual([
      ['create', 1],
      ['update', 1],
    ]);
  });

  it('refuses a bad file with the line', () => {
    expect(() => parseRatesCsv('currency,year,per_usd,source\nXYZ,2020,1,x\n')).toThrow(
      /Line 2: unknown currency/,
    );
    expect(() => parseRatesCsv('currency,year,per_usd,source\nEUR,2020,-1,x\n')).toThrow(/Line 2: per_usd/);
    expect(() => parseRatesCsv('currency,year,per_usd,source\nEUR,2020,1,x\nEUR,2020,1,x\n')).toThrow(
      /twice/,
    );
  });
});

describe('usdFor', () => {
  it('converts exactly to the cent with the rate of the value date year', () => {
    // TJS 2020 = 10.32194166666667 per USD, stored as 10.3219416667 (numeric(24,10)).
    expect(rates.usdFor('TJS', '1234567.89', '2020-06-30')).toEqual({
      amountUsd: '119606.17',
      usdRate: '10.3219416667',
      rateSource: expect.stringContaining('IMF International Financial Statistics'),
      warning: null,
    });
    expect(rates.usdFor('EUR', '-783204.51', '2020-05-25').amountUsd).toBe('-894573.14');
  });

  it('agrees with PostgreSQL numeric division', async () => {
    const result = await database.db.execute<{ usd: string }>(
      sql`select round(1234567.89 / per_usd, 2)::text as usd from exchange_rates where currency = 'TJS' and year = 2020`,
    );
    expect(result.rows[0]?.usd).toBe('119606.17');
  });

  it('converts USD at 1 with a stated source, whatever the date', () => {
    expect(rates.usdFor('USD', '10.5', null)).toEqual({
      amountUsd: '10.50',
      usdRate: '1.0000000000',
      rateSource: USD_RATE_SOURCE,
      warning: null,
    });
  });

  it('stores no rate rather than a guess', () => {
    for (const [currency, date] of [
      ['CHF', '2020-01-01'],
      ['UZS', '2003-05-01'],
      ['TMT', '2016-01-01'],
      ['EUR', '2031-01-01'],
    ] as const) {
      const value = rates.usdFor(currency, '100', date);
      expect(value, `${currency} ${date}`).toMatchObject({
        amountUsd: null,
        usdRate: null,
        rateSource: null,
      });
      expect(value.warning).toContain('No USD rate');
    }
    expect(rates.usdFor('EUR', '100', null)).toMatchObject({ amountUsd: null, rateSource: null });
  });

  it('does not apply the old-manat rows to TMT', () => {
    const value = rates.usdFor('TMT', '5200', '2001-03-01');
    expect(value).toMatchObject({ amountUsd: null, rateSource: null });
    expect(value.warning).toContain('redenomination');
  });

  it('labels FALLBACK rates so the lower confidence shows', () => {
    const value = rates.usdFor('UZS', '5000000', '2010-07-01');
    expect(value.amountUsd).toBe('3150.36');
    expect(value.rateSource).toMatch(/^FALLBACK/);
  });
});
