import { rateAuditId } from '@srt/shared/audit';
import type { RateConversion, RateUpsertInput, RateValues } from '@srt/shared/rate';
import type { Editable } from '@srt/shared/write';
import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { writeAudit } from '../audit.ts';
import type { Db } from '../client.ts';
import { ConflictError } from '../conflict.ts';
import { recomputeFundingUsd, roundDecimal, storedRate, usdFor } from '../import/rates.ts';
import { exchangeRates, funding, users } from '../schema.ts';
import { QueryInputError } from './list.ts';

/**
 * The exchange-rate table for the API: list, convert, and the admin's upsert. Conversions go through
 * `usdFor` of the import pipeline, so a form's preview, an import and a re-computation after a rate
 * change give the same cents.
 */

/** `1.7000000000` (numeric(24, 10) as stored) → `1.7`. */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export type RateRow = {
  currency: string;
  year: number;
  perUsd: string;
  source: string;
  version: number;
  updatedAt: string;
  /** The actor as stored: a user id, or a process such as `seed`. */
  updatedBy: string | null;
  /** The user's display name when `updatedBy` is a user. */
  updatedByName: string | null;
};

export async function listRates(db: Db, params: { currency?: string | null; year?: number | null }) {
  const where = and(
    params.currency ? eq(exchangeRates.currency, params.currency) : undefined,
    params.year ? eq(exchangeRates.year, params.year) : undefined,
  );
  const [rows, [span]] = await Promise.all([
    db
      .select({
        currency: exchangeRates.currency,
        year: exchangeRates.year,
        perUsd: exchangeRates.perUsd,
        source: exchangeRates.source,
        version: exchangeRates.version,
        updatedAt: exchangeRates.updatedAt,
        updatedBy: exchangeRates.updatedBy,
        updatedByName: users.name,
      })
      .from(exchangeRates)
      .leftJoin(users, eq(users.id, exchangeRates.updatedBy))
      .where(where)
      .orderBy(asc(exchangeRates.currency), asc(exchangeRates.year)),
    // The years the whole table covers: within them, a currency without a row has "no rate".
    db
      .select({
        from: sql<number | null>`min(${exchangeRates.year})`.mapWith(Number),
        to: sql<number | null>`max(${exchangeRates.year})`.mapWith(Number),
      })
      .from(exchangeRates),
  ]);
  return {
    rows: rows.map((r): RateRow => ({ ...r, perUsd: trimDecimal(r.perUsd) })),
    years: span?.from && span.to ? { from: span.from, to: span.to } : null,
  };
}

/**
 * Currency-years that dated, non-USD funding rows use and the table has no rate for: their amounts have
 * no USD value. A scan of `funding` (no index serves it): for the admin page, not for hot paths.
 */
export async function missingRates(
  db: Db,
): Promise<{ currency: string; year: number; fundingRows: number }[]> {
  const rows = await db
    .select({
      currency: funding.currency,
      year: sql<number>`${funding.valueYear}`.mapWith(Number),
      fundingRows: sql<number>`count(*)`.mapWith(Number),
    })
    .from(funding)
    .leftJoin(
      exchangeRates,
      and(eq(exchangeRates.currency, funding.currency), eq(exchangeRates.year, funding.valueYear)),
    )
    .where(
      and(
        isNull(funding.deletedAt),
        isNotNull(funding.valueYear),
        ne(funding.currency, 'USD'),
        isNull(exchangeRates.currency),
      ),
    )
    .groupBy(funding.currency, funding.valueYear)
    .orderBy(asc(funding.currency), asc(funding.valueYear));
  return rows;
}

/** The USD value of an amount at the rate of its value date's year, exactly as an import computes it. */
export async function convertToUsd(
  db: Db,
  input: { amount: string; currency: string; valueDate?: string | null },
): Promise<RateConversion> {
  const year = input.valueDate ? Number(input.valueDate.slice(0, 4)) : null;
  const stored =
    year !== null && input.currency !== 'USD' ? await storedRate(db, input.currency, year) : undefined;
  const value = usdFor(() => stored, input.currency, input.amount, input.valueDate);
  return {
    amountUsd: value.amountUsd,
    rate: value.usdRate === null ? null : trimDecimal(value.usdRate),
    year,
    source: value.rateSource,
  };
}

const asEditable = (row: typeof exchangeRates.$inferSelect): Editable<RateValues> => ({
  id: rateAuditId(row.currency, row.year),
  version: row.version,
  deleted: false,
  values: { currency: row.currency, year: row.year, perUsd: trimDecimal(row.perUsd), source: row.source },
});

const snapshot = (row: {
  currency: string;
  year: number;
  perUsd: string;
  source: string;
  version: number;
}) => ({
  currency: row.currency,
  year: row.year,
  perUsd: trimDecimal(row.perUsd),
  source: row.source,
  version: row.version,
});

async function currentRate(tx: Db, currency: string, year: number) {
  const [row] = await tx
    .select()
    .from(exchangeRates)
    .where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.year, year)));
  return row;
}

/**
 * Adds a rate (no `version`) or changes one (the `version` it was read at), audits it as entity `rate`
 * (`CUR-YEAR`) and re-computes the USD values of the funding rows it converts — all in one transaction.
 * A row that exists when adding, or a stale version when changing, throws `ConflictError` with the row
 * as it is now.
 */
export async function upsertRate(
  db: Db,
  input: RateValues & { version?: RateUpsertInput['version'] },
  actor: string,
): Promise<{ currency: string; year: number; version: number; fundingUpdated: number }> {
  const { currency, year } = input;
  const perUsd = roundDecimal(input.perUsd, 10);
  if (perUsd === null) throw new QueryInputError('perUsd', 'Expected a positive decimal');
  return db.transaction(async (tx) => {
    let before: typeof exchangeRates.$inferSelect | undefined;
    let version: number;
    if (input.version == null) {
      const [inserted] = await tx
        .insert(exchangeRates)
        .values({ currency, year, perUsd, source: input.source, updatedBy: actor })
        .onConflictDoNothing()
        .returning({ version: exchangeRates.version });
      if (!inserted) {
        const current = await currentRate(tx, currency, year);
        throw new ConflictError('rate', current ? asEditable(current) : null);
      }
      version = inserted.version;
    } else {
      before = await currentRate(tx, currency, year);
      if (!before) throw new QueryInputError('version', `There is no ${currency} rate for ${year} to change`);
      const [updated] = await tx
        .update(exchangeRates)
        .set({
          perUsd,
          source: input.source,
          version: sql`${exchangeRates.version} + 1`,
          updatedAt: sql`now()`,
          updatedBy: actor,
        })
        .where(
          and(
            eq(exchangeRates.currency, currency),
            eq(exchangeRates.year, year),
            eq(exchangeRates.version, input.version),
          ),
        )
        .returning({ version: exchangeRates.version });
      if (!updated) {
        const current = await currentRate(tx, currency, year);
        throw new ConflictError('rate', current ? asEditable(current) : null);
      }
      version = updated.version;
    }
    const fundingUpdated = await recomputeFundingUsd(tx, currency, year);
    await writeAudit(tx, {
      actor,
      entity: 'rate',
      entityId: rateAuditId(currency, year),
      action: before ? 'update' : 'create',
      before: before ? snapshot(before) : null,
      after: { ...snapshot({ currency, year, perUsd, source: input.source, version }), fundingUpdated },
    });
    return { currency, year, version, fundingUpdated };
  });
}
