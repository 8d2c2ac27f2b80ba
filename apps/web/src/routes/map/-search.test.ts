import { describe, expect, it } from 'vitest';
import { parseArea, sanitizeMapSearch } from './-search.ts';

describe('sanitizeMapSearch', () => {
  it('keeps the shared filter and the map fields, leaving defaults out', () => {
    expect(
      sanitizeMapSearch({
        countries: ['UZ'],
        sectors: ['210'],
        level: 'country',
        metric: 'commitment',
        basis: 'constant-2021',
        area: 'uz.bu',
      }),
    ).toEqual({
      value: {
        countries: ['UZ'],
        sectors: ['210'],
        level: 'country',
        metric: 'commitment',
        basis: 'constant-2021',
        area: 'UZ.BU',
      },
      dropped: [],
    });
    expect(sanitizeMapSearch({ level: 'region', metric: 'projects' }).value).toEqual({});
  });

  it('drops what it does not know, saying so', () => {
    const { value, dropped } = sanitizeMapSearch({
      countries: ['XX'],
      level: 'district',
      metric: 'pledge',
      basis: 'real',
      area: 'KG',
    });
    expect(value).toEqual({});
    expect(dropped.map((d) => d.param)).toEqual(['countries', 'level', 'metric', 'basis', 'area']);
  });
});

describe('parseArea', () => {
  it('reads a country or one of its regions', () => {
    expect(parseArea('UZ')).toEqual({ country: 'UZ' });
    expect(parseArea('AZ.GA')).toEqual({ country: 'AZ', region: 'AZ.GA' });
    expect(parseArea('KZ')).toBeNull();
    expect(parseArea('UZ.')).toBeNull();
    expect(parseArea(undefined)).toBeNull();
  });
});
