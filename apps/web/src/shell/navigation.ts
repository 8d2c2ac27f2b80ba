import { hasRole, type Role } from '@srt/shared/auth';

/** The sections of the app, in menu order. `key` names the label (`nav.<key>`) and summary (`sections.<key>`). */
export const sections = [
  { path: '/', key: 'overview' },
  { path: '/projects', key: 'projects' },
  { path: '/events', key: 'events' },
  { path: '/map', key: 'map' },
  { path: '/countries', key: 'countries' },
  { path: '/changes', key: 'changes' },
] as const;

export type Section = (typeof sections)[number];

/**
 * Sections only some roles see, after the others (the API refuses everyone else anyway). Admin holds the
 * users and the exchange rates, with its own navigation between them (routes/admin/route.tsx).
 */
export const staffSections = [
  { path: '/import', key: 'import', needs: 'editor' },
  { path: '/admin', key: 'admin', needs: 'admin' },
] as const satisfies readonly { path: string; key: string; needs: Role }[];

/** The staff sections a user with `role` sees (none when signed out). */
export const staffSectionsFor = (role: Role | null | undefined) =>
  staffSections.filter((s) => hasRole(role, s.needs));

/** The section a path belongs to: the longest matching prefix, Overview for anything else. */
export function sectionFor(pathname: string): Section {
  const match = sections
    .filter((s) => s.path !== '/' && (pathname === s.path || pathname.startsWith(`${s.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ?? sections[0];
}
