import type { Database, Db } from '@srt/db/client';
import { listProjects, projectById } from '@srt/db/queries/project';
import { statsSummary } from '@srt/db/queries/stats';
import { type ProjectFilter, projectFilterSchema } from '@srt/shared/filter';
import { projectListInputSchema } from '@srt/shared/project';

/** One timed call: the tRPC procedure over HTTP, and the query function it calls, on the same input. */
export type BenchCase = {
  name: string;
  path: string;
  input: unknown;
  direct: (db: Db) => Promise<unknown>;
  /** What the call returned, in a few words (how selective the case is). */
  describe: (result: unknown) => string;
};

export type CaseOptions = { q: string; country: string; sector: string; yearFrom: number; yearTo: number };

/** Defaults that select a realistic share of the synthetic corpus (`pnpm db:synth`). */
export const DEFAULT_CASE_OPTIONS: CaseOptions = {
  q: 'samarqand',
  country: 'TJ',
  sector: '32120',
  yearFrom: 2015,
  yearTo: 2020,
};

type ListResult = Awaited<ReturnType<typeof listProjects>>;
type StatsResult = Awaited<ReturnType<typeof statsSummary>>;
type ProjectResult = Awaited<ReturnType<typeof projectById>>;

function listCase(name: string, filter: ProjectFilter): BenchCase {
  const input = { filter };
  // Parsed once, outside the timing: the direct variant measures the query function alone.
  const params = projectListInputSchema.parse(input);
  return {
    name,
    path: 'project.list',
    input,
    direct: (db) => listProjects(db, params),
    describe: (result) => {
      const r = result as ListResult;
      return `${r.total.toLocaleString('en-US')} matches, ${r.rows.length} on the page`;
    },
  };
}

function statsCase(name: string, filter: ProjectFilter): BenchCase {
  const params = projectFilterSchema.parse(filter);
  return {
    name,
    path: 'stats.summary',
    input: filter,
    direct: (db) => statsSummary(db, params),
    describe: (result) => {
      const r = result as StatsResult;
      return `${r.counts.projects.toLocaleString('en-US')} projects, ${r.counts.fundingRows.toLocaleString('en-US')} funding rows`;
    },
  };
}

/** Plain SQL through the driver itself (the API package does not depend on drizzle-orm directly). */
export async function rawQuery<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  const { driver } = database;
  return driver.kind === 'pglite'
    ? (await driver.client.query<T>(text, params)).rows
    : (await driver.client.query(text, params)).rows;
}

/** A project from the middle of the id order: neither the first nor the last page of anything. */
async function middleProjectId(database: Database): Promise<string> {
  const [counted] = await rawQuery<{ n: number }>(
    database,
    'select count(*)::int as n from projects where deleted_at is null',
  );
  const n = counted?.n ?? 0;
  if (n === 0)
    throw new Error('The database holds no projects: load some first (pnpm db:synth --projects 10000)');
  const [picked] = await rawQuery<{ id: string }>(
    database,
    'select id from projects where deleted_at is null order by id limit 1 offset $1',
    [Math.floor(n / 2)],
  );
  if (!picked) throw new Error('No project found');
  return picked.id;
}

export async function benchCases(
  database: Database,
  options: CaseOptions = DEFAULT_CASE_OPTIONS,
): Promise<BenchCase[]> {
  const id = await middleProjectId(database);
  return [
    listCase('project.list country', { countries: [options.country] }),
    listCase('project.list country+sector+years', {
      countries: [options.country],
      sectors: [options.sector],
      yearFrom: options.yearFrom,
      yearTo: options.yearTo,
    }),
    listCase(`project.list q="${options.q}"`, { q: options.q }),
    {
      name: 'project.byId',
      path: 'project.byId',
      input: { id },
      direct: (db) => projectById(db, id),
      describe: (result) => {
        const r = result as ProjectResult;
        return r ? `${r.funding.length} funding rows, ${r.events.length} events` : 'not found';
      },
    },
    statsCase('stats.summary all', {}),
    statsCase('stats.summary country', { countries: [options.country] }),
  ];
}
