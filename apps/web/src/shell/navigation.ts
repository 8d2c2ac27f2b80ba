/** The sections of the app, in menu order. `key` names the label (`nav.<key>`) and summary (`sections.<key>`). */
export const sections = [
  { path: '/', key: 'overview' },
  { path: '/projects', key: 'projects' },
  { path: '/events', key: 'events' },
  { path: '/map', key: 'map' },
  { path: '/countries', key: 'countries' },
] as const;

export type Section = (typeof sections)[number];

/** The section a path belongs to: the longest matching prefix, Overview for anything else. */
export function sectionFor(pathname: string): Section {
  const match = sections
    .filter((s) => s.path !== '/' && (pathname === s.path || pathname.startsWith(`${s.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ?? sections[0];
}
