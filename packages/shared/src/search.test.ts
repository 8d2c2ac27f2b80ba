import { describe, expect, it } from 'vitest';
import { likePattern, normalizeSearchText } from './search.ts';

describe('normalizeSearchText', () => {
  it('folds Latin diacritics and Azerbaijani letters', () => {
    expect(normalizeSearchText('Gəncə Şəki Ağdam Sumqayıt')).toBe('gence seki agdam sumqayit');
  });
  it('unifies the Uzbek apostrophes', () => {
    expect(normalizeSearchText('Oʻzbekiston')).toBe(normalizeSearchText("O'zbekiston"));
    expect(normalizeSearchText('Oʼzbekiston')).toBe("o'zbekiston");
  });
  it('lower-cases Cyrillic and folds ё', () => {
    expect(normalizeSearchText('ТАШКЕНТ Ёлки')).toBe('ташкент елки');
  });
  it('keeps Thai text searchable as a substring', () => {
    const title = normalizeSearchText('ส่งเสริมการพัฒนาอุตสาหกรรมที่ครอบคลุมและยั่งยืน');
    expect(title.includes(normalizeSearchText('อุตสาหกรรม'))).toBe(true);
  });
});

describe('likePattern', () => {
  it('matches LIKE wildcards literally', () => {
    expect(likePattern('50%_x\\')).toBe('%50\\%\\_x\\\\%');
  });
});
