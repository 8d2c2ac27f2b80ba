/** The sections of the app; each becomes a route (and a folder under routes/) as it is built. */
export const sections = [
  { path: '/', label: 'Overview', summary: 'Key figures, funding by year and the latest events.' },
  { path: '/projects', label: 'Projects', summary: 'Find, compare and export projects.' },
  { path: '/events', label: 'Events', summary: 'Forums, signings, launches and visits, in time order.' },
  { path: '/map', label: 'Map', summary: 'Where the projects are and how much money goes there.' },
] as const;

export type Section = (typeof sections)[number];

/** The section a path belongs to: the longest matching prefix, Overview for anything else. */
export function sectionFor(pathname: string): Section {
  const match = sections
    .filter((s) => s.path !== '/' && (pathname === s.path || pathname.startsWith(`${s.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ?? sections[0];
}
