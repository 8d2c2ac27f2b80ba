import { describe, expect, it } from 'vitest';
import { diffRecords, orderFields, sameValue } from './diff.ts';

describe('sameValue', () => {
  it('treats every kind of "not set" as equal', () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue('', null)).toBe(true);
    expect(sameValue([], undefined)).toBe(true);
    expect(sameValue({ a: null }, null)).toBe(true);
    expect(sameValue('x', null)).toBe(false);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(false, null)).toBe(false);
  });

  it('compares numbers and decimal strings by value, not by spelling', () => {
    expect(sameValue(50, '50.00')).toBe(true);
    expect(sameValue('1234567890.12', '1234567890.120')).toBe(true);
    expect(sameValue('007', 7)).toBe(true);
    expect(sameValue('-0.00', 0)).toBe(true);
    expect(sameValue('1234567890.12', '1234567890.13')).toBe(false);
    expect(sameValue(33.3, 33.33)).toBe(false);
  });

  it('ignores key order and empty keys in objects', () => {
    expect(sameValue({ a: 1, b: 'x', c: null }, { b: 'x', a: '1.0' })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe('diffRecords', () => {
  it('reports changed scalar fields, old → new, in display order', () => {
    const changes = diffRecords(
      { title: 'Old', status: 2, description: 'Same', plannedStart: '2020-01-01', version: 3 },
      { description: 'Same', plannedStart: '2021-01-01', status: 3, title: 'New', version: 4 },
    );
    expect(changes).toEqual([
      { kind: 'value', field: 'title', before: 'Old', after: 'New' },
      { kind: 'value', field: 'status', before: 2, after: 3 },
      { kind: 'value', field: 'plannedStart', before: '2020-01-01', after: '2021-01-01' },
    ]);
  });

  it('leaves out bookkeeping columns', () => {
    expect(
      diffRecords(
        { id: 'a', version: 1, updatedAt: '2020', searchText: 'x', qualityScore: 10, raw: { a: 1 } },
        { id: 'a', version: 2, updatedAt: '2021', searchText: 'y', qualityScore: 20, raw: { a: 2 } },
      ),
    ).toEqual([]);
  });

  it('shows a creation as every field set from nothing, and a deletion as every field emptied', () => {
    expect(
      diffRecords(null, { id: 'x', title: 'T', description: null, countries: [{ country: 'UZ' }] }),
    ).toEqual([
      { kind: 'value', field: 'title', before: null, after: 'T' },
      { kind: 'list', field: 'countries', added: [{ country: 'UZ' }], removed: [], changed: [] },
    ]);
    expect(diffRecords({ title: 'T' }, null)).toEqual([
      { kind: 'value', field: 'title', before: 'T', after: null },
    ]);
  });

  it('compares a field present on one side only with "not set" (import snapshots hold changed fields only)', () => {
    expect(
      diffRecords({ id: 'p', url: null, version: 1 }, { id: 'p', url: 'https://x', version: 2 }),
    ).toEqual([{ kind: 'value', field: 'url', before: null, after: 'https://x' }]);
    expect(diffRecords({ title: 'A' }, { status: 2 })).toEqual([
      { kind: 'value', field: 'title', before: 'A', after: null },
      { kind: 'value', field: 'status', before: null, after: 2 },
    ]);
  });

  it('does not report a percentage stored as a decimal string against the same number', () => {
    expect(
      diffRecords(
        {
          countries: [
            { country: 'UZ', percentage: '60.00' },
            { country: 'TJ', percentage: '40.00' },
          ],
        },
        {
          countries: [
            { country: 'TJ', percentage: 40 },
            { country: 'UZ', percentage: 60 },
          ],
        },
      ),
    ).toEqual([]);
  });

  it('reports list items added, removed and changed, matched on their natural key', () => {
    const [change, ...rest] = diffRecords(
      {
        countries: [
          { country: 'UZ', percentage: '50.00' },
          { country: 'TJ', percentage: '50.00' },
        ],
      },
      {
        countries: [
          { country: 'UZ', percentage: 40 },
          { country: 'AZ', percentage: 60 },
        ],
      },
    );
    expect(rest).toEqual([]);
    expect(change).toEqual({
      kind: 'list',
      field: 'countries',
      added: [{ country: 'AZ', percentage: 60 }],
      removed: [{ country: 'TJ', percentage: '50.00' }],
      changed: [
        {
          key: 'UZ',
          before: { country: 'UZ', percentage: '50.00' },
          after: { country: 'UZ', percentage: 40 },
          fields: [{ field: 'percentage', before: '50.00', after: 40 }],
        },
      ],
    });
  });

  it('matches a moved location by its name and country, and a participant by organisation and role', () => {
    const org = '0b6f2d1c-2a4b-4c5d-8e9f-0a1b2c3d4e5f';
    const changes = diffRecords(
      {
        locations: [{ name: 'Navoi', country: 'UZ', precision: 'near', lat: 40.1, lon: 65.3 }],
        participants: [{ organizationId: org, role: 1 }],
      },
      {
        locations: [{ name: 'Navoi', country: 'UZ', precision: 'exact', lat: 40.0833, lon: 65.3792 }],
        participants: [
          { organizationId: org, role: 1 },
          { organizationId: org, role: 4 },
        ],
      },
    );
    expect(changes.map((c) => c.field)).toEqual(['participants', 'locations']);
    const [participants, locations] = changes;
    expect(participants).toMatchObject({
      added: [{ organizationId: org, role: 4 }],
      removed: [],
      changed: [],
    });
    expect(locations).toMatchObject({
      added: [],
      removed: [],
      changed: [
        {
          key: 'Navoi · UZ',
          fields: [
            { field: 'lat', before: 40.1, after: 40.0833 },
            { field: 'lon', before: 65.3, after: 65.3792 },
            { field: 'precision', before: 'near', after: 'exact' },
          ],
        },
      ],
    });
  });

  it('diffs lists of plain values (linked project ids) as sets, and cited sources by source id', () => {
    const [projects, sources] = diffRecords(
      { projectIds: ['a', 'b'], sources: [{ sourceId: 's1', quote: null }, { sourceId: 's2' }] },
      { projectIds: ['b', 'c'], sources: [{ sourceId: 's1', quote: 'It says so' }, { sourceId: 's2' }] },
    );
    expect(projects).toEqual({
      kind: 'list',
      field: 'projectIds',
      added: ['c'],
      removed: ['a'],
      changed: [],
    });
    expect(sources).toMatchObject({
      kind: 'list',
      field: 'sources',
      added: [],
      removed: [],
      changed: [{ key: 's1', fields: [{ field: 'quote', before: null, after: 'It says so' }] }],
    });
  });

  it('leaves bookkeeping out of list items too (an import keeps raw data on locations)', () => {
    const raw = { basis: 'not-geocoded' };
    expect(
      diffRecords(
        { locations: [{ name: 'Tajikistan', country: 'TJ', precision: 'country', raw }] },
        {
          locations: [
            { name: 'Tajikistan', country: 'TJ', precision: 'country', raw: { basis: 'other' } },
            { name: 'Dushanbe', country: 'TJ', precision: 'exact', lat: 38.5, lon: 68.8, raw },
          ],
        },
      ),
    ).toEqual([
      {
        kind: 'list',
        field: 'locations',
        added: [{ name: 'Dushanbe', country: 'TJ', precision: 'exact', lat: 38.5, lon: 68.8 }],
        removed: [],
        changed: [],
      },
    ]);
  });

  it('keeps duplicate keys apart instead of losing an item', () => {
    const [change] = diffRecords(
      { locations: [{ name: 'Site', country: 'UZ', lat: 1 }] },
      {
        locations: [
          { name: 'Site', country: 'UZ', lat: 1 },
          { name: 'Site', country: 'UZ', lat: 2 },
        ],
      },
    );
    expect(change).toMatchObject({ added: [{ name: 'Site', lat: 2 }], removed: [], changed: [] });
  });

  it('compares nested objects part by part', () => {
    expect(
      diffRecords({ place: { city: 'Baku', country: 'AZ' } }, { place: { city: 'Ganja', country: 'AZ' } }),
    ).toEqual([{ kind: 'value', field: 'place.city', before: 'Baku', after: 'Ganja' }]);
  });

  it('reads a seed snapshot (a whole row) against a form snapshot without noise', () => {
    const seedRow = {
      id: 'p',
      title: 'Fostering inclusive and sustainable industrial development',
      titleOriginal: null,
      status: null,
      searchText: 'fostering …',
      qualityScore: 33,
      createdAt: '2026-01-01 00:00:00+00',
      createdBy: 'seed',
      deletedAt: null,
      raw: null,
      version: 1,
    };
    const formValues = {
      title: 'Fostering inclusive and sustainable industrial development',
      titleOriginal: '',
      status: 2,
      countries: [],
      sources: [{ sourceId: 's' }],
    };
    expect(diffRecords(seedRow, formValues)).toEqual([
      { kind: 'value', field: 'status', before: null, after: 2 },
      { kind: 'list', field: 'sources', added: [{ sourceId: 's' }], removed: [], changed: [] },
    ]);
  });
});

describe('orderFields', () => {
  it('puts known fields in display order and the rest A–Z after them', () => {
    expect(orderFields(['zeta', 'sources', 'alpha', 'title', 'countries'])).toEqual([
      'title',
      'countries',
      'sources',
      'alpha',
      'zeta',
    ]);
  });
});
