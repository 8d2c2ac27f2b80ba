import { type FundingFlow, isCurrencyCode } from '@srt/shared/codes';
import type { FundingValuesInput } from '@srt/shared/funding';
import { idParam } from '../../events/-form/values.ts';

/** What the funding form edits: the shared schema's input (the same object the write procedures take). */
export type FundingFormValues = FundingValuesInput;

/** The flows a person records by hand; an imported row's incoming flow stays selectable when it has one. */
export const FORM_FLOWS: readonly FundingFlow[] = ['pledge', 'commitment', 'disbursement', 'expenditure'];

/** A new funding row of a project (and, for a pledge made at a forum, the event), every field present. */
export function newFundingValues(projectId: string, eventId?: string): Partial<FundingFormValues> {
  return {
    projectId,
    eventId: eventId ?? null,
    funderOrgId: null,
    recipientOrgId: null,
    amount: '',
    priceBasis: 'nominal',
    valueDate: null,
    instrument: null,
    estimated: false,
    sources: [],
  };
}

export type NewFundingSearch = { projectId?: string; eventId?: string };

/** `/funding/new?projectId=…&eventId=…`: ids only; anything else is dropped. */
export function newFundingSearch(search: Record<string, unknown>): NewFundingSearch {
  const projectId = idParam(search.projectId);
  const eventId = idParam(search.eventId);
  return { ...(projectId ? { projectId } : {}), ...(eventId ? { eventId } : {}) };
}

const SPACES = /[\s\u00a0\u202f_']/g;

/**
 * An amount as typed, made into the decimal string the schema checks — without ever becoming a float:
 * digit-group spaces (also the no-break spaces Russian formatting uses), underscores and apostrophes go;
 * a lone comma before one or two digits is the decimal separator ("1234,5"), before three it groups
 * digits ("1,234"); with both "," and "." the last one is the decimal
 * separator and the other groups digits ("1,234,567.89", "1.234.567,89"). Anything else stays as typed,
 * for the schema to refuse with its message.
 */
export function normalizeAmount(text: string): string {
  const compact = text.trim().replace(SPACES, '');
  const commas = (compact.match(/,/g) ?? []).length;
  const dots = (compact.match(/\./g) ?? []).length;
  if (commas > 0 && dots > 0) {
    const decimal = compact.lastIndexOf(',') > compact.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole = '', fraction] = splitLast(compact.split(group).join(''), decimal);
    return fraction === undefined ? whole : `${whole}.${fraction}`;
  }
  // Money has at most two decimals: "1,234" groups digits, "1234,5" and "1234,56" have a decimal comma.
  if (commas === 1 && dots === 0)
    return /,\d{3}$/.test(compact) ? compact.replace(',', '') : compact.replace(',', '.');
  if (commas > 1 && dots === 0) return compact.split(',').join('');
  if (dots > 1 && commas === 0) return compact.split('.').join('');
  return compact;
}

function splitLast(text: string, separator: string): [string, string | undefined] {
  const at = text.lastIndexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** The schema's rule for an amount on the wire (decimalSchema), without its sign: what can be converted. */
const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;

/**
 * The `rate.convert` input for the USD preview, or null while the amount or currency cannot be converted
 * yet (then the form shows no preview, rather than a number for something else).
 */
export function conversionInput(values: {
  amount?: string | null;
  currency?: string | null;
  valueDate?: string | null;
}): { amount: string; currency: string; valueDate: string | null } | null {
  const amount = normalizeAmount(values.amount ?? '');
  const currency = (values.currency ?? '').trim().toUpperCase();
  if (!AMOUNT.test(amount) || !isCurrencyCode(currency)) return null;
  return { amount, currency, valueDate: values.valueDate || null };
}
