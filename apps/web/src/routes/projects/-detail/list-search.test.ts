import { describe, expect, it } from 'vitest';
import { neighborsInput } from './list-search.ts';

describe('neighborsInput', () => {
  it('splits the list URL into the filter, the sort and the direction of project.list', () => {
    expect(neighborsInput({ countries: ['TJ'], q: 'silk', sort: 'startYear', dir: 'desc' }, 'p1')).toEqual({
      filter: { countries: ['TJ'], q: 'silk' },
      sort: 'startYear',
      direction: 'desc',
      id: 'p1',
    });
  });

  it('uses the list defaults when the URL has no sort', () => {
    expect(neighborsInput({}, 'p1')).toEqual({ filter: {}, sort: 'title', direction: 'asc', id: 'p1' });
  });
});
