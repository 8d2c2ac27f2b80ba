import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

describe('reference.codes', () => {
  it('lists the focus countries first, then the countries the data holds, in both languages', async () => {
    const { countries } = await api.caller.reference.codes();
    expect(countries.slice(0, 4).map((c) => c.code)).toEqual(['AZ', 'TJ', 'TM', 'UZ']);
    expect(countries.slice(0, 4).every((c) => c.focus)).toBe(true);
    expect(countries.find((c) => c.code === 'UZ')).toEqual({
      code: 'UZ',
      en: 'Uzbekistan',
      ru: 'Узбекистан',
      focus: true,
    });
    expect(countries.map((c) => c.code).sort()).toEqual(['AZ', 'CN', 'KZ', 'TJ', 'TM', 'UZ']);
  });

  it('gives the fixed code lists with labels', async () => {
    const codes = await api.caller.reference.codes();
    expect(codes.statuses).toHaveLength(6);
    expect(codes.statuses[0]).toEqual({
      code: 1,
      en: 'Pipeline/identification',
      ru: 'Подготовка/идентификация',
    });
    expect(codes.flows.map((f) => f.code)).toEqual([
      'pledge',
      'commitment',
      'disbursement',
      'expenditure',
      'incoming_commitment',
      'incoming_funds',
    ]);
    for (const list of [
      codes.instruments,
      codes.organizationRoles,
      codes.organizationTypes,
      codes.locationPrecisions,
      codes.eventTypes,
      codes.datePrecisions,
      codes.initiatives,
      codes.attributionBases,
      codes.sourceKinds,
      codes.sectorCategories,
    ]) {
      expect(list.length).toBeGreaterThan(1);
      for (const item of list) expect(item.en && item.ru).toBeTruthy();
    }
  });

  it('gives the sectors and price bases the data uses', async () => {
    const codes = await api.caller.reference.codes();
    expect(codes.sectors.map((s) => s.code)).toContain('32130');
    expect(codes.sectors.find((s) => s.code === '21030')).toMatchObject({
      category: '210',
      en: 'Rail transport',
    });
    expect(codes.priceBases).toEqual([
      { code: 'constant-2021', en: 'constant 2021 prices', ru: 'в постоянных ценах 2021 г.' },
      { code: 'nominal', en: 'nominal prices', ru: 'номинальные цены' },
    ]);
  });
});
