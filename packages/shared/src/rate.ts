import { z } from 'zod';
import { currencyCodeSchema, decimalSchema, isoDateSchema } from './common.ts';
import { versionSchema } from './write.ts';

/**
 * The annual exchange-rate table (units of a currency per 1 USD, one row per currency and year) that
 * every USD conversion reads, and the schemas of its procedures. USD itself always converts at 1.
 */
export const RATE_YEAR_MIN = 1950;
export const RATE_YEAR_MAX = 2100;

export const rateYearSchema = z
  .number()
  .int('A year is a whole number')
  .min(RATE_YEAR_MIN, `Year must be ≥ ${RATE_YEAR_MIN}`)
  .max(RATE_YEAR_MAX, `Year must be ≤ ${RATE_YEAR_MAX}`);

/** numeric(24, 10): up to 14 digits before the point and 10 after, and more than zero. */
export const perUsdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,10})?$/, 'Expected a positive decimal with at most 10 decimals, e.g. "1.7"')
  .refine((v) => /[1-9]/.test(v), 'The rate must be more than zero');

export const rateListInputSchema = z.object({
  currency: currencyCodeSchema.nullish(),
  year: rateYearSchema.nullish(),
});
export type RateListInput = z.input<typeof rateListInputSchema>;

/** A rate as the admin form and `rate.upsert` take it. */
export const rateValuesSchema = z.object({
  currency: currencyCodeSchema.refine((c) => c !== 'USD', 'USD always converts at 1: it has no rate row'),
  year: rateYearSchema,
  perUsd: perUsdSchema,
  source: z.string().trim().min(1, 'Name the source of the rate').max(500),
});
export type RateValuesInput = z.input<typeof rateValuesSchema>;
export type RateValues = z.output<typeof rateValuesSchema>;

/** Without `version`: a new row (refused with CONFLICT when one exists). With it: an update of that version. */
export const rateUpsertInputSchema = rateValuesSchema.extend({ version: versionSchema.nullish() });
export type RateUpsertInput = z.input<typeof rateUpsertInputSchema>;

export const rateConvertInputSchema = z.object({
  amount: decimalSchema,
  currency: currencyCodeSchema,
  /** The rate is the annual average of this date's year; no date, no rate. */
  valueDate: isoDateSchema.nullish(),
});
export type RateConvertInput = z.input<typeof rateConvertInputSchema>;

/** `rate.convert`: nulls when there is no rate — never a guessed number. */
export type RateConversion = {
  amountUsd: string | null;
  rate: string | null;
  year: number | null;
  source: string | null;
};
