import { useState } from 'react';

/**
 * A one-time message carried to the next page ("“X” was deleted." on /projects after a delete): set it
 * just before navigating, and the page that shows `useFlash()` takes it (once).
 */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}

/** The message set for this page, taken on its first render (a remount does not show it again). */
export function useFlash(): [string | null, () => void] {
  const [message, setMessage] = useState(takeFlash);
  return [message, () => setMessage(null)];
}
