/**
 * Whether any form on screen has unsaved changes, for what leaves the page without navigating — signing
 * out asks first. Tiny on purpose: the shell imports it. `useUnsavedGuard` keeps it up to date.
 */
const holders = new Set<symbol>();

export function markUnsaved(holder: symbol, unsaved: boolean): void {
  if (unsaved) holders.add(holder);
  else holders.delete(holder);
}

export const hasUnsavedChanges = (): boolean => holders.size > 0;
