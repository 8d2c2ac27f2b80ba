import { describe, expect, it } from 'vitest';
import { decimalSign, isDecimal, roundDecimal } from './decimal.ts';

describe('exact decimals', () => {
  it.each([
    ['542976319.022248', '542976319.02'],
    ['3416.47818282995', '3416.48'],
    ['0.005', '0.01'],
    ['0.004999999999999999', '0.00'],
    ['-2.345', '-2.35'],
    ['-0.001', '0.00'],
    ['12', '12.00'],
    ['12.5', '12.50'],
    ['007.1', '7.10'],
    ['9007199254740993.995', '9007199254740994.00'],
    ['1.5e7', '15000000.00'],
    ['2.1E-3', '0.00'],
    ['4.4e-2', '0.04'],
  ])('rounds %s to %s', (input, expected) => {
    expect(roundDecimal(input)).toBe(expected);
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['', '1,234.5', '1.2.3', 'NA', '.5', '1e', '١٢']) {
      expect(roundDecimal(bad), bad).toBeNull();
      expect(isDecimal(bad)).toBe(false);
    }
  });

  it('tells the sign', () => {
    expect([decimalSign('5'), decimalSign('-0.00'), decimalSign('-1'), decimalSign('x')]).toEqual([
      1,
      0,
      -1,
      null,
    ]);
  });
});
