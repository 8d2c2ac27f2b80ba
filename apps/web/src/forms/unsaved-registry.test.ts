import { describe, expect, it } from 'vitest';
import { hasUnsavedChanges, markUnsaved } from './unsaved-registry.ts';

describe('forms with unsaved changes (asked about at sign-out)', () => {
  it('holds while any form is marked and releases each one by its own mark', () => {
    const a = Symbol('a');
    const b = Symbol('b');
    expect(hasUnsavedChanges()).toBe(false);
    markUnsaved(a, true);
    markUnsaved(b, true);
    markUnsaved(a, false);
    expect(hasUnsavedChanges()).toBe(true);
    markUnsaved(b, false);
    expect(hasUnsavedChanges()).toBe(false);
    markUnsaved(b, false);
    expect(hasUnsavedChanges()).toBe(false);
  });
});
