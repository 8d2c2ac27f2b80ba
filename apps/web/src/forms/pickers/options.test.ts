import { describe, expect, it } from 'vitest';
import {
  blankToNull,
  eventOption,
  organizationLabel,
  organizationOption,
  projectOption,
  withSelected,
} from './options.ts';

describe('organisation options', () => {
  it('names an organisation with its acronym, and says what and where it is', () => {
    const unido = {
      id: 'u',
      name: 'United Nations Industrial Development Organization',
      nameLocal: null,
      acronym: 'UNIDO',
      type: 40,
      country: 'AT',
    };
    expect(organizationOption(unido, 'en')).toEqual({
      value: 'u',
      label: 'United Nations Industrial Development Organization (UNIDO)',
      detail: 'Multilateral · Austria',
    });
    expect(organizationOption(unido, 'ru').detail).toBe('Многосторонняя организация · Австрия');
  });

  it('leaves out an acronym that is empty or the name itself, and unknown details', () => {
    expect(organizationLabel({ name: 'CCPIT', acronym: 'CCPIT' })).toBe('CCPIT');
    expect(organizationLabel({ name: 'Ministry', acronym: '  ' })).toBe('Ministry');
    expect(organizationOption({ id: 'x', name: 'X', nameLocal: '中国', type: null }, 'en').detail).toBe(
      '中国',
    );
  });
});

describe('project and event options', () => {
  it('tells projects apart by years and countries, from a list row or a detail', () => {
    expect(
      projectOption(
        { id: 'p', title: 'Parks', startYear: 2018, endYear: 2022, countries: ['UZ', 'TJ'] },
        'en',
      ),
    ).toEqual({ value: 'p', label: 'Parks', detail: '2018–2022 · Uzbekistan, Tajikistan' });
    expect(projectOption({ id: 'p', title: 'Parks', countries: [{ country: 'AZ' }] }, 'en').detail).toBe(
      'Azerbaijan',
    );
  });

  it('dates an event as precisely as it is known', () => {
    const forum = {
      id: 'e',
      title: 'Forum',
      type: 'forum',
      date: '2018-04-01',
      datePrecision: 'month',
      placeName: 'Shanghai',
      country: 'CN',
    };
    expect(eventOption(forum, 'en').detail).toBe('Forum · April 2018 · Shanghai, China');
    expect(eventOption({ ...forum, datePrecision: 'day', date: '2018-04-20' }, 'en').detail).toBe(
      'Forum · 20 April 2018 · Shanghai, China',
    );
  });
});

describe('withSelected', () => {
  const found = [
    { value: 'a', label: 'A' },
    { value: 'b', label: 'B' },
  ];
  it('keeps every selected value, first, named from the search, the known ones or as pending', () => {
    const known = new Map([['k', { value: 'k', label: 'Known' }]]);
    expect(withSelected(found, ['b', 'k', 'z'], known, '…')).toEqual([
      { value: 'b', label: 'B' },
      { value: 'k', label: 'Known' },
      { value: 'z', label: '…' },
      { value: 'a', label: 'A' },
    ]);
  });

  it('lists each value once', () => {
    expect(withSelected([...found, { value: 'a', label: 'A again' }], ['a', 'a'], new Map(), '…')).toEqual(
      found,
    );
  });
});

describe('blankToNull', () => {
  it('turns empty and blank text into null and leaves everything else', () => {
    expect(blankToNull({ a: '', b: '  ', c: 'x', d: 0, e: false, f: null, g: ['', 'y'] })).toEqual({
      a: null,
      b: null,
      c: 'x',
      d: 0,
      e: false,
      f: null,
      g: ['', 'y'],
    });
  });
});
