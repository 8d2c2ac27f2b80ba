import { describe, expect, it } from 'vitest';
import { type FormatContext, formatDecimal, formatItem, formatValue } from './format-change.ts';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const ORG = '0b6f2d1c-2a4b-4c5d-8e9f-0a1b2c3d4e5f';
const SOURCE = '1c7e3e2d-3b5c-4d6e-9fa0-1b2c3d4e5f60';
const GONE = 'ffffffff-3b5c-4d6e-9fa0-1b2c3d4e5f60';

const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({
  language: 'en',
  names: {
    [ORG]: { entity: 'organization', title: 'Export-Import Bank of China (CHEXIM)' },
    [SOURCE]: { entity: 'source', title: 'UNIDO news, 21 April 2018' },
  },
  words: { yes: 'yes', no: 'no', unknownRecord: 'deleted record' },
  ...over,
});

describe('formatValue', () => {
  it('names codes in the UI language', () => {
    expect(formatValue('status', 2, ctx())).toBe('Implementation');
    expect(formatValue('status', 2, ctx({ language: 'ru' }))).toBe('Реализация');
    expect(formatValue('flow', 'commitment', ctx())).toBe('Committed');
    expect(formatValue('type', 'signing', ctx())).not.toBe('signing');
    expect(formatValue('type', 40, ctx())).toMatch(/multilateral/i);
    expect(formatValue('country', 'UZ', ctx())).toBe('Uzbekistan');
    expect(formatValue('country', 'UZ', ctx({ language: 'ru' }))).toBe('Узбекистан');
    expect(formatValue('sector', '32130', ctx())).toMatch(/\(32130\)$/);
    expect(formatValue('sector', '32130', ctx({ language: 'ru' }))).toMatch(/^[^(]*\(32130\)$/);
    expect(formatValue('titleLanguage', 'th', ctx())).toBe('Thai');
    expect(formatValue('priceBasis', 'constant-2021', ctx())).toBe('constant 2021 prices');
    expect(formatValue('role', 1, ctx())).toMatch(/fund/i);
  });

  it('formats money exactly in the record’s currency, dates and percentages for the language', () => {
    expect(formatValue('amount', '1234567890.12', ctx({ currency: 'EUR' }))).toBe('€1,234,567,890.12');
    expect(plain(formatValue('amount', '1234567890.12', ctx({ currency: 'EUR', language: 'ru' })))).toBe(
      '1 234 567 890,12 €',
    );
    expect(formatValue('amount', '1234567890.12', ctx())).toBe('1,234,567,890.12');
    expect(formatValue('amountUsd', '726216405.95', ctx())).toBe('$726,216,405.95');
    expect(formatValue('perUsd', '0.8755063970', ctx())).toBe('0.875506397');
    expect(formatValue('plannedStart', '2018-04-20', ctx())).toBe('20 April 2018');
    expect(formatValue('percentage', '60.00', ctx())).toBe('60%');
    expect(formatValue('estimated', true, ctx())).toBe('yes');
  });

  it('shows records referred to by id under their names, and says when one is gone', () => {
    expect(formatValue('funderOrgId', ORG, ctx())).toBe('Export-Import Bank of China (CHEXIM)');
    expect(formatValue('projectIds', [ORG, GONE], ctx())).toBe(
      'Export-Import Bank of China (CHEXIM); deleted record (ffffffff)',
    );
  });

  it('gives an empty string for "not set" and passes plain text through', () => {
    expect(formatValue('title', null, ctx())).toBe('');
    expect(formatValue('title', '', ctx())).toBe('');
    expect(formatValue('title', '<img src=x onerror=alert(1)>', ctx())).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('formatItem', () => {
  it('puts one child row on one line', () => {
    expect(formatItem('countries', { country: 'UZ', percentage: 60 }, ctx())).toBe('Uzbekistan · 60%');
    expect(formatItem('countries', { country: 'TJ', percentage: null }, ctx())).toBe('Tajikistan');
    expect(formatItem('participants', { organizationId: ORG, role: 1 }, ctx())).toMatch(
      /^Export-Import Bank of China \(CHEXIM\) · .*fund/i,
    );
    expect(
      formatItem(
        'locations',
        { name: 'Navoi', country: 'UZ', precision: 'exact', lat: 40.0833, lon: 65.3792 },
        ctx(),
      ),
    ).toBe('Navoi (Uzbekistan) · Exact · 40.0833, 65.3792');
    expect(formatItem('sources', { sourceId: SOURCE, quote: 'China-funded' }, ctx())).toBe(
      'UNIDO news, 21 April 2018 · “China-funded”',
    );
    expect(formatItem('projectIds', ORG, ctx())).toBe('Export-Import Bank of China (CHEXIM)');
  });
});

describe('formatDecimal', () => {
  it('keeps every digit', () => {
    expect(formatDecimal('123456789012345678.91', 'en')).toBe('123,456,789,012,345,678.91');
    expect(formatDecimal('1.7', 'en')).toBe('1.7');
  });
});
