import { describe, expect, it } from 'vitest';
import { formatDate } from '../../format.ts';
import { groupTimeline } from './-timeline.ts';

const event = (id: string, date: string, datePrecision = 'day') => ({ id, date, datePrecision });

describe('groupTimeline', () => {
  it('groups the founding events of April 2018 into one month, keeping their order', () => {
    const founding = [
      event('fair', '2018-04-21'),
      event('forum', '2018-04-20'),
      event('bridge', '2018-04-01', 'month'),
      event('itpo', '2018-04-01', 'month'),
    ];
    expect(groupTimeline(founding)).toEqual([
      { year: 2018, groups: [{ key: '2018-04', month: 4, items: founding }] },
    ]);
  });

  it('puts year-only events in their own group, not in January', () => {
    const items = [
      event('a', '2019-03-02'),
      event('b', '2019-01-15'),
      event('c', '2019-01-01', 'year'),
      event('d', '2018-12-31'),
    ];
    expect(
      groupTimeline(items).map((y) => [
        y.year,
        y.groups.map((g) => [g.key, g.month, g.items.map((i) => i.id)]),
      ]),
    ).toEqual([
      [
        2019,
        [
          ['2019-03', 3, ['a']],
          ['2019-01', 1, ['b']],
          ['2019', null, ['c']],
        ],
      ],
      [2018, [['2018-12', 12, ['d']]]],
    ]);
  });

  it('merges items of a group that arrive apart (a later page) and follows oldest-first order too', () => {
    const items = [event('a', '2017-05-01'), event('b', '2018-01-01', 'year'), event('c', '2017-05-20')];
    expect(groupTimeline(items).map((y) => y.groups.map((g) => g.items.map((i) => i.id)))).toEqual([
      [['a', 'c']],
      [['b']],
    ]);
  });

  it('skips what has no date and is empty for no events', () => {
    expect(groupTimeline([event('x', '')])).toEqual([]);
    expect(groupTimeline([])).toEqual([]);
  });
});

describe('founding dates as precisely as they are known', () => {
  it('reads "20 April 2018", "21 April 2018" and "April 2018" for the founding events', () => {
    expect(formatDate('2018-04-20', 'en', 'day')).toBe('20 April 2018');
    expect(formatDate('2018-04-21', 'en', 'day')).toBe('21 April 2018');
    expect(formatDate('2018-04-01', 'en', 'month')).toBe('April 2018');
    expect(formatDate('2018-04-01', 'ru', 'month').toLowerCase()).toContain('апрель 2018');
  });
});
