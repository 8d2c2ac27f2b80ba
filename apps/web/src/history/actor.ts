import type { TFunction } from 'i18next';

/** An actor as `audit.history` and `audit.changes` return it. */
export type Actor = { id: string; kind: 'user' | 'seed' | 'import' | 'cli' | 'system'; name: string | null };

/** Who made a change, readably: a user's name, "Import of file.xml", "Demo data load", … */
export function actorLabel(actor: Actor, t: TFunction<'history'>): string {
  switch (actor.kind) {
    case 'user':
      return actor.name ?? actor.id;
    case 'seed':
      return t('actor.seed');
    case 'import':
      return actor.name
        ? t('actor.import', { file: actor.name })
        : t('actor.importRun', { id: actor.id.slice('import:'.length, 'import:'.length + 8) });
    case 'cli':
      return actor.name ? t('actor.cli', { name: actor.name }) : t('actor.cliUnnamed');
    case 'system':
      return actor.id;
  }
}

/** A point in time in the reader's time zone, e.g. "28 Nov 2026, 08:19". */
export function formatTimestamp(iso: string, language: 'en' | 'ru'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
