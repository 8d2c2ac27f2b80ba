/**
 * Annual exchange rates and the USD value of an amount. Money never passes through a JS float: amounts
 * and rates are decimal strings, divided exactly with BigInt and rounded half away from zero to the cent
 * (what PostgreSQL's `round(numeric, 2)` does).
 *
 * Rules (see data/README.md and shared/data/PROVENANCE.md §8):
 * - The rate is the annual average of the value date's year; no value date → no rate.
 * - USD converts at 1, with its own stated source.
 * - A currency-year without a row has no USD value (`amountUsd` and `rateSource` null): never guessed from
 *   a neighbouring year.
 * - TMT before 2009 is ambiguous: the table's 2000–2001 rows are OLD manat (5,200 TMM per USD; 1 TMT =
 *   5,000 TMM since 2009), and a value a publisher labels "TMT" before the redenomination may be in either
 *   unit. Such amounts get no USD value and a warning; the old-manat rows stay in the table, unused.
 * - FALLBACK rows (TMT 2009–2014, UZS 2007–2012) are used, and their source label, which says FALLBACK, is
 *   stored with every converted amount so the UI can show the lower confidence.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rateAuditId } from '@srt/shared/audit';
import { isCurrencyCode } from '@srt/shared/codes';
import { parse } from 'csv-parse/sync';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditEntries, exchangeRates, funding } from '../schema.ts';

export const EXCHANGE_RATES_FILE = fileURLToPath(
  new URL('../../data/exchange_rates_annual.csv', import.meta.url),
);

export const USD_RATE_SOURCE = 'USD: no conversion (rate 1)';
/** Year the new Turkmen manat (TMT) replaced the old one (TMM) at 5,000 : 1. */
export const TMT_REDENOMINATION_YEAR = 2009;
/** Scale of `exchange_rates.per_usd` and `funding.usd_rate`: numeric(24, 10). */
const RATE_SCALE = 10;

// ---------------------------------------------------------------------------------------------------------
// Exact decimals

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** A decimal string as an integer of units of 10^-scale; null when it is not a plain decimal. */
function toScaled(value: string, scale: number): bigint | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  let units = BigInt(whole + kept);
  // Round half away from zero on the first dropped digit.
  const dropped = fraction.slice(scale);
  if (dropped.length > 0 && dropped.charCodeAt(0) >= 53 /* '5' */) units += 1n;
  return sign === '-' ? -units : units;
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const text = scale > 0 ? `${whole}.${fraction}` : whole;
  return negative && units !== 0n ? `-${text}` : text;
}

/** True for a plain decimal string such as `-1234.5` (no exponent, no thousands separators). */
export const isDecimal = (value: string): boolean => DECIMAL.test(value.trim());

/** Rounds a decimal string to `scale` places, half away from zero; null when it is not a decimal. */
export function roundDecimal(value: string, scale: number): string | null {
  const units = toScaled(value, scale);
  return units === null ? null : fromScaled(units, scale);
}

/** A finite JS number (a percentage, never money) as a decimal string rounded to `scale` places. */
export function numberToDecimal(value: number, scale: number): string | null {
  if (!Number.isFinite(value)) return null;
  return roundDecimal(value.toFixed(Math.min(scale + 6, 20)), scale);
}

/** `amount / perUsd`, exact, rounded half away from zero to the cent. */
export function divideToCents(amount: string, perUsd: string): string {
  const a = parseExact(amount);
  const r = parseExact(perUsd);
  if (!a || !r || r.units === 0n) throw new Error(`Cannot divide ${amount} by ${perUsd}`);
  // amount = A·10^-a, rate = R·10^-r → cents = A·10^(r+2) / (R·10^a)
  let numerator = a.units * 10n ** BigInt(r.scale + 2);
  let denominator = r.units * 10n ** BigInt(a.scale);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let cents = magnitude / denominator;
  if ((magnitude % denominator) * 2n >= denominator) cents += 1n;
  return fromScaled(negative ? -cents : cents, 2);
}

function parseExact(value: string): { units: bigint; scale: number } | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

// ---------------------------------------------------------------------------------------------------------
// Rate table

export type Rate = { perUsd: string; source: string };

export type UsdValue = {
  amountUsd: string | null;
  usdRate: string | null;
  rateSource: string | null;
  /** Why there is no USD value, when there is none (for the import report). */
  warning: string | null;
};

export type RateTable = {
  rate(currency: string, year: number): Rate | undefined;
  /** The USD value of `amount` (a decimal string) in `currency`, at the rate of the value date's year. */
  usdFor(currency: string, amount: string, valueDate: string | null | undefined): UsdValue;
};

export function rateTable(
  rows: Iterable<{ currency: string; year: number; perUsd: string; source: string }>,
) {
  const byKey = new Map<string, Rate>();
  for (const row of rows)
    byKey.set(`${row.currency}:${row.year}`, { perUsd: row.perUsd, source: row.source });
  const rate = (currency: string, year: number) => byKey.get(`${currency}:${year}`);
  return {
    rate,
    usdFor: (currency: string, amount: string, valueDate: string | null | undefined) =>
      usdFor(rate, currency, amount, valueDate),
  } satisfies RateTable;
}

const noRate = (warning: string): UsdValue => ({ amountUsd: null, usdRate: null, rateSource: null, warning });

export function usdFor(
  rate: RateTable['rate'],
  currency: string,
  amount: string,
  valueDate: string | null | undefined,
): UsdValue {
  if (currency === 'USD') {
    const cents = roundDecimal(amount, 2);
    if (cents === null) return noRate(`Amount ${amount} is not a decimal number`);
    return {
      amountUsd: cents,
      usdRate: fromScaled(10n ** BigInt(RATE_SCALE), RATE_SCALE),
      rateSource: USD_RATE_SOURCE,
      warning: null,
    };
  }
  const year = valueDate ? Number(valueDate.slice(0, 4)) : Number.NaN;
  if (!Number.isInteger(year)) return noRate(`No value date: no USD rate applied to the ${currency} amount`);
  if (currency === 'TMT' && year < TMT_REDENOMINATION_YEAR) {
    return noRate(
      `TMT amount dated ${year}, before the 2009 redenomination (1 TMT = 5,000 old manat): the unit is ambiguous, so no USD rate is applied`,
    );
  }
  const found = rate(currency, year);
  if (!found)
    return noRate(
      `No USD rate for ${currency} in ${year}: the amount is kept in ${currency} without a USD value`,
    );
  return {
    amountUsd: divideToCents(amount, found.perUsd),
    usdRate: found.perUsd,
    rateSource: found.source,
    warning: null,
  };
}

/** The rate table as stored, read once per import run. */
export async function loadRateTable(db: Db): Promise<RateTable> {
  const rows = await db
    .select({
      currency: exchangeRates.currency,
      year: exchangeRates.year,
      perUsd: exchangeRates.perUsd,
      source: exchangeRates.source,
    })
    .from(exchangeRates);
  return rateTable(rows);
}

// ---------------------------------------------------------------------------------------------------------
// Loading the CSV

export type RateRow = { currency: string; year: number; perUsd: string; source: string };

/** Parses `currency,year,per_usd,source`; throws with the line number on the first bad row. */
export function parseRatesCsv(text: string): RateRow[] {
  const records: Record<string, string>[] = parse(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
  const seen = new Set<string>();
  return records.map((record, i) => {
    const line = i + 2;
    const currency = (record.currency ?? '').toUpperCase();
    const year = Number(record.year);
    const perUsd = roundDecimal(record.per_usd ?? '', RATE_SCALE);
    const source = record.source ?? '';
    if (!isCurrencyCode(currency)) throw new Error(`Line ${line}: unknown currency "${record.currency}"`);
    if (!Number.isInteger(year) || year < 1900 || year > 2100)
      throw new Error(`Line ${line}: bad year "${record.year}"`);
    if (perUsd === null || toScaled(perUsd, RATE_SCALE) === 0n || perUsd.startsWith('-')) {
      throw new Error(`Line ${line}: per_usd "${record.per_usd}" is not a positive decimal`);
    }
    if (!source) throw new Error(`Line ${line}: no source`);
    const key = `${currency}:${year}`;
    if (seen.has(key)) throw new Error(`Line ${line}: ${currency} ${year} appears twice`);
    seen.add(key);
    return { currency, year, perUsd, source };
  });
}

/**
 * Loads the annual rates into `exchange_rates`: new rows inserted, changed rows updated (version bumped),
 * unchanged rows left alone, each change audited in the same transaction. Rows not in the file are kept.
 * The funding rows in a currency-year whose rate is new or changed get their USD value re-computed in
 * the same transaction (`fundingUpdated`), as when an admin saves a rate: a row stored with "no rate"
 * gets its value once the file has the rate, and a corrected rate corrects every amount converted at it.
 */
export async function loadExchangeRates(
  db: Db,
  options: { actor: string; file?: string; text?: string },
): Promise<{ inserted: number; updated: number; unchanged: number; fundingUpdated: number }> {
  const rows = parseRatesCsv(options.text ?? (await readFile(options.file ?? EXCHANGE_RATES_FILE, 'utf8')));
  return db.transaction(async (tx) => {
    const existing = new Map(
      (await tx.select().from(exchangeRates)).map((row) => [`${row.currency}:${row.year}`, row] as const),
    );
    const inserts: RateRow[] = [];
    const audits: (typeof auditEntries.$inferInsert)[] = [];
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      const before = existing.get(`${row.currency}:${row.year}`);
      const entityId = rateAuditId(row.currency, row.year);
      if (!before) {
        inserts.push(row);
        audits.push({
          actor: options.actor,
          entity: 'rate',
          entityId,
          action: 'create',
          after: { ...row, version: 1 },
        });
      } else if (before.perUsd !== row.perUsd || before.source !== row.source) {
        await tx
          .update(exchangeRates)
          .set({
            perUsd: row.perUsd,
            source: row.source,
            version: before.version + 1,
            updatedAt: sql`now()`,
            updatedBy: options.actor,
          })
          .where(and(eq(exchangeRates.currency, row.currency), eq(exchangeRates.year, row.year)));
        audits.push({
          actor: options.actor,
          entity: 'rate',
          entityId,
          action: 'update',
          before: {
            currency: before.currency,
            year: before.year,
            perUsd: before.perUsd,
            source: before.source,
            version: before.version,
          },
          after: { ...row, version: before.version + 1 },
        });
        updated++;
      } else {
        unchanged++;
      }
    }
    if (inserts.length > 0) {
      await tx.insert(exchangeRates).values(inserts.map((row) => ({ ...row, updatedBy: options.actor })));
    }
    // Only the currency-years that have funding rows are looked at (none, on a fresh database), and only
    // when a rate changed.
    const funded = new Set(
      audits.length === 0
        ? []
        : (
            await tx
              .selectDistinct({ currency: funding.currency, year: funding.valueYear })
              .from(funding)
              .where(isNotNull(funding.valueYear))
          ).map((row) => rateAuditId(row.currency, row.year ?? 0)),
    );
    let fundingUpdated = 0;
    for (const entry of audits) {
      const after = entry.after as RateRow & { version: number };
      const changed = funded.has(entry.entityId)
        ? await recomputeFundingUsd(tx, after.currency, after.year)
        : 0;
      entry.after = { ...after, fundingUpdated: changed };
      fundingUpdated += changed;
    }
    if (audits.length > 0) await tx.insert(auditEntries).values(audits);
    return { inserted: inserts.length, updated, unchanged, fundingUpdated };
  });
}

/** The stored rate of one currency-year (for tests and the API's reference data). */
export async function storedRate(db: Db, currency: string, year: number): Promise<Rate | undefined> {
  const [row] = await db
    .select({ perUsd: exchangeRates.perUsd, source: exchangeRates.source })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.year, year)));
  return row;
}

/**
 * Re-computes the USD value of every funding row in `currency` dated in `year` (deleted rows too, so a
 * restore brings the right value back) from the rate now stored, with the import's `usdFor`. Only rows
 * whose value changes are written. `amount_usd` is derived, not entered: the rows keep their version, so
 * an editor's open form does not turn into a conflict. Returns the number of rows changed.
 */
export async function recomputeFundingUsd(tx: Db, currency: string, year: number): Promise<number> {
  const stored = await storedRate(tx, currency, year);
  const rows = await tx
    .select({
      id: funding.id,
      amount: funding.amount,
      valueDate: funding.valueDate,
      amountUsd: funding.amountUsd,
      usdRate: funding.usdRate,
      rateSource: funding.rateSource,
    })
    .from(funding)
    .where(and(eq(funding.currency, currency), eq(funding.valueYear, year)));
  const changed: {
    id: string;
    amount_usd: string | null;
    usd_rate: string | null;
    rate_source: string | null;
  }[] = [];
  const sameDecimal = (a: string | null, b: string | null) =>
    a === null || b === null ? a === b : roundDecimal(a, 10) === roundDecimal(b, 10);
  for (const row of rows) {
    const value = usdFor(() => stored, currency, row.amount, row.valueDate);
    if (
      sameDecimal(row.amountUsd, value.amountUsd) &&
      sameDecimal(row.usdRate, value.usdRate) &&
      row.rateSource === value.rateSource
    )
      continue;
    changed.push({
      id: row.id,
      amount_usd: value.amountUsd,
      usd_rate: value.usdRate,
      rate_source: value.rateSource,
    });
  }
  // One statement per thousand rows, the values as one JSON parameter.
  for (let i = 0; i < changed.length; i += 1000) {
    const part = JSON.stringify(changed.slice(i, i + 1000));
    await tx.execute(sql`
      update ${funding} set amount_usd = v.amount_usd, usd_rate = v.usd_rate, rate_source = v.rate_source
      from jsonb_to_recordset(${part}::jsonb) as v(id uuid, amount_usd numeric, usd_rate numeric, rate_source text)
      where ${funding.id} = v.id`);
  }
  return changed.length;
}
