/**
 * Writes of a project from its form: the row, its child rows (countries, sectors, initiatives,
 * participants, locations) and the sources it cites, with the derived columns the import writer keeps
 * (search text, quality score, a location's admin-1 region and problem).
 */
import { randomUUID } from 'node:crypto';
import type { ProjectValues } from '@srt/shared/project';
import type { Editable, Saved, VersionedId } from '@srt/shared/write';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projectSearchText } from '../derived.ts';
import { placeLocation } from '../import/geo.ts';
import { numberToDecimal } from '../import/rates.ts';
import { refreshProjectQuality } from '../quality.ts';
import {
  locations,
  organizations,
  participants,
  projectCountries,
  projectInitiatives,
  projectSectors,
  projects,
  sources,
} from '../schema.ts';
import {
  checkRefs,
  createRecord,
  fieldError,
  isUniqueViolation,
  orNull,
  type RecordSpec,
  refuseDuplicates,
  setDeleted,
  updateRecord,
} from './common.ts';
import { loadLinks, replaceLinks } from './links.ts';

/** The project as its form shows it; deleted ones too (`deleted: true`). Null: no such project. */
export async function projectForEdit(db: Db, id: string): Promise<Editable<ProjectValues> | null> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row) return null;
  // One query after another: inside a transaction they share one connection.
  const countries = await db
    .select({ country: projectCountries.country, percentage: projectCountries.percentage })
    .from(projectCountries)
    .where(eq(projectCountries.projectId, id))
    .orderBy(asc(projectCountries.country));
  const sectors = await db
    .select({ sector: projectSectors.sector, percentage: projectSectors.percentage })
    .from(projectSectors)
    .where(eq(projectSectors.projectId, id))
    .orderBy(asc(projectSectors.sector));
  const initiatives = await db
    .select({
      initiative: projectInitiatives.initiative,
      basis: projectInitiatives.basis,
      sourceId: projectInitiatives.sourceId,
      note: projectInitiatives.note,
    })
    .from(projectInitiatives)
    .where(eq(projectInitiatives.projectId, id))
    .orderBy(asc(projectInitiatives.initiative));
  const orgs = await db
    .select({ organizationId: participants.organizationId, role: participants.role })
    .from(participants)
    .innerJoin(organizations, eq(organizations.id, participants.organizationId))
    .where(eq(participants.projectId, id))
    .orderBy(asc(participants.role), asc(organizations.name), asc(organizations.id));
  const places = await db
    .select({
      name: locations.name,
      country: locations.country,
      precision: locations.precision,
      lat: locations.lat,
      lon: locations.lon,
      admin1Code: locations.admin1Code,
    })
    .from(locations)
    .where(eq(locations.projectId, id))
    .orderBy(asc(locations.country), asc(locations.name), asc(locations.id));
  const links = await loadLinks(db, { projectId: id });
  return {
    id,
    version: row.version,
    deleted: row.deletedAt !== null,
    values: {
      iatiIdentifier: row.iatiIdentifier,
      title: row.title,
      titleOriginal: row.titleOriginal,
      titleLanguage: row.titleLanguage,
      description: row.description,
      status: row.status as ProjectValues['status'],
      plannedStart: row.plannedStart,
      plannedEnd: row.plannedEnd,
      actualStart: row.actualStart,
      actualEnd: row.actualEnd,
      countries: countries.map((c) => ({ country: c.country, percentage: share(c.percentage) })),
      sectors: sectors.map((s) => ({ sector: s.sector, percentage: share(s.percentage) })),
      initiatives: initiatives as ProjectValues['initiatives'],
      participants: orgs as ProjectValues['participants'],
      locations: places as ProjectValues['locations'],
      sources: links,
    },
  };
}

/** Percentages are shares, not money: the form edits them as numbers. */
const share = (value: string | null) => (value === null ? null : Number(value));

export const projectSpec: RecordSpec<ProjectValues> = {
  entity: 'project',
  table: projects,
  load: projectForEdit,
};

export async function createProject(db: Db, actor: string, values: ProjectValues): Promise<Saved> {
  return createRecord(db, projectSpec, actor, async (tx) => {
    await checkValues(tx, values, null, null);
    const id = randomUUID();
    await writeRow(() =>
      tx.insert(projects).values({ id, ...fieldsOf(values, null), createdBy: actor, updatedBy: actor }),
    );
    await writeChildren(tx, id, values, []);
    await refreshProjectQuality(tx, [id]);
    return id;
  });
}

export async function updateProject(
  db: Db,
  actor: string,
  input: VersionedId & { values: ProjectValues },
): Promise<Saved | null> {
  const { values } = input;
  return updateRecord(db, projectSpec, actor, input, async (tx, before) => {
    await checkValues(tx, values, input.id, before.values);
    // Child rows are replaced only now, after the version-guarded claim: a losing writer touches nothing.
    const [stored] = await tx
      .select({ externalRef: projects.externalRef })
      .from(projects)
      .where(eq(projects.id, input.id));
    const fields = fieldsOf(values, stored?.externalRef ?? null);
    await writeRow(() => tx.update(projects).set(fields).where(eq(projects.id, input.id)));
    const storedPlaces = await tx
      .select({
        name: locations.name,
        country: locations.country,
        precision: locations.precision,
        lat: locations.lat,
        lon: locations.lon,
        raw: locations.raw,
      })
      .from(locations)
      .where(eq(locations.projectId, input.id));
    for (const table of [projectCountries, projectSectors, projectInitiatives, participants, locations]) {
      await tx.delete(table).where(eq(table.projectId, input.id));
    }
    await writeChildren(tx, input.id, values, storedPlaces, before.values.sources);
    await refreshProjectQuality(tx, [input.id]);
  });
}

export const deleteProject = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, projectSpec, actor, input, true);

export const restoreProject = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, projectSpec, actor, input, false);

/** The row's columns from the form; `externalRef` is the stored one (an import's key, not in the form). */
function fieldsOf(values: ProjectValues, externalRef: string | null) {
  const fields = {
    iatiIdentifier: orNull(values.iatiIdentifier),
    title: values.title,
    titleOriginal: orNull(values.titleOriginal),
    titleLanguage: orNull(values.titleLanguage),
    description: orNull(values.description),
    status: orNull(values.status),
    plannedStart: orNull(values.plannedStart),
    plannedEnd: orNull(values.plannedEnd),
    actualStart: orNull(values.actualStart),
    actualEnd: orNull(values.actualEnd),
  };
  // The external ref an import gave the project stays on the row, and in its search text.
  return { ...fields, searchText: projectSearchText({ ...fields, externalRef }) };
}

/** An insert or update of the row, with a taken IATI identifier reported on its field. */
async function writeRow(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error, 'projects_iati_identifier_unique')) {
      throw fieldError('iatiIdentifier', 'Another project has this IATI identifier');
    }
    throw error;
  }
}

/**
 * What the schema cannot check: ids that must name stored records, rows listed twice, and an IATI
 * identifier another project has. `before` (on update) lets references the project already had stay
 * even when their target was deleted since.
 */
async function checkValues(tx: Db, values: ProjectValues, id: string | null, before: ProjectValues | null) {
  refuseDuplicates(values.countries, (c) => c.country, 'countries', '.country', 'Country listed twice');
  refuseDuplicates(values.sectors, (s) => s.sector, 'sectors', '.sector', 'Sector listed twice');
  refuseDuplicates(
    values.initiatives,
    (i) => i.initiative,
    'initiatives',
    '.initiative',
    'Initiative listed twice',
  );
  refuseDuplicates(
    values.participants,
    (p) => `${p.organizationId}:${p.role}`,
    'participants',
    '.organizationId',
    'The organisation is listed twice in this role',
  );
  if (values.iatiIdentifier) {
    const [taken] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.iatiIdentifier, values.iatiIdentifier));
    if (taken && taken.id !== id)
      throw fieldError('iatiIdentifier', 'Another project has this IATI identifier');
  }
  await checkRefs(
    tx,
    organizations,
    'organisation',
    values.participants.map((p, i) => ({ field: `participants.${i}.organizationId`, id: p.organizationId })),
    new Set(before?.participants.map((p) => p.organizationId)),
  );
  await checkRefs(
    tx,
    sources,
    'source',
    values.initiatives.flatMap((init, i) =>
      init.sourceId ? [{ field: `initiatives.${i}.sourceId`, id: init.sourceId }] : [],
    ),
    new Set(before?.initiatives.flatMap((init) => (init.sourceId ? [init.sourceId] : []))),
  );
}

type StoredPlace = {
  name: string;
  country: string;
  precision: string;
  lat: number | null;
  lon: number | null;
  raw: unknown;
};

const placeKey = (p: Omit<StoredPlace, 'raw'>) =>
  JSON.stringify([p.name, p.country, p.precision, p.lat ?? null, p.lon ?? null]);

async function writeChildren(
  tx: Db,
  projectId: string,
  values: ProjectValues,
  storedPlaces: StoredPlace[],
  citedBefore: ProjectValues['sources'] = [],
) {
  if (values.countries.length > 0) {
    await tx.insert(projectCountries).values(
      values.countries.map((c) => ({
        projectId,
        country: c.country,
        percentage: c.percentage == null ? null : numberToDecimal(c.percentage, 2),
      })),
    );
  }
  if (values.sectors.length > 0) {
    await tx.insert(projectSectors).values(
      values.sectors.map((s) => ({
        projectId,
        sector: s.sector,
        percentage: s.percentage == null ? null : numberToDecimal(s.percentage, 2),
      })),
    );
  }
  if (values.initiatives.length > 0) {
    await tx.insert(projectInitiatives).values(
      values.initiatives.map((i) => ({
        projectId,
        initiative: i.initiative,
        basis: i.basis,
        sourceId: orNull(i.sourceId),
        note: orNull(i.note) || null,
      })),
    );
  }
  if (values.participants.length > 0) {
    await tx
      .insert(participants)
      .values(
        values.participants.map((p) => ({ projectId, organizationId: p.organizationId, role: p.role })),
      );
  }
  if (values.locations.length > 0) {
    // What an import kept of a location it could not map stays with the same place.
    const rawByPlace = new Map<string, unknown[]>();
    for (const stored of storedPlaces) {
      if (stored.raw == null) continue;
      const key = placeKey(stored);
      rawByPlace.set(key, [...(rawByPlace.get(key) ?? []), stored.raw]);
    }
    await tx.insert(locations).values(
      values.locations.map((l) => {
        const lat = orNull(l.lat);
        const lon = orNull(l.lon);
        const placed = placeLocation({ ...l, lat, lon, admin1Code: orNull(l.admin1Code) });
        return {
          projectId,
          name: l.name,
          country: l.country,
          precision: l.precision,
          lat,
          lon,
          admin1Code: placed.admin1Code,
          problem: placed.problem,
          raw: rawByPlace.get(placeKey({ ...l, lat, lon }))?.shift() ?? null,
        };
      }),
    );
  }
  await replaceLinks(tx, { projectId }, values.sources, citedBefore);
}
