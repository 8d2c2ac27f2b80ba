import { describe, expect, it } from 'vitest';
import {
  actorParts,
  filterIssues,
  type Issue,
  pageOf,
  parseTimestamp,
  progressPercent,
  shortHash,
  sizeParts,
} from './-report.ts';

const issues: Issue[] = [
  { severity: 'error', recordKey: 'XM-1', field: 'title', message: 'No title', at: { line: 12 } },
  { severity: 'warning', recordKey: 'XM-2', message: 'No source cited', at: { line: 40 } },
  {
    severity: 'error',
    recordKey: 'x:3',
    message: 'Not a date: "2019-02-30"',
    at: { row: 4, column: 'planned_start' },
  },
];

describe('filterIssues', () => {
  it('keeps the chosen severity', () => {
    expect(filterIssues(issues, { severity: 'error', text: '' }).map((i) => i.recordKey)).toEqual([
      'XM-1',
      'x:3',
    ]);
    expect(filterIssues(issues, { severity: 'warning', text: '' }).map((i) => i.recordKey)).toEqual(['XM-2']);
    expect(filterIssues(issues, { severity: 'all', text: '  ' })).toHaveLength(3);
  });

  it('finds the text in the key, the field, the column or the reason, in any letter case', () => {
    expect(filterIssues(issues, { severity: 'all', text: 'SOURCE' }).map((i) => i.recordKey)).toEqual([
      'XM-2',
    ]);
    expect(filterIssues(issues, { severity: 'all', text: 'planned_' }).map((i) => i.recordKey)).toEqual([
      'x:3',
    ]);
    expect(filterIssues(issues, { severity: 'all', text: 'xm-1' }).map((i) => i.recordKey)).toEqual(['XM-1']);
    expect(filterIssues(issues, { severity: 'warning', text: 'title' })).toEqual([]);
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 53 }, (_, i) => i + 1);

  it('cuts the list into pages of the given size', () => {
    expect(pageOf(items, 1, 25)).toEqual({ rows: items.slice(0, 25), page: 1, pages: 3 });
    expect(pageOf(items, 3, 25).rows).toEqual([51, 52, 53]);
  });

  it('keeps the page within the list (a filter may have shortened it)', () => {
    expect(pageOf(items, 9, 25).page).toBe(3);
    expect(pageOf(items, 0, 25).page).toBe(1);
    expect(pageOf([], 2, 25)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});

describe('progressPercent', () => {
  it('counts records towards the dry run’s total and says 100 only when done', () => {
    expect(progressPercent(0, 40, false)).toBe(0);
    expect(progressPercent(10, 40, false)).toBe(25);
    expect(progressPercent(40, 40, false)).toBe(99);
    expect(progressPercent(40, 40, true)).toBe(100);
    expect(progressPercent(0, 0, false)).toBe(0);
    expect(progressPercent(0, 0, true)).toBe(100);
  });
});

describe('parseTimestamp', () => {
  it('reads PostgreSQL timestamps with a short zone, microseconds, or ISO form', () => {
    expect(parseTimestamp('2026-11-28 08:17:45.123456+00')?.toISOString()).toBe('2026-11-28T08:17:45.123Z');
    expect(parseTimestamp('2026-11-28 10:17:45+02')?.toISOString()).toBe('2026-11-28T08:17:45.000Z');
    expect(parseTimestamp('2026-11-28T08:17:45.5Z')?.toISOString()).toBe('2026-11-28T08:17:45.500Z');
    expect(parseTimestamp('2026-11-28 13:47:45+0530')?.toISOString()).toBe('2026-11-28T08:17:45.000Z');
  });

  it('gives null for anything else', () => {
    expect(parseTimestamp(null)).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp('2026-13-45 99:00:00+00')).toBeNull();
  });
});

it('shortens a hash for display', () => {
  expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
  expect(shortHash('abc')).toBe('abc');
});

it('gives a size in the unit that reads best', () => {
  expect(sizeParts(87)).toEqual({ unit: 'bytes', value: 87 });
  expect(sizeParts(1536)).toEqual({ unit: 'kb', value: 1.5 });
  expect(sizeParts(52_428_800)).toEqual({ unit: 'mb', value: 50 });
});

it('names who ran an import: the user, the demo data load or the command line', () => {
  expect(actorParts('u1', 'Demo editor')).toEqual({ kind: 'user', name: 'Demo editor' });
  expect(actorParts('seed', null)).toEqual({ kind: 'seed', name: '' });
  expect(actorParts('cli:root', null)).toEqual({ kind: 'cli', name: 'root' });
  expect(actorParts('gone-user-id', null)).toEqual({ kind: 'user', name: 'gone-user-id' });
});
