import { describe, expect, it } from 'vitest';
import { activeFilterCount, filterToSearch, sanitizeFilter, showValue, withFilter } from './search.ts';

const UUID = '0b4f7d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e';

describe('sanitizeFilter', () => {
  it('keeps a valid filter as it is (after the schema normalises it)', () => {
    const search = {
      countries: ['TJ', 'uz'],
      initiatives: ['bri'],
      initiativeBasis: 'official',
      sectors: ['320', '32120'],
      statuses: [2, 4],
      funders: [UUID],
      yearFrom: 2015,
      yearTo: 2020,
      q: 'industrial',
      minQuality: 50,
    };
    expect(sanitizeFilter(search)).toEqual({
      value: { ...search, countries: ['TJ', 'UZ'] },
      dropped: [],
    });
  });

  it('drops invalid fields, keeps valid ones, and says what and why', () => {
    // ?countries=["XX"]&yearFrom="abc"&q=Silk
    const { value, dropped } = sanitizeFilter({ countries: ['XX'], yearFrom: 'abc', q: 'Silk' });
    expect(value).toEqual({ q: 'Silk' });
    expect(dropped).toEqual([
      { param: 'countries', value: 'XX', reason: 'country' },
      { param: 'yearFrom', value: 'abc', reason: 'year' },
    ]);
  });

  it('drops the bad values of a list and keeps the good ones', () => {
    const { value, dropped } = sanitizeFilter({ countries: ['TJ', 'XX', 42], statuses: [2, 9, '3'] });
    expect(value).toEqual({ countries: ['TJ'], statuses: [2, 3] });
    expect(dropped).toEqual([
      { param: 'countries', value: 'XX', reason: 'country' },
      { param: 'countries', value: '42', reason: 'country' },
      { param: 'statuses', value: '9', reason: 'status' },
    ]);
  });

  it('reads what the router parses from hand-written links', () => {
    // ?countries=TJ (not a JSON list), ?q=1 (JSON-parsed to a number), ?yearFrom="2019" (a string)
    expect(sanitizeFilter({ countries: 'TJ', q: 1, yearFrom: '2019', minQuality: '60' })).toEqual({
      value: { countries: ['TJ'], q: '1', yearFrom: 2019, minQuality: 60 },
      dropped: [],
    });
  });

  it('drops each kind of bad value with its reason', () => {
    const { value, dropped } = sanitizeFilter({
      initiatives: ['silk'],
      initiativeBasis: 'rumour',
      sectors: ['12'],
      funders: ['not-a-uuid'],
      yearTo: 1800,
      q: 'x'.repeat(201),
      minQuality: 150,
    });
    expect(value).toEqual({});
    expect(dropped.map((d) => [d.param, d.reason])).toEqual([
      ['initiatives', 'initiative'],
      ['initiativeBasis', 'initiativeBasis'],
      ['sectors', 'sector'],
      ['funders', 'funder'],
      ['yearTo', 'year'],
      ['q', 'q'],
      ['minQuality', 'minQuality'],
    ]);
    expect(dropped.find((d) => d.param === 'q')?.value).toHaveLength(58); // cut short with "…"
  });

  it('drops the end year when it is before the start year', () => {
    expect(sanitizeFilter({ yearFrom: 2020, yearTo: 2010 })).toEqual({
      value: { yearFrom: 2020 },
      dropped: [{ param: 'yearTo', value: '2010', reason: 'yearOrder' }],
    });
  });

  it('drops a list with too many values, naming the limit', () => {
    const funders = Array.from(
      { length: 51 },
      (_, i) => `0b4f7d1e-2c3a-4b5c-8d9e-${String(i).padStart(12, '0')}`,
    );
    const { value, dropped } = sanitizeFilter({ funders });
    expect(value).toEqual({});
    expect(dropped).toEqual([{ param: 'funders', value: expect.any(String), reason: 'tooMany', max: 50 }]);
  });

  it('ignores empty values, duplicates and params that are not filter fields', () => {
    expect(
      sanitizeFilter({ countries: [], q: '  ', sort: 'title', page: 'x', statuses: [2, 2], c: ['tj', 'TJ'] }),
    ).toEqual({ value: { statuses: [2] }, dropped: [] });
    expect(sanitizeFilter({ countries: ['tj', 'TJ'] }).value).toEqual({ countries: ['TJ'] });
  });

  it('never throws, whatever the URL holds', () => {
    for (const junk of [null, {}, [], [[1]], { a: 1 }, true, Number.NaN, '"', '[', 1e308]) {
      expect(() =>
        sanitizeFilter({ countries: junk, yearFrom: junk, q: junk, statuses: junk }),
      ).not.toThrow();
    }
  });
});

describe('URL helpers', () => {
  it('writes only the fields that are set', () => {
    expect(filterToSearch({ countries: [], q: '', yearFrom: 2018, statuses: [2] })).toEqual({
      yearFrom: 2018,
      statuses: [2],
    });
  });

  it('replaces the filter fields and keeps the route’s own params', () => {
    expect(withFilter({ sort: 'title', countries: ['UZ'], q: 'x' }, { countries: ['TJ'] })).toEqual({
      sort: 'title',
      countries: ['TJ'],
    });
  });

  it('counts the set fields', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ countries: ['TJ'], q: 'x', sectors: [] })).toBe(2);
  });

  it('shows values as typed', () => {
    expect(showValue('abc')).toBe('abc');
    expect(showValue(['a', 1])).toBe('["a",1]');
    expect(showValue(undefined)).toBe('undefined');
  });
});
