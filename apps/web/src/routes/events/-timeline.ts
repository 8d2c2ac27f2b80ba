/**
 * Events grouped for a timeline: by year, then by month. An event known only to the year (stored as 1
 * January) is not put in January: it goes to its year's "date known to the year" group. Groups keep the
 * order in which their first event comes (the API's date order), so newest-first or oldest-first both
 * read naturally, and pages fetched later merge into the groups they belong to.
 */

export type TimelineItem = { date: string; datePrecision: string };

export type TimelineGroup<T> = {
  /** `2018-04` for a month, `2018` for the events of a year whose month is unknown. */
  key: string;
  /** The month (1–12), or null for the year-only group. */
  month: number | null;
  items: T[];
};
export type TimelineYear<T> = { year: number; groups: TimelineGroup<T>[] };

const ISO = /^(\d{4})-(\d{2})/;

export function groupTimeline<T extends TimelineItem>(items: readonly T[]): TimelineYear<T>[] {
  const years: TimelineYear<T>[] = [];
  const yearIndex = new Map<number, TimelineYear<T>>();
  const groupIndex = new Map<string, TimelineGroup<T>>();
  for (const item of items) {
    const match = ISO.exec(item.date);
    if (!match) continue;
    const year = Number(match[1]);
    const month = item.datePrecision === 'year' ? null : Number(match[2]);
    const key = month === null ? String(year) : `${year}-${String(month).padStart(2, '0')}`;
    let y = yearIndex.get(year);
    if (!y) {
      y = { year, groups: [] };
      yearIndex.set(year, y);
      years.push(y);
    }
    let group = groupIndex.get(key);
    if (!group) {
      group = { key, month, items: [] };
      groupIndex.set(key, group);
      y.groups.push(group);
    }
    group.items.push(item);
  }
  return years;
}
