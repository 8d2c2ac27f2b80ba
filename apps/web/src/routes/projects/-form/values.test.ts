import { projectValuesSchema } from '@srt/shared/project';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROJECT,
  formValuesOf,
  keepConfirmations,
  numberOrNull,
  percentTotal,
  withoutConfirmations,
} from './values.ts';

describe('project form values', () => {
  it('sums percentages as the shared rule does', () => {
    expect(percentTotal([])).toEqual({ given: false, total: 0, ok: true });
    expect(percentTotal([{ percentage: null }, { percentage: undefined }])).toEqual({
      given: false,
      total: 0,
      ok: true,
    });
    expect(percentTotal([{ percentage: 60 }, { percentage: null }])).toEqual({
      given: true,
      total: 60,
      ok: false,
    });
    expect(percentTotal([{ percentage: 33.33 }, { percentage: 33.33 }, { percentage: 33.34 }])).toEqual({
      given: true,
      total: 100,
      ok: true,
    });
  });

  it('agrees with the schema on the sum', () => {
    const base = {
      ...EMPTY_PROJECT,
      title: 'x',
      sources: [{ sourceId: '00000000-0000-4000-8000-000000000001' }],
    };
    const cases: { country: string; percentage?: number }[][] = [
      [{ country: 'UZ', percentage: 60 }],
      [
        { country: 'UZ', percentage: 60 },
        { country: 'TJ', percentage: 40 },
      ],
      [{ country: 'UZ' }, { country: 'TJ' }],
    ];
    for (const countries of cases) {
      expect(projectValuesSchema.safeParse({ ...base, countries }).success).toBe(percentTotal(countries).ok);
    }
  });

  it('fills the fields a stored record lacks', () => {
    expect(formValuesOf({ title: 'A' })).toEqual({ ...EMPTY_PROJECT, title: 'A' });
  });

  it('reads a cleared number input as no value', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull(12.5)).toBe(12.5);
  });
});

describe('confirmations of points outside their country', () => {
  it('are left out for comparing and come back for the same point after a merge', () => {
    const mine = [
      { name: 'A', country: 'UZ', lat: 38.5, lon: 68.7, outsideConfirmed: true },
      { name: 'B', country: 'UZ', lat: 40, lon: 65 },
    ];
    expect(withoutConfirmations(mine)).toEqual([
      { name: 'A', country: 'UZ', lat: 38.5, lon: 68.7 },
      { name: 'B', country: 'UZ', lat: 40, lon: 65 },
    ]);
    const theirs = [
      { name: 'A renamed', country: 'UZ', lat: 38.5, lon: 68.7 },
      { name: 'C', country: 'UZ', lat: 38.5, lon: 68.8 },
    ];
    expect(keepConfirmations(theirs, mine)).toEqual([
      { name: 'A renamed', country: 'UZ', lat: 38.5, lon: 68.7, outsideConfirmed: true },
      { name: 'C', country: 'UZ', lat: 38.5, lon: 68.8 },
    ]);
  });
});

describe('the shared rules across fields', () => {
  it('report a wrong sum together with the other errors, not only once the rest is valid', () => {
    const result = projectValuesSchema.safeParse({
      ...EMPTY_PROJECT,
      title: '',
      countries: [
        { country: 'UZ', percentage: 60 },
        { country: 'TJ', percentage: 30 },
      ],
      plannedStart: '2021-01-01',
      plannedEnd: '2020-01-01',
    });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['title', 'sources', 'countries', 'plannedEnd']));
  });

  it('skip a rule whose own fields are unreadable', () => {
    const result = projectValuesSchema.safeParse({
      ...EMPTY_PROJECT,
      title: 'x',
      sectors: [{ sector: '25010', percentage: 'fifty' }],
      sources: [{ sourceId: '00000000-0000-4000-8000-000000000001' }],
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['sectors.0.percentage']);
  });
});
