import { useBlocker } from '@tanstack/react-router';
import { useCallback, useRef } from 'react';

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
 * (TanStack Router's `useBlocker`), and closing or reloading the tab gets the browser's own question
 * (beforeunload). Typed input also survives as a draft (use-draft.ts), so the question is a courtesy.
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
  const release = useCallback(() => {
    released.current = true;
  }, []);
  return {
    blocked: blocker.status === 'blocked',
    stay: () => blocker.reset?.(),
    leave: () => blocker.proceed?.(),
    release,
  };
}
