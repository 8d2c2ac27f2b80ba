import { describe, expect, it } from 'vitest';
import { sectionFor, sections } from './navigation.ts';

describe('sectionFor', () => {
  it('has the four sections in order', () => {
    expect(sections.map((s) => s.label)).toEqual(['Overview', 'Projects', 'Events', 'Map']);
  });

  it('finds the section of a path and its sub-paths', () => {
    expect(sectionFor('/').label).toBe('Overview');
    expect(sectionFor('/projects').label).toBe('Projects');
    expect(sectionFor('/projects/0b4f').label).toBe('Projects');
    expect(sectionFor('/events/').label).toBe('Events');
    expect(sectionFor('/map').label).toBe('Map');
  });

  it('falls back to Overview', () => {
    expect(sectionFor('/mapping').label).toBe('Overview');
    expect(sectionFor('/unknown').label).toBe('Overview');
  });
});
