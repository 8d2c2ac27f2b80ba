import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatUsd,
  formatYearRange,
  isDecimal,
} from './format.ts';

// Intl puts narrow/no-break spaces in Russian numbers; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatUsd', () => {
  it('formats whole dollars for the language', () => {
    expect(formatUsd('1234567.89', 'en')).toBe('$1,234,568');
    expect(plain(formatUsd('1234567.89', 'ru'))).toBe('1 234 568 $');
    expect(formatUsd('0', 'en')).toBe('$0');
    expect(formatUsd('-2500.5', 'en')).toBe('-$2,501');
  });

  it('keeps every digit of a large decimal string (no float rounding)', () => {
    // As a float, 12345678901234567.89 becomes 12345678901234568.
    expect(formatUsd('12345678901234567.49', 'en')).toBe('$12,345,678,901,234,567');
    expect(formatUsd('900719925474099.5', 'en')).toBe('$900,719,925,474,100');
    expect(formatUsd('9007199254740993', 'en')).toBe('$9,007,199,254,740,993');
  });

  it('has a compact style for key figures', () => {
    expect(formatUsd('1234567.89', 'en', 'compact')).toBe('$1.2M');
    expect(formatUsd('3400000000', 'en', 'compact')).toBe('$3.4B');
    expect(plain(formatUsd('1234567.89', 'ru', 'compact'))).toBe('1,2 млн $');
    expect(plain(formatUsd('3400000000', 'ru', 'compact'))).toBe('3,4 млрд $');
  });

  it('gives an empty string for no amount and passes through what is not a decimal', () => {
    expect(formatUsd(null, 'en')).toBe('');
    expect(formatUsd(undefined, 'en')).toBe('');
    expect(formatUsd('n/a', 'en')).toBe('n/a');
  });
});

describe('formatMoney', () => {
  it('formats an amount in its own currency, with its minor units', () => {
    expect(formatMoney('1234.5', 'EUR', 'en')).toBe('€1,234.50');
    expect(plain(formatMoney('1234.5', 'EUR', 'ru'))).toBe('1 234,50 €');
    expect(formatMoney('1000000', 'CNY', 'en')).toBe('CN¥1,000,000.00');
    expect(formatMoney('5000', 'JPY', 'en')).toBe('¥5,000');
  });

  it('keeps the code when Intl cannot format it', () => {
    expect(formatMoney('abc', 'USD', 'en')).toBe('abc USD');
  });
});

describe('formatDate', () => {
  it('shows a date only as precisely as it is known', () => {
    expect(formatDate('2018-04-21', 'en', 'day')).toBe('21 April 2018');
    expect(formatDate('2018-04-21', 'en', 'month')).toBe('April 2018');
    expect(formatDate('2018-04-21', 'en', 'year')).toBe('2018');
    expect(plain(formatDate('2018-04-21', 'ru', 'day'))).toBe('21 апреля 2018 г.');
    expect(plain(formatDate('2018-04-01', 'ru', 'month'))).toBe('апрель 2018 г.');
    expect(plain(formatDate('2018-01-01', 'ru', 'year'))).toMatch(/^2018( г.)?$/);
  });

  it('never shifts the day with the time zone', () => {
    expect(formatDate('2018-01-01', 'en')).toBe('1 January 2018');
    expect(formatDate('2018-12-31', 'en')).toBe('31 December 2018');
  });

  it('accepts partial dates and passes through anything else', () => {
    expect(formatDate('2018-04', 'en', 'month')).toBe('April 2018');
    expect(formatDate('2018', 'en', 'year')).toBe('2018');
    expect(formatDate(null, 'en')).toBe('');
    expect(formatDate('soon', 'en')).toBe('soon');
  });
});

describe('numbers', () => {
  it('formats counts and percentages for the language', () => {
    expect(formatNumber(100000, 'en')).toBe('100,000');
    expect(plain(formatNumber(100000, 'ru'))).toBe('100 000');
    expect(formatPercent(33.333, 'en')).toBe('33.3%');
    expect(plain(formatPercent(50, 'ru'))).toBe('50 %');
  });

  it('recognises decimal strings', () => {
    expect(isDecimal('12.5')).toBe(true);
    expect(isDecimal('-3')).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal('')).toBe(false);
  });

  it('writes year ranges', () => {
    expect(formatYearRange(2018, 2022)).toBe('2018–2022');
    expect(formatYearRange(2018, null)).toBe('2018–');
    expect(formatYearRange(null, 2022)).toBe('–2022');
    expect(formatYearRange(2018, 2018)).toBe('2018');
    expect(formatYearRange(null, undefined)).toBe('');
  });
});
