import { ACTIVITY_STATUS, isSectorCode } from '@srt/shared/codes';
import { describe, expect, it } from 'vitest';
import { countryOptions, sectorOptions, tableOptions } from './code-options.ts';

describe('code options for selects', () => {
  it('puts the four countries first, named in the UI language', () => {
    const [focus, other] = countryOptions('ru', { focus: 'f', other: 'o' });
    expect(focus?.items.map((o) => o.value).sort()).toEqual(['AZ', 'TJ', 'TM', 'UZ']);
    expect(focus?.items.find((o) => o.value === 'UZ')?.label).toBe('Узбекистан');
    expect(other?.items.some((o) => o.value === 'UZ')).toBe(false);
    expect(other?.items.some((o) => o.value === 'CN')).toBe(true);
  });

  it('offers only sector codes the schema accepts, each once', () => {
    const values = sectorOptions('en').flatMap((g) => g.items.map((o) => o.value));
    expect(values.length).toBeGreaterThan(50);
    expect(new Set(values).size).toBe(values.length);
    expect(values.every(isSectorCode)).toBe(true);
    expect(values).toContain('320');
    expect(values).toContain('32130');
  });

  it('turns a code table into string options', () => {
    expect(tableOptions(ACTIVITY_STATUS, 'en')[0]).toEqual({ value: '1', label: ACTIVITY_STATUS[1].en });
  });
});
