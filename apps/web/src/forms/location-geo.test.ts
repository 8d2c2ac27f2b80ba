import { describe, expect, it } from 'vitest';
import { hasShapes, placeOnShapes, regionsOf } from './location-geo.ts';

describe('placing a location on the shipped shapes', () => {
  it('derives the admin-1 region of a point in its country', () => {
    // Samarkand, Dushanbe, Baku
    expect(placeOnShapes(39.654, 66.96, 'UZ')).toEqual({
      admin1Code: 'UZ.SA',
      outside: false,
      foundCountry: 'UZ',
    });
    expect(placeOnShapes(38.56, 68.78, 'TJ')).toMatchObject({ admin1Code: 'TJ.DU', outside: false });
    expect(placeOnShapes(40.41, 49.87, 'AZ')).toMatchObject({ admin1Code: 'AZ.BA', outside: false });
  });

  it('flags a point outside its stated country', () => {
    expect(placeOnShapes(38.56, 68.78, 'UZ')).toEqual({
      admin1Code: null,
      outside: true,
      foundCountry: 'TJ',
    });
    // Almaty is in none of the four countries.
    expect(placeOnShapes(43.24, 76.89, 'TJ')).toEqual({
      admin1Code: null,
      outside: true,
      foundCountry: null,
    });
  });

  it('does not judge countries it has no shapes for', () => {
    expect(hasShapes('UZ')).toBe(true);
    expect(hasShapes('KZ')).toBe(false);
    expect(placeOnShapes(43.24, 76.89, 'KZ')).toEqual({
      admin1Code: null,
      outside: false,
      foundCountry: null,
    });
  });

  it('lists a country’s regions in the UI language', () => {
    const ru = regionsOf('TJ', 'ru');
    expect(ru.map((r) => r.value).sort()).toEqual(['TJ.BK', 'TJ.DU', 'TJ.KL', 'TJ.LE', 'TJ.RR']);
    expect(ru.find((r) => r.value === 'TJ.DU')?.label).toBe('Душанбе');
  });
});
