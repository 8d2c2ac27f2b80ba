import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_STATUS,
  COUNTRY_CODES,
  CURRENCY_CODES,
  countryName,
  EVENT_TYPES,
  FOCUS_COUNTRIES,
  FUNDING_FLOWS,
  INITIATIVES,
  isCountryCode,
  isCurrencyCode,
  isSectorCode,
  LOCATION_PRECISIONS,
  ORGANIZATION_TYPES,
  PIN_PRECISIONS,
  priceBasisLabel,
  SECTOR_CATEGORIES,
  SECTORS,
  sectorCategoryOf,
  sectorName,
} from './codes.ts';

describe('code lists', () => {
  it('accepts the focus countries and funders, refuses unknown codes', () => {
    for (const code of [...FOCUS_COUNTRIES, 'CN', 'US', 'DE', 'XK'])
      expect(isCountryCode(code), code).toBe(true);
    for (const code of ['XX', 'uz', 'UZB', '', 'EU']) expect(isCountryCode(code), code).toBe(false);
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
  });

  it('names countries in English and Russian', () => {
    expect(countryName('UZ', 'en')).toBe('Uzbekistan');
    expect(countryName('UZ', 'ru')).toBe('Узбекистан');
    expect(countryName('TJ', 'ru')).toBe('Таджикистан');
  });

  it('knows the currencies in the data, including the manat, somoni, sum and SDR', () => {
    for (const code of ['USD', 'EUR', 'CNY', 'AZN', 'TJS', 'TMT', 'UZS', 'XDR', 'GBP', 'SEK', 'CHF', 'CAD']) {
      expect(isCurrencyCode(code), code).toBe(true);
    }
    expect(isCurrencyCode('ABC')).toBe(false);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });

  it('has an English and a Russian label for every coded value', () => {
    for (const table of [
      ACTIVITY_STATUS,
      FUNDING_FLOWS,
      EVENT_TYPES,
      INITIATIVES,
      LOCATION_PRECISIONS,
      ORGANIZATION_TYPES,
      SECTOR_CATEGORIES,
    ]) {
      for (const label of Object.values(table)) {
        expect(label.en.length).toBeGreaterThan(0);
        expect(label.ru).toMatch(/[а-яё]/i);
      }
    }
  });

  it('every purpose code sits in a known DAC category', () => {
    for (const code of Object.keys(SECTORS)) {
      expect(code).toMatch(/^\d{5}$/);
      expect(SECTOR_CATEGORIES).toHaveProperty(sectorCategoryOf(code));
    }
  });

  it('accepts purpose codes and categories, refuses the rest', () => {
    expect(isSectorCode('32120')).toBe(true);
    expect(isSectorCode('320')).toBe(true);
    expect(isSectorCode('88888')).toBe(false);
    expect(isSectorCode('321')).toBe(true);
    expect(isSectorCode('3212')).toBe(false);
    expect(isSectorCode('abc')).toBe(false);
    expect(sectorName('320', 'ru')).toBe('Промышленность, добыча, строительство');
    expect(sectorName('32120', 'en')).toBe('Industrial development');
  });

  it('pins only exact and near locations', () => {
    expect([...PIN_PRECISIONS].sort()).toEqual(['exact', 'near']);
  });

  it('labels price bases', () => {
    expect(priceBasisLabel('nominal')).toBe('nominal prices');
    expect(priceBasisLabel('constant-2021')).toBe('constant 2021 prices');
  });
});
