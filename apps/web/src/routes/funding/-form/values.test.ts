import { describe, expect, it } from 'vitest';
import { conversionInput, newFundingSearch, normalizeAmount } from './values.ts';

const ID = '0b7e5a8e-8f0e-4c3e-9d5a-1a2b3c4d5e6f';

describe('normalizeAmount', () => {
  it('keeps an exact decimal exactly as typed', () => {
    expect(normalizeAmount('1234567890.12')).toBe('1234567890.12');
    expect(normalizeAmount(' 999999999999999999.99 ')).toBe('999999999999999999.99');
  });

  it('drops digit-group spaces, including the no-break spaces of Russian formatting', () => {
    expect(normalizeAmount('1 234 567 890,12')).toBe('1234567890.12');
    expect(normalizeAmount('1\u00a0234\u00a0567,5')).toBe('1234567.5');
    expect(normalizeAmount('1\u202f000')).toBe('1000');
  });

  it('reads the last of "," and "." as the decimal separator when both are there', () => {
    expect(normalizeAmount('1,234,567,890.12')).toBe('1234567890.12');
    expect(normalizeAmount('1.234.567.890,12')).toBe('1234567890.12');
  });

  it('reads a lone comma by what follows: two decimals at most, so three digits are a group', () => {
    expect(normalizeAmount('1234,5')).toBe('1234.5');
    expect(normalizeAmount('1234,56')).toBe('1234.56');
    expect(normalizeAmount('1,234')).toBe('1234');
    expect(normalizeAmount('1,234,567')).toBe('1234567');
  });

  it('leaves what it cannot read for the schema to refuse', () => {
    expect(normalizeAmount('-5')).toBe('-5');
    expect(normalizeAmount('12.345')).toBe('12.345');
    expect(normalizeAmount('abc')).toBe('abc');
    expect(normalizeAmount('')).toBe('');
  });
});

describe('conversionInput', () => {
  it('asks for a conversion once amount and currency can be converted', () => {
    expect(conversionInput({ amount: '1 234 567 890,12', currency: 'cny', valueDate: '2018-04-20' })).toEqual(
      {
        amount: '1234567890.12',
        currency: 'CNY',
        valueDate: '2018-04-20',
      },
    );
    expect(conversionInput({ amount: '10', currency: 'CNY', valueDate: '' })).toEqual({
      amount: '10',
      currency: 'CNY',
      valueDate: null,
    });
  });

  it('asks nothing for a negative, malformed or missing amount, or an unknown currency', () => {
    expect(conversionInput({ amount: '-5', currency: 'CNY' })).toBeNull();
    expect(conversionInput({ amount: '1.234', currency: 'CNY' })).toBeNull();
    expect(conversionInput({ amount: '', currency: 'CNY' })).toBeNull();
    expect(conversionInput({ amount: '10', currency: 'XYZ' })).toBeNull();
    expect(conversionInput({ amount: '10', currency: null })).toBeNull();
  });
});

describe('newFundingSearch', () => {
  it('keeps ids and drops anything else', () => {
    expect(newFundingSearch({ projectId: ID, eventId: ID.toUpperCase() })).toEqual({
      projectId: ID,
      eventId: ID,
    });
    expect(newFundingSearch({ projectId: 'x', eventId: 42 })).toEqual({});
  });
});
