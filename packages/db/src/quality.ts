import { projectQuality } from '@srt/shared/quality';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { projects } from './schema.ts';

type FactsRow = {
  id: string;
  source_count: number;
  has_status: boolean;
  has_dates: boolean;
  precise_location_count: number;
  dated_funding_count: number;
  has_sector: boolean;
};

/** Gathers what `projectQuality` needs for the given projects, in one query. */
export async function projectQualityFacts(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof toFacts>>();
  const result = await db.execute<FactsRow>(sql`
    select p.id,
      (select count(*)::int from source_links sl where sl.project_id = p.id) as source_count,
      p.status is not null as has_status,
      coalesce(p.actual_start, p.planned_start) is not null as has_dates,
      (select count(*)::int from locations l where l.project_id = p.id and l.precision <> 'country' and l.problem is null) as precise_location_count,
      (select count(*)::int from funding f where f.project_id = p.id and f.deleted_at is null and f.value_date is not null) as dated_funding_count,
      exists (select 1 from project_sectors s where s.project_id = p.id) as has_sector
    from projects p where p.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  return new Map(result.rows.map((row) => [row.id, toFacts(row)]));
}

function toFacts(row: FactsRow) {
  return {
    sourceCount: Number(row.source_count),
    hasStatus: row.has_status,
    hasDates: row.has_dates,
    preciseLocationCount: Number(row.precise_location_count),
    datedFundingCount: Number(row.dated_funding_count),
    hasSector: row.has_sector,
  };
}

/** Recomputes the stored quality score of the given projects; every write path calls it. */
export async function refreshProjectQuality(db: Db, ids: string[]): Promise<void> {
  const facts = await projectQualityFacts(db, ids);
  for (const [id, f] of facts) {
    await db
      .update(projects)
      .set({ qualityScore: projectQuality(f).score })
      .where(inArray(projects.id, [id]));
  }
}
