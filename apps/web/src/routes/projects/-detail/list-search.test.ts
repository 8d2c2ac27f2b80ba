import { describe, expect, it } from 'vitest';
import { neighborsInput, sanitizeListSearch } from './list-search.ts';

describe('sanitizeListSearch', () => {
  it('keeps the list filter, sort and direction of /projects', () => {
    expect(
      sanitizeListSearch({ countries: ['TJ'], q: 'silk', sort: 'quality', dir: 'desc', unrelated: 1 }),
    ).toEqual({ value: { countries: ['TJ'], q: 'silk', sort: 'quality', dir: 'desc' }, dropped: [] });
  });

  it('leaves the default sort and direction out', () => {
    expect(sanitizeListSearch({ sort: 'title', dir: 'asc' }).value).toEqual({});
  });

  it('drops bad values and says why', () => {
    const { value, dropped } = sanitizeListSearch({ countries: ['XX', 'UZ'], sort: 'budget', dir: 'up' });
    expect(value).toEqual({ countries: ['UZ'] });
    expect(dropped).toEqual([
      { param: 'countries', value: 'XX', reason: 'country' },
      { param: 'sort', value: 'budget', reason: 'invalid' },
      { param: 'dir', value: 'up', reason: 'invalid' },
    ]);
  });
});

describe('neighborsInput', () => {
  it('splits the URL into the filter, the sort and the direction of project.list', () => {
    expect(neighborsInput({ countries: ['TJ'], sort: 'startYear', dir: 'desc' }, 'p1')).toEqual({
      filter: { countries: ['TJ'] },
      sort: 'startYear',
      direction: 'desc',
      id: 'p1',
    });
    expect(neighborsInput({}, 'p1')).toEqual({ filter: {}, sort: 'title', direction: 'asc', id: 'p1' });
  });
});
