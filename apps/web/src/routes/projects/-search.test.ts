import { describe, expect, it } from 'vitest';
import { nextSort, sanitizeProjectsSearch, sortOf } from './-search.ts';

describe('sanitizeProjectsSearch', () => {
  it('keeps the filter and a valid sort, leaving defaults out', () => {
    expect(sanitizeProjectsSearch({ countries: ['TJ'], sort: 'quality', dir: 'desc' })).toEqual({
      value: { countries: ['TJ'], sort: 'quality', dir: 'desc' },
      dropped: [],
    });
    expect(sanitizeProjectsSearch({ sort: 'title', dir: 'asc' })).toEqual({ value: {}, dropped: [] });
  });

  it('drops an unknown sort or direction along with bad filter fields', () => {
    const { value, dropped } = sanitizeProjectsSearch({
      countries: ['XX'],
      yearFrom: 'abc',
      sort: 'pledged',
      dir: 'up',
    });
    expect(value).toEqual({});
    expect(dropped.map((d) => `${d.param}=${d.value}:${d.reason}`)).toEqual([
      'countries=XX:country',
      'yearFrom=abc:year',
      'sort=pledged:invalid',
      'dir=up:invalid',
    ]);
  });
});

describe('sorting', () => {
  it('defaults to title ascending', () => {
    expect(sortOf({})).toEqual({ sort: 'title', direction: 'asc' });
  });

  it('flips the sorted column and starts another in its natural direction', () => {
    expect(nextSort({ sort: 'title', direction: 'asc' }, 'title')).toEqual({ sort: undefined, dir: 'desc' });
    expect(nextSort({ sort: 'title', direction: 'desc' }, 'title')).toEqual({
      sort: undefined,
      dir: undefined,
    });
    expect(nextSort({ sort: 'title', direction: 'asc' }, 'quality')).toEqual({
      sort: 'quality',
      dir: 'desc',
    });
    expect(nextSort({ sort: 'quality', direction: 'desc' }, 'quality')).toEqual({
      sort: 'quality',
      dir: undefined,
    });
    expect(nextSort({ sort: 'quality', direction: 'desc' }, 'startYear')).toEqual({
      sort: 'startYear',
      dir: 'desc',
    });
  });
});
