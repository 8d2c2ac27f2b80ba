import { useBlocker } from '@tanstack/react-router';
import { useCallback, useEffect, useRef } from 'react';
import { markUnsaved } from './unsaved-registry.ts';

export type UnsavedGuard = {
  /** A navigation inside the app is waiting for the user's answer. */
  blocked: boolean;
  stay: () => void;
  leave: () => void;
  /** Call after a successful save, before navigating away: the guard no longer holds. */
  release: () => void;
};

/**
 * Asks before leaving a form with unsaved changes: navigations inside the app wait for `<UnsavedDialog>`
 * (TanStack Router's `useBlocker`), closing or reloading the tab gets the browser's own question
 * (beforeunload), and "Sign out" asks too (unsaved-registry.ts). Typed input also survives as a draft (use-draft.ts), so the question is a courtesy.
 */
export function useUnsavedGuard(isDirty: boolean): UnsavedGuard {
  const released = useRef(false);
  const dirty = useRef(isDirty);
  dirty.current = isDirty;
  const shouldBlock = useCallback(() => dirty.current && !released.current, []);
  const blocker = useBlocker({
    shouldBlockFn: shouldBlock,
    enableBeforeUnload: shouldBlock,
    withResolver: true,
  });
  // Signing out (the shell's account menu) asks too while this form has unsaved changes.
  const holder = useRef(Symbol('unsaved-form'));
  useEffect(() => {
    const me = holder.current;
    markUnsaved(me, isDirty && !released.current);
    return () => markUnsaved(me, false);
  }, [isDirty]);
  const release = useCallback(() => {
    released.current = true;
    markUnsaved(holder.current, false);
  }, []);
  return {
    blocked: blocker.status === 'blocked',
    stay: () => blocker.reset?.(),
    leave: () => blocker.proceed?.(),
    release,
  };
}
