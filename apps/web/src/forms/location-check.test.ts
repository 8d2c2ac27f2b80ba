import { describe, expect, it } from 'vitest';
import { unconfirmedOutside } from './location-check.ts';

describe('points outside their country', () => {
  it('needs a confirmation for each point outside its stated country', async () => {
    expect(
      await unconfirmedOutside([
        { country: 'UZ', lat: 39.654, lon: 66.96 }, // Samarkand, in UZ
        { country: 'UZ', lat: 38.56, lon: 68.78 }, // Dushanbe, given as UZ
        { country: 'UZ', lat: 38.56, lon: 68.78, outsideConfirmed: true },
        { country: 'UZ', lat: null, lon: null },
        { country: 'KZ', lat: 38.56, lon: 68.78 }, // no shapes for KZ: not judged
      ]),
    ).toEqual([1]);
    expect(await unconfirmedOutside(undefined)).toEqual([]);
  });
});
