import { eventValuesSchema } from '@srt/shared/event';
import { fundingValuesSchema } from '@srt/shared/funding';
import { organizationValuesSchema } from '@srt/shared/organization';
import { projectValuesSchema } from '@srt/shared/project';
import { sourceValuesSchema } from '@srt/shared/source';
import { describe, expect, it } from 'vitest';
import en from '../i18n/lazy/en/forms.json';
import ru from '../i18n/lazy/ru/forms.json';
import { errorText, translateError } from './error-text.ts';

type Schema = { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } };
const messagesOf = (schema: Schema, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

const SOURCE = '00000000-0000-4000-8000-000000000001';

// Bad values for every field kind of the five form schemas: the messages the form and the server produce.
const bad: [string, Schema, unknown][] = [
  [
    'project fields',
    projectValuesSchema,
    {
      title: '',
      status: 9,
      titleLanguage: 'EN!',
      plannedStart: '2020-02-31',
      countries: [{ country: 'XX', percentage: 120 }],
      sectors: [{ sector: 'x', percentage: -1 }],
      initiatives: [{ initiative: 'nope', basis: undefined, sourceId: 'abc' }],
      participants: [{ organizationId: null, role: 7 }],
      locations: [{ name: '', country: 'UZ', precision: 'exact', lat: 91, lon: Number.NaN }],
      sources: [],
    },
  ],
  [
    'project rules',
    projectValuesSchema,
    {
      title: 'x',
      plannedStart: '2021-01-01',
      plannedEnd: '2020-01-01',
      countries: [{ country: 'UZ', percentage: 60 }],
      sectors: [{ sector: '25010', percentage: 50 }],
      locations: [{ name: 'x', country: 'UZ', precision: 'exact' }],
      sources: [{ sourceId: SOURCE }, { sourceId: SOURCE }],
    },
  ],
  [
    'funding',
    fundingValuesSchema,
    {
      projectId: '',
      flow: '',
      amount: '1.234',
      currency: 'XYZ',
      priceBasis: 'x',
      estimated: 'y',
      sources: [{ sourceId: 'a' }],
    },
  ],
  [
    'funding amount',
    fundingValuesSchema,
    { projectId: SOURCE, flow: 'pledge', amount: '-1', currency: 'USD', sources: [{ sourceId: SOURCE }] },
  ],
  [
    'event',
    eventValuesSchema,
    { type: null, title: 'x'.repeat(1001), date: '', datePrecision: 'week', lat: '12', sources: [] },
  ],
  ['source', sourceValuesSchema, { url: 'ftp://x', title: '', kind: undefined }],
  ['organization', organizationValuesSchema, { name: '  ', type: 99 }],
];

/** Whether a key (with its plural forms) exists in a message tree. */
function hasKey(tree: unknown, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop() ?? '';
  const parent = parts.reduce<unknown>(
    (node, part) => (node as Record<string, unknown> | undefined)?.[part],
    tree,
  );
  if (typeof parent !== 'object' || parent === null) return false;
  return last in parent || `${last}_one` in parent;
}

describe('field errors in the user’s language', () => {
  it.each(bad)('knows every message the %s schema produces, in English and Russian', (_, schema, value) => {
    const messages = messagesOf(schema, value);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      const text = errorText(message);
      expect(text, message).not.toBeNull();
      expect(hasKey(en, text?.key ?? ''), `en ${text?.key}`).toBe(true);
      expect(hasKey(ru, text?.key ?? ''), `ru ${text?.key}`).toBe(true);
    }
  });

  it('reads the numbers out of zod’s own messages', () => {
    expect(errorText('Too big: expected number to be <=90')).toEqual({
      key: 'errors.max',
      values: { max: 90 },
    });
    expect(errorText('Too small: expected number to be >=-180')).toEqual({
      key: 'errors.min',
      values: { min: -180 },
    });
    expect(errorText('Too big: expected string to have <=1000 characters')).toEqual({
      key: 'errors.tooLong',
      values: { count: 1000 },
    });
    expect(errorText('Too small: expected string to have >=1 characters')).toEqual({
      key: 'errors.required',
    });
    expect(errorText('Invalid input: expected string, received undefined')).toEqual({
      key: 'errors.required',
    });
    expect(errorText('Country percentages must sum to 100')).toEqual({ key: 'errors.countriesSum' });
  });

  it('passes an unknown message through untranslated', () => {
    const t = (key: string) => `[${key}]`;
    expect(translateError('No organisation with id 42', t)).toBe('No organisation with id 42');
    expect(translateError('Title is required', t)).toBe('[errors.required]');
  });
});

describe('errors only the server finds', () => {
  it('are translated too', () => {
    for (const message of [
      'Country listed twice',
      'The organisation is listed twice in this role',
      'Another project has this IATI identifier',
      'No such source',
      'The organisation was deleted',
    ]) {
      const text = errorText(message);
      expect(text, message).not.toBeNull();
      expect(hasKey(en, text?.key ?? ''), `en ${text?.key}`).toBe(true);
      expect(hasKey(ru, text?.key ?? ''), `ru ${text?.key}`).toBe(true);
    }
    expect(errorText('No such organisation')).toEqual({ key: 'errors.missing.organisation' });
  });
});
