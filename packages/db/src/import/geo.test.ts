import { describe, expect, it } from 'vitest';
import { admin1Index, placeLocation } from './geo.ts';

const at = (
  lat: number,
  lon: number,
  country: string,
  precision: 'exact' | 'admin1' | 'country' = 'exact',
) => ({
  name: 'x',
  country,
  precision,
  lat,
  lon,
});

describe('placing locations in the shipped admin-1 shapes', () => {
  it('indexes the 102 regions of the four countries', () => {
    const index = admin1Index();
    expect(index.regions).toHaveLength(102);
    expect([...index.countries].sort()).toEqual(['AZ', 'TJ', 'TM', 'UZ']);
  });

  it('puts a point in Tashkent in the Tashkent city region of UZ', () => {
    expect(placeLocation(at(41.2995, 69.2401, 'UZ'))).toEqual({ admin1Code: 'UZ.TK', problem: null });
  });

  it('finds the region of each capital', () => {
    expect(placeLocation(at(40.4093, 49.8671, 'AZ')).admin1Code).toMatch(/^AZ\./);
    expect(placeLocation(at(38.5598, 68.787, 'TJ')).admin1Code).toMatch(/^TJ\./);
    expect(placeLocation(at(37.9601, 58.3261, 'TM')).admin1Code).toMatch(/^TM\./);
  });

  it('flags a point in Beijing given for Uzbekistan', () => {
    const placed = placeLocation(at(39.9042, 116.4074, 'UZ'));
    expect(placed.admin1Code).toBeNull();
    expect(placed.problem).toMatch(/^Outside its country/);
  });

  it('flags a point in Dushanbe given for Uzbekistan, naming where it is', () => {
    expect(placeLocation(at(38.5598, 68.787, 'UZ')).problem).toContain('lies in TJ');
  });

  it('flags coordinates out of range and an exact location without a point', () => {
    expect(placeLocation(at(141.3, 69.2, 'UZ')).problem).toContain('out of range');
    expect(placeLocation({ name: 'x', country: 'UZ', precision: 'exact' }).problem).toContain(
      'without coordinates',
    );
    expect(placeLocation({ name: 'x', country: 'UZ', precision: 'admin1', admin1Code: 'UZ.SA' })).toEqual({
      admin1Code: 'UZ.SA',
      problem: null,
    });
  });

  it('keeps a country-level location region-less even with a representative point', () => {
    expect(placeLocation(at(41.2995, 69.2401, 'UZ', 'country'))).toEqual({ admin1Code: null, problem: null });
  });

  it('cannot check countries outside the four', () => {
    expect(placeLocation(at(39.9042, 116.4074, 'CN'))).toEqual({ admin1Code: null, problem: null });
  });
});
