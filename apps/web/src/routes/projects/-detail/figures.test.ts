import { describe, expect, it } from 'vitest';
import { addDecimal, type FigureRow, keyFigures } from './figures.ts';

describe('addDecimal', () => {
  it('adds decimal strings exactly', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('1500000.50', '500000.00')).toBe('2000000.50');
    expect(addDecimal('12345678901234567.89', '0.11')).toBe('12345678901234568.00');
    expect(addDecimal('0', '195609.00')).toBe('195609.00');
    expect(addDecimal('-2.5', '1')).toBe('-1.5');
    expect(addDecimal('0.05', '-0.10')).toBe('-0.05');
  });

  it('refuses what is not a decimal', () => {
    expect(addDecimal('1e3', '1')).toBeNull();
    expect(addDecimal('', '1')).toBeNull();
  });
});

const row = (over: Partial<FigureRow>): FigureRow => ({
  flow: 'commitment',
  amount: '100.00',
  currency: 'USD',
  priceBasis: 'nominal',
  amountUsd: '100.00',
  ...over,
});

describe('keyFigures', () => {
  it('shows pledged, committed and disbursed even when empty, spending only when present', () => {
    expect(keyFigures([]).map((f) => [f.flow, f.rows, f.usd, f.original])).toEqual([
      ['pledge', 0, [], []],
      ['commitment', 0, [], []],
      ['disbursement', 0, [], []],
    ]);
    expect(keyFigures([row({ flow: 'expenditure' })]).map((f) => f.flow)).toContain('expenditure');
  });

  it('never adds flows together, nor nominal and constant-price amounts', () => {
    const figures = keyFigures([
      row({ flow: 'pledge', amount: '2000000.00', amountUsd: '2000000.00' }),
      row({ amount: '1500000.50', amountUsd: '1500000.50' }),
      row({ amount: '292083439.74', amountUsd: '292083439.74', priceBasis: 'constant-2021' }),
      row({ amount: '0.25', amountUsd: '0.25' }),
      row({ flow: 'incoming_funds', amount: '9', amountUsd: '9' }),
    ]);
    const commitment = figures.find((f) => f.flow === 'commitment');
    expect(commitment?.usd).toEqual([
      { priceBasis: 'nominal', amount: '1500000.75' },
      { priceBasis: 'constant-2021', amount: '292083439.74' },
    ]);
    expect(figures.find((f) => f.flow === 'pledge')?.usd).toEqual([
      { priceBasis: 'nominal', amount: '2000000.00' },
    ]);
    expect(figures.map((f) => f.flow)).toEqual(['pledge', 'commitment', 'disbursement']);
  });

  it('keeps original currencies apart and counts rows without a USD value', () => {
    const [, commitment] = keyFigures([
      row({ amount: '654000.00', currency: 'CAD', amountUsd: null }),
      row({ amount: '1000.00', currency: 'CAD', amountUsd: '750.00' }),
      row({ amount: '5000000.00', currency: 'UZS', amountUsd: null }),
      row({ amount: '10.00', currency: 'USD', amountUsd: '10.00' }),
    ]);
    expect(commitment?.withoutUsd).toBe(2);
    expect(commitment?.usd).toEqual([{ priceBasis: 'nominal', amount: '760.00' }]);
    expect(commitment?.original).toEqual([
      { currency: 'CAD', priceBasis: 'nominal', amount: '655000.00' },
      { currency: 'USD', priceBasis: 'nominal', amount: '10.00' },
      { currency: 'UZS', priceBasis: 'nominal', amount: '5000000.00' },
    ]);
  });
});
