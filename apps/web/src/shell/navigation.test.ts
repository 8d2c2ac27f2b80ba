import { describe, expect, it } from 'vitest';
import { sectionFor, sections, staffSectionsFor } from './navigation.ts';

describe('sectionFor', () => {
  it('has the sections in order', () => {
    expect(sections.map((s) => s.key)).toEqual([
      'overview',
      'projects',
      'events',
      'map',
      'countries',
      'changes',
    ]);
  });

  it('finds the section of a path and its sub-paths', () => {
    expect(sectionFor('/countries/UZ').key).toBe('countries');
    expect(sectionFor('/').key).toBe('overview');
    expect(sectionFor('/projects').key).toBe('projects');
    expect(sectionFor('/projects/0b4f').key).toBe('projects');
    expect(sectionFor('/events/').key).toBe('events');
    expect(sectionFor('/map').key).toBe('map');
    expect(sectionFor('/changes').key).toBe('changes');
  });

  it('falls back to Overview', () => {
    expect(sectionFor('/mapping').key).toBe('overview');
    expect(sectionFor('/unknown').key).toBe('overview');
  });
});

describe('staffSectionsFor', () => {
  it('shows Import to editors, and Admin to admins only', () => {
    const keys = (role: Parameters<typeof staffSectionsFor>[0]) => staffSectionsFor(role).map((s) => s.key);
    expect(keys(null)).toEqual([]);
    expect(keys('viewer')).toEqual([]);
    expect(keys('editor')).toEqual(['import']);
    expect(keys('admin')).toEqual(['import', 'admin']);
  });
});
