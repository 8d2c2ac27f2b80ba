import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useSession } from '../auth/session.ts';
import {
  browserStorage,
  type Draft,
  mergeDraft,
  readDraft,
  removeDraft,
  sameValues,
  writeDraft,
} from './draft-store.ts';

export type DraftControl<V> = {
  /** A draft found when the form opened that differs from the record: offer "Restore draft / Discard". */
  offer: Draft<V> | null;
  /**
   * Puts the draft's values into the form (they count as unsaved changes) and returns the draft as
   * restored: over a newer version only the fields the draft changed are put on the current values, and
   * `version`/`base` are then the current ones.
   */
  restore: () => Draft<V> | null;
  /** The restored draft was typed against an older version: it was merged onto the current one. */
  changedSince: boolean;
  dismissChangedSince: () => void;
  /** Forgets the draft found on opening (so does typing into the form without answering). */
  discard: () => void;
  /** After a successful save: removes the draft and keeps no more. */
  clear: () => void;
};

/**
 * Keeps what is typed into `form` in localStorage under `key` (e.g. `project:new`, `project:<id>`) — kept
 * per signed-in user (`srt.draft.<userId>.<key>`), so the next person at the browser never sees it —
 * until it is saved (`clear`) or discarded, so it survives a reload. Mount the form with its `defaultValues` already
 * set (an edit form: once the record is loaded). `version` is the version of the record the form was opened
 * at; a restored draft carries the version it was typed against (see draft-store.ts): pass that on as
 * `version` when restoring (`<DraftNotice onRestore>`), so the save goes against it.
 */
export function useDraft<T extends FieldValues>(
  key: string,
  // biome-ignore lint/suspicious/noExplicitAny: any context and transformed-values type of the form
  form: UseFormReturn<T, any, any>,
  options: { version?: number | null } = {},
): DraftControl<T> {
  const storage = browserStorage();
  const userId = useSession().user?.id ?? 'anonymous';
  const storeKey = `${userId}.${key}`;
  const [offer, setOffer] = useState<Draft<T> | null>(() => {
    const found = readDraft<T>(storage, storeKey);
    return found && !sameValues(found.values, form.getValues()) ? found : null;
  });
  const offerRef = useRef(offer);
  offerRef.current = offer;
  const cleared = useRef(false);
  const [changedSince, setChangedSince] = useState(false);
  // The version the input is typed against: the caller's (it follows a restored draft and a resolved conflict).
  const base = useRef<number | null>(options.version ?? null);
  base.current = options.version ?? null;

  useEffect(() => {
    const subscription = form.watch((values, { name }) => {
      // After a save nothing more is kept.
      if (cleared.current) return;
      if (offerRef.current) {
        // Typing without answering the offer: what is typed now is the draft (the old one is dropped).
        if (name === undefined) return;
        offerRef.current = null;
        setOffer(null);
      }
      const defaults = (form.formState.defaultValues ?? null) as T | null;
      if (sameValues(values, defaults)) removeDraft(storage, storeKey);
      else
        writeDraft(storage, storeKey, {
          values: values as T,
          savedAt: new Date().toISOString(),
          version: base.current,
          // What the input started from: the values the form was opened (or last reset) at.
          base: defaults,
        });
    });
    return () => subscription.unsubscribe();
  }, [form, storeKey, storage]);

  const restore = useCallback(() => {
    const draft = offerRef.current;
    if (!draft) return null;
    offerRef.current = null;
    setOffer(null);
    const current = (form.formState.defaultValues ?? form.getValues()) as T;
    const newer =
      draft.version !== null &&
      base.current !== null &&
      draft.version !== base.current &&
      draft.base !== null;
    let restored: Draft<T>;
    if (newer && draft.base) {
      // Someone saved a newer version since: only what this draft changed goes onto the current values.
      restored = { ...draft, values: mergeDraft(draft.base, draft.values, current), base: current };
      restored.version = base.current;
      setChangedSince(true);
    } else {
      base.current = draft.version ?? base.current;
      restored = { ...draft, version: base.current };
    }
    form.reset(restored.values, { keepDefaultValues: true });
    writeDraft(storage, storeKey, restored);
    return restored;
  }, [form, storeKey, storage]);

  const discard = useCallback(() => {
    offerRef.current = null;
    setOffer(null);
    removeDraft(storage, storeKey);
  }, [storeKey, storage]);

  const clear = useCallback(() => {
    cleared.current = true;
    offerRef.current = null;
    setOffer(null);
    removeDraft(storage, storeKey);
  }, [storeKey, storage]);

  const dismissChangedSince = useCallback(() => setChangedSince(false), []);

  return { offer, restore, discard, clear, changedSince, dismissChangedSince };
}
