import { currencyCodeSchema } from '@srt/shared/common';
import type { DroppedParam, Sanitized } from '../../../filter/search.ts';
import { showValue } from '../../../filter/search.ts';

/** The /admin/rates URL: `currency`, an ISO 4217 code (an unknown one is dropped and reported). */
export type RatesSearch = { currency?: string };

export function sanitizeRatesSearch(search: Record<string, unknown>): Sanitized<RatesSearch> {
  const raw = search.currency;
  if (raw === undefined || raw === null || raw === '') return { value: {}, dropped: [] };
  const parsed = currencyCodeSchema.safeParse(raw);
  if (parsed.success) return { value: { currency: parsed.data }, dropped: [] };
  const dropped: DroppedParam[] = [{ param: 'currency', value: showValue(raw), reason: 'invalid' }];
  return { value: {}, dropped };
}
