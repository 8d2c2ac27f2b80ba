import { describe, expect, it } from 'vitest';
import { applyServerErrors, conflictOf, errorCode, formPath, planServerErrors } from './server-errors.ts';

// The shape of a tRPC client error as the API's error formatter makes it (apps/api/src/trpc.ts).
const badRequest = (fields: Record<string, string[]> | null) => ({
  message: 'x',
  data: { code: 'BAD_REQUEST', httpStatus: 400, fields },
});

const values = {
  title: 'A',
  countries: [{ country: 'UZ', percentage: 60 }],
  sources: [],
};

describe('server errors onto form fields', () => {
  it('strips the `values.` of an update and names no field for the whole input', () => {
    expect(formPath('values.countries.0.percentage')).toBe('countries.0.percentage');
    expect(formPath('countries.0.percentage')).toBe('countries.0.percentage');
    expect(formPath('input')).toBeNull();
    expect(formPath('values')).toBeNull();
  });

  it('puts a list’s own error on its root and keeps unknown paths for an alert', () => {
    expect(
      planServerErrors(
        {
          'values.countries.0.percentage': ['Must be ≤ 100'],
          'values.countries': ['Country percentages must sum to 100'],
          title: ['Title is required', 'second'],
          'values.nope': ['Unknown'],
          input: ['Malformed JSON'],
        },
        values,
      ),
    ).toEqual({
      mapped: [
        { path: 'countries.0.percentage', message: 'Must be ≤ 100' },
        { path: 'countries.root', message: 'Country percentages must sum to 100' },
        { path: 'title', message: 'Title is required' },
      ],
      unmapped: ['Unknown', 'Malformed JSON'],
    });
  });

  it('calls setError for each field and reports whether any field got one', () => {
    const calls: [string, string][] = [];
    const form = {
      getValues: () => values,
      setError: (name: string, error: { message?: string }) => {
        calls.push([name, error.message ?? '']);
      },
    };
    expect(
      applyServerErrors(form as never, badRequest({ 'values.sources': ['Cite at least one source'] })),
    ).toBe(true);
    expect(calls).toEqual([['sources.root', 'Cite at least one source']]);
    calls.length = 0;
    expect(applyServerErrors(form as never, badRequest({ input: ['Malformed JSON'] }))).toBe(false);
    expect(calls).toEqual([['root.server', 'Malformed JSON']]);
    expect(applyServerErrors(form as never, badRequest(null))).toBe(false);
    expect(applyServerErrors(form as never, new Error('network'))).toBe(false);
  });

  it('reads a CONFLICT’s current record', () => {
    const current = { id: 'p1', version: 4, deleted: false, values };
    const conflict = { data: { code: 'CONFLICT', fields: null, current } };
    expect(errorCode(conflict)).toBe('CONFLICT');
    expect(conflictOf(conflict)).toEqual(current);
    expect(conflictOf(badRequest(null))).toBeNull();
    expect(conflictOf({ data: { code: 'CONFLICT' } })).toBeNull();
  });
});
