import { describe, expect, it } from 'vitest';
import { differingFields, initialChoices, mergeChoices, readable } from './conflict-merge.ts';

const base = {
  title: 'Old',
  description: 'Same',
  status: 2,
  countries: [{ country: 'UZ', percentage: 100 }],
};
// I changed the title; they changed the title and the countries.
const mine = { ...base, title: 'Mine' };
const theirs = { ...base, title: 'Theirs', countries: [{ country: 'TJ', percentage: 100 }] };

describe('resolving a conflict', () => {
  it('lists only the fields that differ', () => {
    expect(differingFields(mine, theirs)).toEqual(['title', 'countries']);
    expect(differingFields(mine, theirs, ['countries', 'status'])).toEqual(['countries']);
    expect(differingFields({ a: '' }, { a: null })).toEqual([]);
  });

  it('keeps mine where I changed a field and takes theirs where only they did', () => {
    expect(initialChoices(['title', 'countries'], mine, base)).toEqual({
      title: 'mine',
      countries: 'theirs',
    });
    expect(initialChoices(['title', 'countries'], mine)).toEqual({ title: 'mine', countries: 'mine' });
  });

  it('merges field by field', () => {
    expect(mergeChoices(mine, theirs, { title: 'theirs', countries: 'mine' })).toEqual({
      ...base,
      title: 'Theirs',
    });
    expect(mergeChoices(mine, theirs, { title: 'mine', countries: 'theirs' })).toEqual({
      ...base,
      title: 'Mine',
      countries: theirs.countries,
    });
    // A differing field nobody was asked about: theirs unless I changed it.
    expect(mergeChoices(mine, theirs, {}, base)).toEqual({ ...theirs, title: 'Mine' });
  });

  it('shows values as text, not JSON', () => {
    expect(readable(null)).toBeNull();
    expect(readable('')).toBeNull();
    expect(readable(true, { yes: 'да', no: 'нет' })).toBe('да');
    expect(
      readable([
        { country: 'UZ', percentage: 60 },
        { country: 'TJ', percentage: null },
      ]),
    ).toBe('country: UZ, percentage: 60\ncountry: TJ');
    expect(readable([])).toBeNull();
  });
});
