import { z } from 'zod';
import {
  ACTIVITY_STATUS_CODES,
  ATTRIBUTION_BASIS_CODES,
  DATE_PRECISION_CODES,
  EVENT_TYPE_CODES,
  FUNDING_FLOW_CODES,
  INITIATIVE_CODES,
  INSTRUMENT_CODES,
  isCountryCode,
  isCurrencyCode,
  isSectorCode,
  LOCATION_PRECISION_CODES,
  ORGANIZATION_ROLE_CODES,
  ORGANIZATION_TYPE_CODES,
  PRICE_BASIS_PATTERN,
  SOURCE_KIND_CODES,
} from './codes.ts';

export const idSchema = z.uuid();

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: 'Unknown country code (ISO 3166-1 alpha-2 expected)' });

export const currencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { message: 'Unknown currency code (ISO 4217 expected)' });

export const sectorCodeSchema = z
  .string()
  .trim()
  .refine(isSectorCode, { message: 'Unknown sector (DAC-5 purpose code or 3-digit DAC category expected)' });

export const activityStatusSchema = z.union(ACTIVITY_STATUS_CODES.map((code) => z.literal(code)));
export const initiativeSchema = z.enum(INITIATIVE_CODES);
export const attributionBasisSchema = z.enum(ATTRIBUTION_BASIS_CODES);
export const fundingFlowSchema = z.enum(FUNDING_FLOW_CODES);
export const instrumentSchema = z.enum(INSTRUMENT_CODES);
export const organizationRoleSchema = z.union(ORGANIZATION_ROLE_CODES.map((code) => z.literal(code)));
export const organizationTypeSchema = z.union(ORGANIZATION_TYPE_CODES.map((code) => z.literal(code)));
export const locationPrecisionSchema = z.enum(LOCATION_PRECISION_CODES);
export const eventTypeSchema = z.enum(EVENT_TYPE_CODES);
export const datePrecisionSchema = z.enum(DATE_PRECISION_CODES);
export const sourceKindSchema = z.enum(SOURCE_KIND_CODES);
export const priceBasisSchema = z
  .string()
  .regex(PRICE_BASIS_PATTERN, 'Expected "nominal" or "constant-YYYY"');

/** Calendar date on the wire: `YYYY-MM-DD`, and a real day of the calendar. */
export const isoDateSchema = z.iso.date();

/** Digits before the decimal point that money columns (`numeric(20, 2)`) hold. */
export const DECIMAL_INTEGER_DIGITS = 18;

/**
 * Money on the wire is a decimal string: floats would round 1234567890.12. Two checks with their own
 * messages: the form of the number (at most 2 decimals), and its size (at most 18 digits before the point).
 */
export const decimalSchema = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d{1,2})?$/, 'Expected a decimal number with at most 2 decimals, e.g. "1234567.89"')
  .refine((value) => !new RegExp(`^-?\\d{${DECIMAL_INTEGER_DIGITS + 1},}(\\.\\d*)?$`).test(value), {
    message: 'Too many digits: at most 18 before the decimal point',
  });

export const percentageSchema = z.number().min(0, 'Must be ≥ 0').max(100, 'Must be ≤ 100');
export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);

export const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a language code such as "en", "ru", "th"');

export const byIdInputSchema = z.object({ id: idSchema });

export const pageSizeSchema = z.number().int().min(1).max(200, 'At most 200 rows per page');
export const cursorSchema = z.string().max(500).nullish();
