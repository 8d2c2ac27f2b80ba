/**
 * The sources a project, event or funding row cites (`source_links`, with an optional quote), as its form
 * edits them: read in a stable order, replaced as a whole on save.
 */
import type { SourceRef } from '@srt/shared/write';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sourceLinks, sources } from '../schema.ts';
import { checkRefs, orNull } from './common.ts';

export type LinkTarget = { projectId: string } | { eventId: string } | { fundingId: string };

export const linkOf = (target: LinkTarget): SQL =>
  'projectId' in target
    ? eq(sourceLinks.projectId, target.projectId)
    : 'eventId' in target
      ? eq(sourceLinks.eventId, target.eventId)
      : eq(sourceLinks.fundingId, target.fundingId);

/** The sources a record cites, in the order the detail pages show them (oldest first); deleted ones too. */
export async function loadLinks(
  tx: Db,
  target: LinkTarget,
): Promise<{ sourceId: string; quote: string | null }[]> {
  return tx
    .select({ sourceId: sourceLinks.sourceId, quote: sourceLinks.quote })
    .from(sourceLinks)
    .innerJoin(sources, eq(sources.id, sourceLinks.sourceId))
    .where(linkOf(target))
    .orderBy(sql`${sources.publishedDate} asc nulls last`, asc(sources.id));
}

/**
 * Replaces the record's source links with `refs` (field `sources.<i>.sourceId` when one is unknown).
 * Sources the record already cited may have been deleted since; new ones must be live.
 */
export async function replaceLinks(
  tx: Db,
  target: LinkTarget,
  refs: readonly SourceRef[],
  kept: readonly { sourceId: string }[] = [],
): Promise<void> {
  await checkRefs(
    tx,
    sources,
    'source',
    refs.map((r, i) => ({ field: `sources.${i}.sourceId`, id: r.sourceId })),
    new Set(kept.map((k) => k.sourceId)),
  );
  await tx.delete(sourceLinks).where(linkOf(target));
  if (refs.length === 0) return;
  await tx
    .insert(sourceLinks)
    .values(refs.map((r) => ({ ...target, sourceId: r.sourceId, quote: orNull(r.quote) || null })));
}
