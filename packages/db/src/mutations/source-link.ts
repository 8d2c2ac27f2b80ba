/**
 * `source.link` / `source.unlink`: cite one more source on a project, event or funding row (or change
 * the quote of one it cites), or stop citing one. The record's version goes up and the change is audited
 * on it like any other edit of its form, so a form opened before the change gets CONFLICT instead of
 * silently dropping (or restoring) the link when it is saved.
 */
import type { SourceLinkInput, SourceUnlinkInput } from '@srt/shared/source';
import type { Editable, Saved, SourceRef } from '@srt/shared/write';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../audit.ts';
import type { Db } from '../client.ts';
import { refreshProjectQuality } from '../quality.ts';
import { events, funding, projects, sourceLinks, sources } from '../schema.ts';
import { auditSnapshot, checkRefs, claim, fieldError } from './common.ts';
import { eventForEdit } from './event.ts';
import { fundingForEdit } from './funding.ts';
import { type LinkTarget, linkOf, loadLinks } from './links.ts';
import { projectForEdit } from './project.ts';

type Cited = Editable<{ sources: SourceRef[] }>;

const TARGETS = {
  project: { table: projects, load: projectForEdit, key: 'projectId' },
  event: { table: events, load: eventForEdit, key: 'eventId' },
  funding: { table: funding, load: fundingForEdit, key: 'fundingId' },
} as const;

/** Thrown inside the transaction to roll back a change that changes nothing. */
class Unchanged {
  constructor(readonly saved: Saved) {}
}

export const linkSource = (db: Db, actor: string, input: SourceLinkInput) => changeLink(db, actor, input);

export const unlinkSource = (db: Db, actor: string, input: SourceUnlinkInput) =>
  changeLink(db, actor, { ...input, unlink: true });

async function changeLink(
  db: Db,
  actor: string,
  input: (SourceLinkInput & { unlink?: never }) | (SourceUnlinkInput & { unlink: true }),
): Promise<Saved> {
  const { entity, id } = input.target;
  const { table, load, key } = TARGETS[entity];
  const target = { [key]: id } as LinkTarget;
  const noSuchTarget = () => fieldError('target.id', `No such ${entity}`);
  try {
    return await db.transaction(async (tx) => {
      // Claimed first: a concurrent save of the record's form waits for this change, then sees the new version.
      const version = await claim(tx, table, { id }, { actor, state: 'live' });
      if (version === null) throw noSuchTarget();
      const stored = (await load(tx, id)) as Cited | null;
      if (!stored) throw noSuchTarget();
      const before = { ...stored, version: version - 1 };
      const cited = await loadLinks(tx, target);
      const existing = cited.find((l) => l.sourceId === input.sourceId);
      const where = and(linkOf(target), eq(sourceLinks.sourceId, input.sourceId));

      if (input.unlink) {
        if (!existing) throw fieldError('sourceId', 'The record does not cite this source');
        if (cited.length === 1) {
          throw fieldError('sourceId', 'Cite at least one source');
        }
        await tx.delete(sourceLinks).where(where);
      } else {
        const quote = input.quote || null;
        if (existing?.quote === quote) throw new Unchanged({ id, version: before.version });
        const kept = new Set(existing ? [input.sourceId] : []);
        await checkRefs(tx, sources, 'source', [{ field: 'sourceId', id: input.sourceId }], kept);
        if (existing) await tx.update(sourceLinks).set({ quote }).where(where);
        else await tx.insert(sourceLinks).values({ ...target, sourceId: input.sourceId, quote });
      }
      if (entity === 'project') await refreshProjectQuality(tx, [id]);

      const after = (await load(tx, id)) as Cited | null;
      if (!after) throw noSuchTarget();
      await writeAudit(tx, {
        actor,
        entity,
        entityId: id,
        action: 'update',
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return { id, version };
    });
  } catch (error) {
    if (error instanceof Unchanged) return error.saved;
    throw error;
  }
}
