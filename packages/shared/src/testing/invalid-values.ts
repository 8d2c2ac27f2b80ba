/**
 * Form values each write schema must refuse, with the field errors it must give (path → messages, the
 * path joined with dots as the API's `data.fields` has it). Shared by the schema tests here and the API
 * tests, which send the same values to the procedures: client and server must name the same fields.
 */
import type { z } from 'zod';
import type { EventValuesInput } from '../event.ts';
import type { FundingValuesInput } from '../funding.ts';
import type { OrganizationValuesInput } from '../organization.ts';
import type { ProjectValuesInput } from '../project.ts';
import type { SourceValuesInput } from '../source.ts';

/** A well-formed id; the values below fail the schema before any id is looked up. */
const SOURCE_ID = '6b1e2c4a-0000-4000-8000-000000000001';
const PROJECT_ID = '6b1e2c4a-0000-4000-8000-000000000002';
const cited = [{ sourceId: SOURCE_ID }];

/** A schema's field errors as the API reports them: issue paths joined with dots → messages. */
export function fieldErrorsOf(schema: z.ZodType, value: unknown): Record<string, string[]> | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'input';
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

export type InvalidCase<V> = { name: string; values: V; fields: Record<string, string[]> };

const project = (over: Partial<ProjectValuesInput>): ProjectValuesInput => ({
  title: 'A project',
  sources: cited,
  ...over,
});

export const INVALID_PROJECTS: InvalidCase<ProjectValuesInput>[] = [
  {
    // The shares still sum to 100, so only the out-of-range fields are wrong.
    name: 'a country percentage over 100 and one below 0',
    values: project({
      countries: [
        { country: 'UZ', percentage: 120 },
        { country: 'TJ', percentage: -20 },
      ],
    }),
    fields: { 'countries.0.percentage': ['Must be ≤ 100'], 'countries.1.percentage': ['Must be ≥ 0'] },
  },
  {
    name: 'country percentages that do not sum to 100',
    values: project({
      countries: [
        { country: 'UZ', percentage: 60 },
        { country: 'TJ', percentage: 30 },
      ],
    }),
    fields: { countries: ['Country percentages must sum to 100'] },
  },
  {
    name: 'sector percentages that do not sum to 100',
    values: project({
      sectors: [
        { sector: '32130', percentage: 50 },
        { sector: '25010', percentage: 60 },
      ],
    }),
    fields: { sectors: ['Sector percentages must sum to 100'] },
  },
  {
    name: 'a negative sector percentage',
    values: project({
      sectors: [
        { sector: '32130', percentage: -1 },
        { sector: '25010', percentage: 101 },
      ],
    }),
    fields: { 'sectors.0.percentage': ['Must be ≥ 0'], 'sectors.1.percentage': ['Must be ≤ 100'] },
  },
  {
    name: 'planned and actual ends before their starts',
    values: project({
      plannedStart: '2020-01-01',
      plannedEnd: '2019-12-31',
      actualStart: '2021-06-01',
      actualEnd: '2021-05-31',
    }),
    fields: { plannedEnd: ['End before start'], actualEnd: ['End before start'] },
  },
  {
    name: 'latitude 91',
    values: project({
      locations: [{ name: 'Nowhere', country: 'UZ', precision: 'exact', lat: 91, lon: 64 }],
    }),
    fields: { 'locations.0.lat': ['Too big: expected number to be <=90'] },
  },
  {
    name: 'an exact location without coordinates',
    values: project({ locations: [{ name: 'Tashkent', country: 'UZ', precision: 'exact' }] }),
    fields: { 'locations.0.lat': ['An exact or near location needs coordinates'] },
  },
  {
    name: 'an unknown country code',
    values: project({ countries: [{ country: 'XY' }] }),
    fields: { 'countries.0.country': ['Unknown country code (ISO 3166-1 alpha-2 expected)'] },
  },
  {
    name: 'no source',
    values: project({ sources: [] }),
    fields: { sources: ['Cite at least one source'] },
  },
  {
    name: 'a source cited twice',
    values: project({ sources: [...cited, ...cited] }),
    fields: { sources: ['A source is cited twice'] },
  },
  {
    name: 'an empty title',
    values: project({ title: '   ' }),
    fields: { title: ['Title is required'] },
  },
];

const funding = (over: Partial<FundingValuesInput>): FundingValuesInput => ({
  projectId: PROJECT_ID,
  flow: 'commitment',
  amount: '1234567890.12',
  currency: 'USD',
  sources: cited,
  ...over,
});

export const INVALID_FUNDING: InvalidCase<FundingValuesInput>[] = [
  {
    name: 'an unknown currency',
    values: funding({ currency: 'ABC' }),
    fields: { currency: ['Unknown currency code (ISO 4217 expected)'] },
  },
  {
    name: 'a negative amount',
    values: funding({ amount: '-1000.50' }),
    fields: { amount: ['Amount must not be negative'] },
  },
  {
    name: 'an amount with three decimals (it would be rounded)',
    values: funding({ amount: '1.005' }),
    fields: { amount: ['Expected a decimal number with at most 2 decimals, e.g. "1234567.89"'] },
  },
  {
    name: 'an amount with too many digits (it would not fit)',
    values: funding({ amount: '99999999999999999999.99' }),
    fields: { amount: ['Too many digits: at most 18 before the decimal point'] },
  },
  {
    name: 'an amount as a float number',
    values: funding({ amount: 1234567890.12 as unknown as string }),
    fields: { amount: ['Invalid input: expected string, received number'] },
  },
  {
    name: 'no source',
    values: funding({ sources: [] }),
    fields: { sources: ['Cite at least one source'] },
  },
  {
    name: 'a price basis that is neither nominal nor constant-YYYY',
    values: funding({ priceBasis: 'real' }),
    fields: { priceBasis: ['Expected "nominal" or "constant-YYYY"'] },
  },
];

const event = (over: Partial<EventValuesInput>): EventValuesInput => ({
  type: 'forum',
  title: 'An event',
  date: '2018-04-20',
  sources: cited,
  ...over,
});

export const INVALID_EVENTS: InvalidCase<EventValuesInput>[] = [
  {
    name: 'latitude 91',
    values: event({ lat: 91, lon: 121 }),
    fields: { lat: ['Too big: expected number to be <=90'] },
  },
  {
    name: 'a day that is not in the calendar',
    values: event({ date: '2018-02-30' }),
    fields: { date: ['Invalid ISO date'] },
  },
  {
    name: 'an unknown country code',
    values: event({ country: 'XY' }),
    fields: { country: ['Unknown country code (ISO 3166-1 alpha-2 expected)'] },
  },
  {
    name: 'no source',
    values: event({ sources: [] }),
    fields: { sources: ['Cite at least one source'] },
  },
];

export const INVALID_ORGANIZATIONS: InvalidCase<OrganizationValuesInput>[] = [
  { name: 'an empty name', values: { name: '' }, fields: { name: ['Name is required'] } },
  {
    name: 'an unknown country code',
    values: { name: 'Org', country: 'XY' },
    fields: { country: ['Unknown country code (ISO 3166-1 alpha-2 expected)'] },
  },
];

export const INVALID_SOURCES: InvalidCase<SourceValuesInput>[] = [
  {
    name: 'a javascript: URL',
    values: { title: 'Source', kind: 'news', url: 'javascript:alert(1)' },
    fields: { url: ['Expected an http(s) URL'] },
  },
  { name: 'an empty title', values: { title: '', kind: 'news' }, fields: { title: ['Title is required'] } },
];
