import { describe, expect, it } from 'vitest';
import { dateTimeAttribute } from './event-date.tsx';
import { isWebUrl, languageName } from './language-name.ts';

describe('dateTimeAttribute', () => {
  it('claims no more precision than the record has', () => {
    expect(dateTimeAttribute('2018-04-21', 'day')).toBe('2018-04-21');
    expect(dateTimeAttribute('2018-04-01', 'month')).toBe('2018-04');
    expect(dateTimeAttribute('2018-01-01', 'year')).toBe('2018');
    expect(dateTimeAttribute('garbage', 'day')).toBe('garbage');
  });
});

describe('languageName', () => {
  it('names a language in the UI language', () => {
    expect(languageName('th', 'en')).toBe('Thai');
    expect(languageName('th', 'ru')).toBe('тайский');
    expect(languageName('uz', 'en')).toBe('Uzbek');
    expect(languageName('not a tag', 'en')).toBe('not a tag');
  });
});

describe('isWebUrl', () => {
  it('accepts http(s) URLs only', () => {
    expect(isWebUrl('https://www.unido.org/news/x')).toBe(true);
    expect(isWebUrl('http://open.undp.org/projects/00109805')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('ftp://example.org')).toBe(false);
    expect(isWebUrl(null)).toBe(false);
  });
});
