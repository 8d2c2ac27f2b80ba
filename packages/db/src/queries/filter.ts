import { sectorCategoryOf } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import { likePattern } from '@srt/shared/search';
import { and, eq, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import {
  funding,
  participants,
  projectCountries,
  projectInitiatives,
  projectSectors,
  projects,
} from '../schema.ts';

const FUNDING_ROLE = 1;

/**
 * The SQL condition on `projects` for the shared filter. Every list, summary, map and export uses this
 * one function, so the same URL selects the same projects everywhere. Soft-deleted projects never match.
 */
export function projectFilterWhere(filter: ProjectFilter): SQL {
  const conditions: (SQL | undefined)[] = [isNull(projects.deletedAt)];

  if (filter.countries?.length) {
    conditions.push(
      sql`exists (select 1 from ${projectCountries} where ${projectCountries.projectId} = ${projects.id} and ${inArray(projectCountries.country, filter.countries)})`,
    );
  }

  if (filter.initiatives?.length || filter.initiativeBasis) {
    const inner = and(
      filter.initiatives?.length ? inArray(projectInitiatives.initiative, filter.initiatives) : undefined,
      filter.initiativeBasis ? eq(projectInitiatives.basis, filter.initiativeBasis) : undefined,
    );
    conditions.push(
      sql`exists (select 1 from ${projectInitiatives} where ${projectInitiatives.projectId} = ${projects.id} and ${inner})`,
    );
  }

  if (filter.sectors?.length) {
    // A 3-digit code stands for its category and matches every code inside it.
    const codes = filter.sectors.filter((s) => s.length === 5);
    const categories = [...new Set(filter.sectors.filter((s) => s.length === 3).map(sectorCategoryOf))];
    const match = or(
      codes.length ? inArray(projectSectors.sector, codes) : undefined,
      categories.length ? inArray(sql`left(${projectSectors.sector}, 2) || '0'`, categories) : undefined,
    );
    conditions.push(
      sql`exists (select 1 from ${projectSectors} where ${projectSectors.projectId} = ${projects.id} and ${match})`,
    );
  }

  if (filter.statuses?.length) conditions.push(inArray(projects.status, filter.statuses));

  if (filter.funders?.length) {
    conditions.push(
      or(
        sql`exists (select 1 from ${participants} where ${participants.projectId} = ${projects.id} and ${participants.role} = ${FUNDING_ROLE} and ${inArray(participants.organizationId, filter.funders)})`,
        sql`exists (select 1 from ${funding} where ${funding.projectId} = ${projects.id} and ${funding.deletedAt} is null and ${inArray(funding.funderOrgId, filter.funders)})`,
      ),
    );
  }

  // A project matches a year range when its activity span overlaps it; undated projects never match.
  if (filter.yearFrom !== undefined) {
    conditions.push(sql`coalesce(${projects.endYear}, ${projects.startYear}) >= ${filter.yearFrom}`);
  }
  if (filter.yearTo !== undefined) {
    conditions.push(sql`coalesce(${projects.startYear}, ${projects.endYear}) <= ${filter.yearTo}`);
  }

  if (filter.q) conditions.push(sql`${projects.searchText} like ${likePattern(filter.q)}`);

  if (filter.minQuality !== undefined) conditions.push(gte(projects.qualityScore, filter.minQuality));

  return and(...conditions) ?? sql`true`;
}
