import { describe, expect, it } from 'vitest';
import { dateAtPrecision, parseTypedDate } from './partial-date.ts';

describe('parseTypedDate', () => {
  it('takes ISO dates and day-first dates', () => {
    expect(parseTypedDate('2018-04-21')).toBe('2018-04-21');
    expect(parseTypedDate(' 21.04.2018 ')).toBe('2018-04-21');
    expect(parseTypedDate('1/4/2018')).toBe('2018-04-01');
  });

  it('refuses days the calendar does not have and other text', () => {
    expect(parseTypedDate('2018-02-30')).toBeNull();
    expect(parseTypedDate('2019-02-29')).toBeNull();
    expect(parseTypedDate('2020-02-29')).toBe('2020-02-29');
    expect(parseTypedDate('31.04.2018')).toBeNull();
    expect(parseTypedDate('2018-13-01')).toBeNull();
    expect(parseTypedDate('April 2018')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});

describe('dateAtPrecision', () => {
  it('keeps a month as its first day and a year as 1 January', () => {
    expect(dateAtPrecision('2018-04-21', 'day')).toBe('2018-04-21');
    expect(dateAtPrecision('2018-04-21', 'month')).toBe('2018-04-01');
    expect(dateAtPrecision('2018-04-21', 'year')).toBe('2018-01-01');
  });

  it('leaves text that is not a date alone', () => {
    expect(dateAtPrecision('', 'month')).toBe('');
    expect(dateAtPrecision('2018-04', 'year')).toBe('2018-04');
  });
});
