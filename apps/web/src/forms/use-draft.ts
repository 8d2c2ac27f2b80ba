import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { browserStorage, type Draft, readDraft, removeDraft, sameValues, writeDraft } from './draft-store.ts';

export type DraftControl<V> = {
  /** A draft found when the form opened that differs from the record: offer "Restore draft / Discard". */
  offer: Draft<V> | null;
  /** Puts the draft's values into the form (they count as unsaved changes) and returns the draft. */
  restore: () => Draft<V> | null;
  /** Forgets the draft found on opening (so does typing into the form without answering). */
  discard: () => void;
  /** After a successful save: removes the draft and keeps no more. */
  clear: () => void;
};

/**
 * Keeps what is typed into `form` in localStorage under `key` (e.g. `project:new`, `project:<id>`) until it
 * is saved (`clear`) or discarded, so it survives a reload. Mount the form with its `defaultValues` already
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
  const [offer, setOffer] = useState<Draft<T> | null>(() => {
    const found = readDraft<T>(storage, key);
    return found && !sameValues(found.values, form.getValues()) ? found : null;
  });
  const offerRef = useRef(offer);
  offerRef.current = offer;
  const cleared = useRef(false);
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
      if (sameValues(values, form.formState.defaultValues)) removeDraft(storage, key);
      else
        writeDraft(storage, key, {
          values: values as T,
          savedAt: new Date().toISOString(),
          version: base.current,
        });
    });
    return () => subscription.unsubscribe();
  }, [form, key, storage]);

  const restore = useCallback(() => {
    const draft = offerRef.current;
    if (!draft) return null;
    base.current = draft.version ?? base.current;
    offerRef.current = null;
    setOffer(null);
    form.reset(draft.values, { keepDefaultValues: true });
    writeDraft(storage, key, { ...draft, version: base.current });
    return draft;
  }, [form, key, storage]);

  const discard = useCallback(() => {
    offerRef.current = null;
    setOffer(null);
    removeDraft(storage, key);
  }, [key, storage]);

  const clear = useCallback(() => {
    cleared.current = true;
    offerRef.current = null;
    setOffer(null);
    removeDraft(storage, key);
  }, [key, storage]);

  return { offer, restore, discard, clear };
}
