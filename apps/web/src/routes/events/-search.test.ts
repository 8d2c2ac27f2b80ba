import { describe, expect, it } from 'vitest';
import { activeEventFilters, eventListInput, sanitizeEventsSearch } from './-search.ts';

const PROJECT = '3f1f2f0e-8d4b-4c1a-9a55-1b2c3d4e5f60';

describe('sanitizeEventsSearch', () => {
  it('keeps valid params, normalising codes', () => {
    expect(
      sanitizeEventsSearch({
        types: ['forum', 'conference'],
        countries: ['cn', 'UZ'],
        from: '2018-04-01',
        to: '2018-04-30',
        project: PROJECT,
        q: 'Shanghai',
        page: 2,
      }),
    ).toEqual({
      value: {
        types: ['forum', 'conference'],
        countries: ['CN', 'UZ'],
        from: '2018-04-01',
        to: '2018-04-30',
        project: PROJECT,
        q: 'Shanghai',
      },
      dropped: [],
    });
  });

  it('takes a single value as a list and numbers as text', () => {
    expect(sanitizeEventsSearch({ types: 'visit', countries: 'TJ', q: 2018 }).value).toEqual({
      types: ['visit'],
      countries: ['TJ'],
      q: '2018',
    });
  });

  it('drops bad params one by one, with the reason', () => {
    const { value, dropped } = sanitizeEventsSearch({
      types: ['forum', 'party'],
      countries: ['XX'],
      from: '2018-02-30',
      project: 'not-an-id',
      q: 'x'.repeat(300),
    });
    expect(value).toEqual({ types: ['forum'] });
    expect(dropped.map((d) => [d.param, d.reason])).toEqual([
      ['types', 'invalid'],
      ['countries', 'country'],
      ['from', 'invalid'],
      ['project', 'invalid'],
      ['q', 'q'],
    ]);
    expect(dropped[0]?.value).toBe('party');
  });

  it('drops an end date before the start date', () => {
    const { value, dropped } = sanitizeEventsSearch({ from: '2019-01-01', to: '2018-01-01' });
    expect(value).toEqual({ from: '2019-01-01' });
    expect(dropped).toEqual([{ param: 'to', value: '2018-01-01', reason: 'invalid' }]);
  });

  it('ignores empty params', () => {
    expect(sanitizeEventsSearch({ types: [], q: '  ', from: '' })).toEqual({ value: {}, dropped: [] });
  });
});

describe('eventListInput', () => {
  it('maps the URL names to the API input', () => {
    expect(
      eventListInput({ from: '2018-01-01', to: '2018-12-31', project: PROJECT, types: ['forum'] }),
    ).toEqual({
      types: ['forum'],
      countries: undefined,
      dateFrom: '2018-01-01',
      dateTo: '2018-12-31',
      projectId: PROJECT,
      q: undefined,
    });
    expect(activeEventFilters({ from: '2018-01-01', types: ['forum'] })).toBe(2);
    expect(activeEventFilters({})).toBe(0);
  });
});
