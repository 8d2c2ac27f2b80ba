import { describe, expect, it } from 'vitest';
import { projectFilterSchema } from './filter.ts';

const issuesOf = (input: unknown) => {
  const result = projectFilterSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('projectFilterSchema', () => {
  it('accepts a full filter and normalises codes', () => {
    const parsed = projectFilterSchema.parse({
      countries: ['uz', 'TJ'],
      initiatives: ['bri'],
      initiativeBasis: 'official',
      sectors: ['320', '32120'],
      statuses: [2, 3],
      funders: ['4f8a8b5e-2d4c-4c8e-9b0a-2f1e3d4c5b6a'],
      yearFrom: 2010,
      yearTo: 2020,
      q: '  Ташкент ',
      minQuality: 50,
    });
    expect(parsed.countries).toEqual(['UZ', 'TJ']);
    expect(parsed.q).toBe('Ташкент');
  });

  it('names the field and the reason for bad input', () => {
    expect(issuesOf({ countries: ['XX'] })).toEqual([
      'countries.0: Unknown country code (ISO 3166-1 alpha-2 expected)',
    ]);
    expect(issuesOf({ q: 'x'.repeat(10_000) })).toEqual(['q: Search text is limited to 200 characters']);
    expect(issuesOf({ yearFrom: 2020, yearTo: 2010 })).toEqual(['yearTo: yearFrom must not be after yearTo']);
    expect(issuesOf({ statuses: [9] })[0]).toMatch(/^statuses\.0:/);
    expect(issuesOf({ funders: ['not-a-uuid'] })[0]).toMatch(/^funders\.0:/);
    expect(issuesOf({ yearFrom: 'abc' })[0]).toMatch(/^yearFrom:/);
  });
});
