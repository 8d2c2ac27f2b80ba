/**
 * Typed input kept in the browser (localStorage) until it is saved or discarded, so a reload or a closed
 * tab loses nothing. A draft of an existing record remembers the version it was typed against: restoring
 * it saves against that version, so a change someone made meanwhile comes back as a conflict instead of
 * being overwritten.
 */
export type Draft<V> = {
  values: V;
  savedAt: string;
  version: number | null;
  /**
   * The values the input started from (the record at `version`): restored over a newer version, only the
   * fields that differ from these are the user's changes (`mergeDraft`).
   */
  base: V | null;
};

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'srt.draft.';

export const draftKey = (key: string) => `${PREFIX}${key}`;

/** The browser's storage, or null where there is none (privacy mode, tests without a DOM). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readDraft<V>(storage: Storage | null, key: string): Draft<V> | null {
  try {
    const raw = storage?.getItem(draftKey(key));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<Draft<V>>;
    if (typeof draft !== 'object' || draft === null || typeof draft.values !== 'object') return null;
    return {
      values: draft.values as V,
      savedAt: typeof draft.savedAt === 'string' ? draft.savedAt : new Date(0).toISOString(),
      version: typeof draft.version === 'number' ? draft.version : null,
      base: typeof draft.base === 'object' && draft.base !== null ? (draft.base as V) : null,
    };
  } catch {
    return null; // unreadable JSON: as if there were none
  }
}

export function writeDraft<V>(storage: Storage | null, key: string, draft: Draft<V>): void {
  try {
    storage?.setItem(draftKey(key), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the form keeps working, only without a draft
  }
}

export function removeDraft(storage: Storage | null, key: string): void {
  try {
    storage?.removeItem(draftKey(key));
  } catch {
    // nothing to remove
  }
}

/** `undefined`, `null` and `''` are all "empty" in a form; the rest compare as JSON. */
const normalise = (value: unknown): unknown => {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalise(v)] as const)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries);
  }
  return value;
};

/** Whether two sets of form values say the same thing (an emptied field equals one never filled). */
export const sameValues = (a: unknown, b: unknown): boolean =>
  JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

/** The fields the draft changed from its base (what the user actually typed), in the draft's key order. */
export function changedFields<V extends object>(base: V, draft: V): (keyof V)[] {
  const keys = [...new Set([...Object.keys(draft), ...Object.keys(base)])] as (keyof V)[];
  return keys.filter((key) => !sameValues(draft[key], base[key]));
}

/**
 * A draft typed against an older version, put onto the current values (a three-way merge, field by
 * field): a field the user changed in the draft takes the draft's value, every other field keeps the
 * current one — so a change someone else saved meanwhile is not silently undone.
 */
export function mergeDraft<V extends object>(base: V, draft: V, current: V): V {
  const merged = { ...current };
  for (const key of changedFields(base, draft)) merged[key] = draft[key];
  return merged;
}
