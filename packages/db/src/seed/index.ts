import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countryName } from '@srt/shared/codes';
import { normalizeSearchText, searchTextOf } from '@srt/shared/search';
import { count, eq, isNull } from 'drizzle-orm';
import { writeAudit } from '../audit.ts';
import type { Database, Db } from '../client.ts';
import { planImport, runJob } from '../import/pipeline.ts';
import { loadExchangeRates } from '../import/rates.ts';
import type { ImportFormat } from '../import/types.ts';
import { refreshProjectQuality } from '../quality.ts';
import {
  eventOrganizations,
  eventProjects,
  events,
  locations,
  organizations,
  participants,
  projectCountries,
  projectInitiatives,
  projectSectors,
  projects,
  sourceLinks,
  sources,
} from '../schema.ts';
import {
  FOUNDING_SOURCE_REF,
  foundingEvents,
  foundingOrganizations,
  foundingProject,
  foundingSource,
} from './founding.ts';

const ACTOR = 'seed';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(projects).where(isNull(projects.deletedAt));
  return (row?.n ?? 0) === 0;
}

/** Loads the founding record in one transaction; does nothing when it is already there. */
export async function loadFoundingRecord(db: Db): Promise<{ loaded: boolean }> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: sources.id })
      .from(sources)
      .where(eq(sources.externalRef, FOUNDING_SOURCE_REF));
    if (existing.length > 0) return { loaded: false };

    const created = async <T extends { id: string }>(entity: string, row: T) => {
      await writeAudit(tx, { actor: ACTOR, entity, entityId: row.id, action: 'create', after: row });
      return row;
    };

    const [source] = await tx
      .insert(sources)
      .values({ ...foundingSource, createdBy: ACTOR, updatedBy: ACTOR })
      .returning();
    if (!source) throw new Error('source insert returned nothing');
    await created('source', source);

    const orgIds = new Map<string, string>();
    for (const { key, ...org } of foundingOrganizations) {
      const [row] = await tx
        .insert(organizations)
        .values({ ...org, nameKey: normalizeSearchText(org.name), createdBy: ACTOR, updatedBy: ACTOR })
        .returning();
      if (!row) throw new Error(`organization ${key} insert returned nothing`);
      orgIds.set(key, (await created('organization', row)).id);
    }
    const orgId = (key: string) => {
      const id = orgIds.get(key);
      if (!id) throw new Error(`unknown organization key ${key}`);
      return id;
    };

    const p = foundingProject;
    const [project] = await tx
      .insert(projects)
      .values({
        externalRef: p.externalRef,
        title: p.title,
        titleOriginal: p.titleOriginal,
        titleLanguage: p.titleLanguage,
        description: p.description,
        searchText: searchTextOf(p.title, p.titleOriginal, p.description),
        createdBy: ACTOR,
        updatedBy: ACTOR,
      })
      .returning();
    if (!project) throw new Error('project insert returned nothing');
    await created('project', project);

    await tx
      .insert(projectCountries)
      .values(p.countries.map((country) => ({ projectId: project.id, country })));
    await tx.insert(projectSectors).values(p.sectors.map((sector) => ({ projectId: project.id, sector })));
    await tx.insert(projectInitiatives).values(
      p.initiatives.map((i) => ({
        projectId: project.id,
        initiative: i.initiative,
        basis: 'official',
        sourceId: source.id,
        note: i.note,
      })),
    );
    await tx
      .insert(participants)
      .values(
        p.participants.map((pt) => ({ projectId: project.id, organizationId: orgId(pt.key), role: pt.role })),
      );
    // The source names the four countries only: country-level locations, listed and never pinned.
    await tx.insert(locations).values(
      p.countries.map((country) => ({
        projectId: project.id,
        name: countryName(country, 'en'),
        precision: 'country',
        country,
      })),
    );
    await tx.insert(sourceLinks).values({ sourceId: source.id, projectId: project.id });

    for (const { key, organizations: eventOrgs, linkedToProject, ...event } of foundingEvents) {
      const [row] = await tx
        .insert(events)
        .values({
          ...event,
          externalRef: `seed:event:${key}`,
          searchText: searchTextOf(event.title, event.placeName, event.description),
          createdBy: ACTOR,
          updatedBy: ACTOR,
        })
        .returning();
      if (!row) throw new Error(`event ${key} insert returned nothing`);
      await created('event', row);
      await tx
        .insert(eventOrganizations)
        .values(eventOrgs.map((o) => ({ eventId: row.id, organizationId: orgId(o.key), role: o.role })));
      await tx.insert(sourceLinks).values({ sourceId: source.id, eventId: row.id });
      if (linkedToProject) await tx.insert(eventProjects).values({ eventId: row.id, projectId: project.id });
    }

    await refreshProjectQuality(tx, [project.id]);
    return { loaded: true };
  });
}

/** The real data files shipped in the repo (see packages/db/data/README.md). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** What the demo data imports, in order: every IATI file, then the AidData GCDF set. */
export const DEMO_IMPORTS: readonly { path: string; format: ImportFormat }[] = [
  { path: join(DATA_DIR, 'iati'), format: 'iati' },
  { path: DATA_DIR, format: 'aiddata' },
];

/**
 * The demo data set: the founding record, the exchange rates, then the real data files shipped in the
 * repo, each through the import pipeline as actor `seed` (one import run per file). Safe to run again:
 * what is already there is left alone, and the runs report it unchanged.
 */
export async function loadDemoData(
  database: Database,
  options: { log?: (message: string) => void } = {},
): Promise<void> {
  const log = options.log ?? (() => {});
  const founding = await loadFoundingRecord(database.db);
  log(
    founding.loaded
      ? 'Loaded the founding record (UNIDO news of 21 April 2018)'
      : 'Founding record already present',
  );
  const rates = await loadExchangeRates(database.db, { actor: ACTOR });
  log(
    `Exchange rates: ${rates.inserted} new, ${rates.updated} updated, ${rates.unchanged} unchanged` +
      (rates.fundingUpdated > 0 ? `; USD values of ${rates.fundingUpdated} funding rows re-computed` : ''),
  );
  for (const { path, format } of DEMO_IMPORTS) {
    for (const job of await planImport(path, format)) {
      const report = await runJob(database.db, job, { actor: ACTOR });
      const { counts } = report;
      log(
        report.status === 'failed'
          ? `${job.fileName}: import failed, nothing written: ${report.fatal?.message ?? 'unknown error'}`
          : `${job.fileName}: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected`,
      );
    }
  }
}
