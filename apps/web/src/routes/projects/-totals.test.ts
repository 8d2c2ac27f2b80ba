import { describe, expect, it } from 'vitest';
import { flowTotal } from './-totals.tsx';

const amount = (flow: string, priceBasis: string, usd: string | null, rows = 1, rowsWithoutUsd = 0) => ({
  flow,
  priceBasis,
  usd,
  rows,
  rowsWithoutUsd,
});

describe('flowTotal', () => {
  const totals = [
    amount('commitment', 'nominal', '1000.50', 3, 1),
    amount('commitment', 'constant-2021', '250000000', 4),
    amount('pledge', 'nominal', '5000000'),
    amount('disbursement', 'constant-2021', '12.34', 2),
  ];

  it('keeps nominal and constant-price sums apart', () => {
    expect(flowTotal(totals, 'commitment')).toEqual({
      flow: 'commitment',
      nominal: '1000.50',
      constant: [{ year: '2021', usd: '250000000' }],
      rows: 7,
      rowsWithoutUsd: 1,
    });
  });

  it('never mixes flows', () => {
    expect(flowTotal(totals, 'pledge')).toMatchObject({ nominal: '5000000', constant: [], rows: 1 });
    expect(flowTotal(totals, 'disbursement')).toMatchObject({
      nominal: null,
      constant: [{ year: '2021', usd: '12.34' }],
    });
  });

  it('gives an empty total for a flow without rows', () => {
    expect(flowTotal([], 'commitment')).toEqual({
      flow: 'commitment',
      nominal: null,
      constant: [],
      rows: 0,
      rowsWithoutUsd: 0,
    });
  });
});
