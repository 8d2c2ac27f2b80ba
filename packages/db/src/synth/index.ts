import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Database } from '../client.ts';
import {
  createContext,
  generateOrganizations,
  generateProject,
  generateSource,
  SYNTHETIC_ACTOR,
  SYNTHETIC_SOURCE_REF,
} from './generate.ts';
import { type Batch, type CopyRows, newBatch, TABLE_ORDER, TABLES, type TableKey } from './rows.ts';

export { SYNTHETIC_ACTOR, SYNTHETIC_SOURCE_REF } from './generate.ts';

export type SynthOptions = {
  projects: number;
  seed?: number;
  /** Remove a corpus that is already there first (otherwise its presence is an error). */
  replace?: boolean;
  /** Projects generated and copied per round; memory grows with it. */
  batchSize?: number;
  log?: (message: string) => void;
};

export type SynthResult = { rows: Record<TableKey, number>; seconds: number; removed: boolean };

/** The few statements the loader needs, the same on PostgreSQL and PGlite. */
type Writer = {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  copy(rows: CopyRows): Promise<void>;
  release(): void;
};

async function postgresWriter(pool: pg.Pool): Promise<Writer> {
  const client = await pool.connect();
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    copy: async (rows) => {
      if (rows.count === 0) return;
      await pipeline(Readable.from([rows.text()]), client.query(copyStreams.from(rows.copySql('STDIN'))));
    },
    release: () => client.release(),
  };
}

function pgliteWriter(client: PGlite): Writer {
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows,
    copy: async (rows) => {
      if (rows.count === 0) return;
      await client.query(rows.copySql("'/dev/blob'"), [], { blob: new Blob([rows.text()]) });
    },
    release: () => {},
  };
}

async function openWriter(database: Database): Promise<Writer> {
  return database.driver.kind === 'postgres'
    ? postgresWriter(database.driver.client)
    : pgliteWriter(database.driver.client);
}

async function findSource(writer: Writer): Promise<string | undefined> {
  const rows = await writer.query<{ id: string }>('select id from sources where external_ref = $1', [
    SYNTHETIC_SOURCE_REF,
  ]);
  return rows[0]?.id;
}

/**
 * Deletes everything the synthetic source cites, then the source and the corpus's organisations.
 * Funding links go first, so deleting a million funding rows does not cascade into them one by one.
 */
async function removeWith(writer: Writer, sourceId: string): Promise<void> {
  await writer.query('delete from source_links where source_id = $1 and funding_id is not null', [sourceId]);
  await writer.query(
    'delete from projects where id in (select project_id from source_links where source_id = $1 and project_id is not null)',
    [sourceId],
  );
  await writer.query(
    'delete from events where id in (select event_id from source_links where source_id = $1 and event_id is not null)',
    [sourceId],
  );
  await writer.query(
    `delete from organizations o where o.created_by = $1
       and not exists (select 1 from participants p where p.organization_id = o.id)
       and not exists (select 1 from funding f where f.funder_org_id = o.id or f.recipient_org_id = o.id)
       and not exists (select 1 from event_organizations e where e.organization_id = o.id)`,
    [SYNTHETIC_ACTOR],
  );
  await writer.query('delete from sources where id = $1', [sourceId]);
}

/** Removes a synthetic corpus; false when there was none. */
export async function removeSyntheticCorpus(database: Database): Promise<boolean> {
  const writer = await openWriter(database);
  try {
    await writer.query('begin');
    const sourceId = await findSource(writer);
    if (sourceId) await removeWith(writer, sourceId);
    await writer.query('commit');
    if (sourceId) await analyze(writer);
    return sourceId !== undefined;
  } catch (error) {
    await writer.query('rollback').catch(() => {});
    throw error;
  } finally {
    writer.release();
  }
}

async function analyze(writer: Writer): Promise<void> {
  // PGlite has no autovacuum: without this the planner guesses and index-only scans see no visibility map.
  for (const key of TABLE_ORDER) await writer.query(`vacuum (analyze) ${TABLES[key].table}`);
}

const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * Writes a synthetic corpus of `projects` projects into the database in one transaction: the same seed
 * gives the same records (ids included). Every record cites the one source with `external_ref`
 * 'synthetic', which is how `replace` and `removeSyntheticCorpus` find it.
 */
export async function synthesize(database: Database, options: SynthOptions): Promise<SynthResult> {
  const seed = options.seed ?? 42;
  const batchSize = options.batchSize ?? 5000;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const rows = Object.fromEntries(TABLE_ORDER.map((key) => [key, 0])) as Record<TableKey, number>;
  const copyBatch = async (writer: Writer, batch: Batch) => {
    for (const key of TABLE_ORDER) {
      await writer.copy(batch[key]);
      rows[key] += batch[key].count;
    }
  };

  const writer = await openWriter(database);
  let removed = false;
  try {
    await writer.query('begin');
    const existing = await findSource(writer);
    if (existing && !options.replace) {
      throw new Error('A synthetic corpus is already loaded: pass --replace to load a new one in its place');
    }
    if (existing) {
      log('Removing the previous synthetic corpus…');
      await removeWith(writer, existing);
      removed = true;
      log(`  removed in ${elapsed().toFixed(1)} s`);
    }

    const head = newBatch();
    const sourceId = generateSource(seed, head);
    const orgs = generateOrganizations(seed, head);
    await copyBatch(writer, head);
    const context = createContext(seed, sourceId, orgs);

    for (let from = 0; from < options.projects; from += batchSize) {
      const to = Math.min(options.projects, from + batchSize);
      const batch = newBatch();
      for (let index = from; index < to; index++) generateProject(context, index, batch);
      await copyBatch(writer, batch);
      const total = Object.values(rows).reduce((a, b) => a + b, 0);
      log(
        `  ${formatCount(to)} / ${formatCount(options.projects)} projects · ${formatCount(total)} rows · ${elapsed().toFixed(1)} s`,
      );
    }
    await writer.query('commit');
  } catch (error) {
    await writer.query('rollback').catch(() => {});
    writer.release();
    throw error;
  }
  try {
    log(`Committed at ${elapsed().toFixed(1)} s; vacuum and analyze…`);
    await analyze(writer);
  } finally {
    writer.release();
  }
  return { rows, seconds: elapsed(), removed };
}
