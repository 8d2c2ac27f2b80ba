/** IATI 2.03 codes turned into the tracker's codes. Anything not listed here is kept in `raw`. */
import type { FundingRecord } from '../types.ts';

export type Flow = FundingRecord['flow'];
export type Instrument = NonNullable<FundingRecord['instrument']>;

/** UNIDO's organisation identifier (OECD DAC code 41123). */
export const UNIDO_REF = 'XM-DAC-41123';

/**
 * TransactionType codelist. 12 (outgoing) and 13 (incoming) pledges are both pledges; the code stays in
 * the funding row's raw, so the direction is not lost. 5–10 (interest, loan repayment, reimbursement,
 * equity purchase/sale, credit guarantee) are not funding flows the tracker shows.
 */
export const TRANSACTION_FLOWS: Record<string, Flow> = {
  '1': 'incoming_funds',
  '2': 'commitment',
  '3': 'disbursement',
  '4': 'expenditure',
  '11': 'incoming_commitment',
  '12': 'pledge',
  '13': 'pledge',
};

export const TRANSACTION_TYPE_NAMES: Record<string, string> = {
  '1': 'Incoming Funds',
  '2': 'Outgoing Commitment',
  '3': 'Disbursement',
  '4': 'Expenditure',
  '5': 'Interest Payment',
  '6': 'Loan Repayment',
  '7': 'Reimbursement',
  '8': 'Purchase of Equity',
  '9': 'Sale of Equity',
  '10': 'Credit Guarantee',
  '11': 'Incoming Commitment',
  '12': 'Outgoing Pledge',
  '13': 'Incoming Pledge',
};

/**
 * FinanceType codelist (the OECD DAC "type of finance") by its groups: 1xx grants and 2xx interest
 * subsidies are grants; 3xx capital subscriptions are other; 4xx debt instruments are loans, except
 * 432 preferred equity (equity) and 433 other hybrid instruments (other); 5xx equity; 6xx debt relief,
 * 7xx–9xx securities and other claims are other; 1100 guarantees and insurance. Codes 1–4 are not
 * finance types at all (GNI, ODA % GNI…), so they give no instrument.
 */
export function instrumentOf(financeType: string): Instrument | undefined {
  if (!/^\d{3,4}$/.test(financeType)) return undefined;
  const code = Number(financeType);
  if (code === 1100) return 'guarantee';
  if (code >= 100 && code < 300) return 'grant';
  if (code === 432) return 'equity';
  if (code === 433) return 'other';
  if (code >= 400 && code < 500) return 'loan';
  if (code >= 500 && code < 600) return 'equity';
  if (code >= 300 && code < 1000) return 'other';
  return undefined;
}

/** ActivityDateType codelist → the record's date fields. */
export const ACTIVITY_DATE_FIELDS = {
  '1': 'plannedStart',
  '2': 'actualStart',
  '3': 'plannedEnd',
  '4': 'actualEnd',
} as const;

/**
 * TagVocabulary: 1 Agrovoc, 2 SDG goals, 3 SDG targets, 4 Team Europe initiatives have fixed meanings;
 * only the free vocabularies 98 (country-specific) and 99 (reporting organisation) can label an
 * initiative, and only when the tag itself names the Belt and Road (an acronym alone is too ambiguous).
 */
export const FREE_TAG_VOCABULARIES = new Set(['98', '99']);
export const BELT_AND_ROAD =
  /\bbelt\s*(and|&)\s*road\b|\bone\s+belt,?\s+one\s+road\b|一带一路|пояс\s+и\s+путь/i;

/** SectorVocabulary: 1 (or absent) DAC 5-digit purpose codes, 2 DAC 3-digit sector codes. */
export const DAC5_VOCABULARY = '1';
export const DAC3_VOCABULARY = '2';

/** GeographicExactness. */
export const EXACT = '1';
export const APPROXIMATE = '2';

/** GeographicLocationClass. */
export const LOCATION_CLASS = {
  administrativeRegion: '1',
  populatedPlace: '2',
  structure: '3',
  otherTopographicalFeature: '4',
} as const;
