import { describe, expect, it } from 'vitest';
import {
  changedFields,
  draftKey,
  mergeDraft,
  readDraft,
  removeDraft,
  sameValues,
  writeDraft,
} from './draft-store.ts';

/** A real Storage-shaped map (the browser's localStorage is not there in node). */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('drafts in local storage', () => {
  it('writes, reads and removes a draft under its own key', () => {
    const storage = memoryStorage();
    const draft = {
      values: { title: 'Typed' },
      savedAt: '2026-01-02T03:04:05.000Z',
      version: 3,
      base: { title: 'Saved' },
    };
    writeDraft(storage, 'project:abc', draft);
    expect([...storage.items.keys()]).toEqual([draftKey('project:abc')]);
    expect(readDraft(storage, 'project:abc')).toEqual(draft);
    expect(readDraft(storage, 'project:new')).toBeNull();
    removeDraft(storage, 'project:abc');
    expect(readDraft(storage, 'project:abc')).toBeNull();
  });

  it('treats unreadable JSON as no draft and survives a missing or full storage', () => {
    const storage = memoryStorage();
    storage.items.set(draftKey('x'), '{not json');
    expect(readDraft(storage, 'x')).toBeNull();
    storage.items.set(draftKey('y'), JSON.stringify({ values: { a: 1 } }));
    expect(readDraft(storage, 'y')).toMatchObject({ values: { a: 1 }, version: null, base: null });
    expect(readDraft(null, 'x')).toBeNull();
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeDraft(full, 'z', { values: {}, savedAt: '', version: null, base: null })).not.toThrow();
  });

  it('compares form values with empty fields alike', () => {
    expect(sameValues({ a: '', b: null, c: [1, { d: undefined }] }, { c: [1, {}] })).toBe(true);
    expect(sameValues({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
    expect(sameValues({ a: 'x' }, { a: 'y' })).toBe(false);
    expect(sameValues({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValues({ a: 0 }, { a: null })).toBe(false);
  });

  describe('a draft restored over a newer version (three-way merge)', () => {
    const base = {
      title: 'Old title',
      description: 'Old text',
      countries: [{ country: 'UZ', percentage: 100 }],
    };

    it("keeps the other person's change to a field the draft did not touch", () => {
      const draft = { ...base, description: 'My new text' };
      const current = { ...base, title: 'Their new title' };
      expect(changedFields(base, draft)).toEqual(['description']);
      expect(mergeDraft(base, draft, current)).toEqual({
        title: 'Their new title',
        description: 'My new text',
        countries: base.countries,
      });
    });

    it("puts the draft's value on a field both changed, and an emptied field counts as a change", () => {
      const draft = { ...base, title: 'My title', description: '' };
      const current = { ...base, title: 'Their title', description: 'Their text' };
      expect(changedFields(base, draft)).toEqual(['title', 'description']);
      expect(mergeDraft(base, draft, current)).toEqual({ ...current, title: 'My title', description: '' });
    });

    it('compares lists as a whole and ignores empty-vs-missing differences', () => {
      const draft = { ...base, countries: [{ country: 'UZ', percentage: 100 }], description: 'Old text' };
      const current = { ...base, countries: [{ country: 'KZ', percentage: 100 }] };
      expect(changedFields({ ...base, extra: null }, { ...draft, extra: '' })).toEqual([]);
      expect(mergeDraft(base, draft, current)).toEqual(current);
      const moved = { ...base, countries: [{ country: 'TJ', percentage: 100 }] };
      expect(mergeDraft(base, moved, current).countries).toEqual([{ country: 'TJ', percentage: 100 }]);
    });
  });
});
