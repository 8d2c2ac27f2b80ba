import type { Database, Db } from '@srt/db/client';
import type { RunImportOptions } from '@srt/db/import/pipeline';
import { runImport } from '@srt/db/import/pipeline';
import { loadExchangeRates } from '@srt/db/import/rates';
import type { ProjectRecord, ReadItem } from '@srt/db/import/types';
import { users } from '@srt/db/schema';
import { loadFoundingRecord } from '@srt/db/seed';
import { FOUNDING_PROJECT_REF } from '@srt/db/seed/founding';
import { createTestDatabase } from '@srt/db/testing';
import type { FieldChange } from '@srt/shared/diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type User } from '../context.ts';
import { appRouter } from '../router.ts';
import { expectBadRequest } from '../test/harness.ts';

let database: Database;
let db: Db;
const ADMIN: User = { id: 'user-ada', email: 'ada@example.org', name: 'Ada Admin', role: 'admin' };
const EDITOR: User = { id: 'user-eve', email: 'eve@example.org', name: 'Eve Editor', role: 'editor' };
const anonymous = () => appRouter.createCaller(createContext({ db, user: null }));
const asAdmin = () => appRouter.createCaller(createContext({ db, user: ADMIN }));

const ID = 'XM-TEST-HISTORY';

/** Plain SQL through the driver (this package does not depend on drizzle-orm). */
async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const { driver } = database;
  const result =
    driver.kind === 'pglite'
      ? await driver.client.query(text, params)
      : await driver.client.query(text, params);
  return result.rows as T[];
}
const one = async <T>(text: string, params: unknown[] = []): Promise<T> => {
  const [row] = await query<T>(text, params);
  if (!row) throw new Error(`no row: ${text}`);
  return row;
};

function activity(over: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    iatiIdentifier: ID,
    title: 'Industrial park in Navoi',
    description: 'Feasibility study',
    status: 2,
    plannedStart: '2020-04-01',
    plannedEnd: '2021-12-31',
    countries: [
      { country: 'UZ', percentage: 60 },
      { country: 'TJ', percentage: 40 },
    ],
    sectors: [{ sector: '32130', percentage: 100 }],
    initiatives: [],
    participants: [
      {
        organization: { name: 'United Nations Industrial Development Organization', iatiRef: 'XM-DAC-41123' },
        role: 4,
      },
    ],
    locations: [{ name: 'Navoi', country: 'UZ', precision: 'near', lat: 40.1, lon: 65.3 }],
    funding: [
      {
        externalRef: `${ID}#1`,
        flow: 'commitment',
        amount: '1000000',
        currency: 'AZN',
        priceBasis: 'nominal',
        valueDate: '2019-05-25',
        funder: { name: 'Government of China', type: 10, country: 'CN' },
      },
    ],
    sources: [{ externalRef: 'test-file:history.xml', title: 'history.xml', kind: 'dataset' }],
    at: { line: 1 },
    ...over,
  };
}

async function importRecord(record: ProjectRecord, actor: string) {
  async function* items(): AsyncIterable<ReadItem> {
    yield { kind: 'record', record };
  }
  const report = await runImport(db, {
    items: items(),
    fileHash: 'test-hash',
    fileName: 'history.xml',
    format: 'iati',
    actor,
  } as RunImportOptions);
  expect(report.status).toBe('succeeded');
}

let projectId: string;
let seedProjectId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.insert(users).values([
    { id: ADMIN.id, name: ADMIN.name, email: ADMIN.email, role: 'admin' },
    { id: EDITOR.id, name: EDITOR.name, email: EDITOR.email, role: 'editor' },
  ]);
  await loadExchangeRates(db, { actor: 'seed' });
  await loadFoundingRecord(db);
  await importRecord(activity(), 'cli:tester');
  // Re-imported with a new title, a moved location, new country shares and a second sector.
  await importRecord(
    activity({
      title: 'Industrial park in Navoi, phase 1',
      countries: [{ country: 'UZ', percentage: 100 }],
      sectors: [
        { sector: '32130', percentage: 50 },
        { sector: '25010', percentage: 50 },
      ],
      locations: [{ name: 'Navoi', country: 'UZ', precision: 'exact', lat: 40.0833, lon: 65.3792 }],
    }),
    'cli:tester',
  );
  projectId = (await one<{ id: string }>('select id from projects where iati_identifier = $1', [ID])).id;
  seedProjectId = (
    await one<{ id: string }>('select id from projects where external_ref = $1', [FOUNDING_PROJECT_REF])
  ).id;
  // An admin corrects a rate: audited with the user's id as the actor.
  await asAdmin().rate.upsert({
    currency: 'AZN',
    year: 2019,
    perUsd: '1.75',
    source: 'Corrected by hand',
    version: 1,
  });
});
afterAll(() => database.close());

const byField = (changes: FieldChange[]) => Object.fromEntries(changes.map((c) => [c.field, c]));

describe('audit.history', () => {
  it('lists every change of a record newest first, with the import actor and a field-by-field diff', async () => {
    const history = await anonymous().audit.history({ entity: 'project', id: projectId });
    expect(history.title).toEqual({ title: 'Industrial park in Navoi, phase 1', deleted: false });
    expect(history.entries.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history.nextCursor).toBeNull();
    const [update, create] = history.entries;
    expect(update?.actor).toEqual({ id: 'cli:tester', kind: 'cli', name: 'tester' });
    expect([update?.versionBefore, update?.versionAfter]).toEqual([1, 2]);
    expect(Date.parse(update?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(create?.at ?? ''));

    const changes = byField(update?.changes ?? []);
    expect(Object.keys(changes)).toEqual(['title', 'countries', 'sectors', 'locations']);
    expect(changes.title).toEqual({
      kind: 'value',
      field: 'title',
      before: 'Industrial park in Navoi',
      after: 'Industrial park in Navoi, phase 1',
    });
    expect(changes.countries).toMatchObject({
      kind: 'list',
      added: [],
      removed: [{ country: 'TJ' }],
      changed: [{ key: 'UZ', fields: [{ field: 'percentage' }] }],
    });
    expect(changes.sectors).toMatchObject({ added: [{ sector: '25010' }], removed: [] });
    expect(changes.locations).toMatchObject({
      added: [],
      removed: [],
      changed: [{ key: 'Navoi · UZ', fields: [{ field: 'lat' }, { field: 'lon' }, { field: 'precision' }] }],
    });

    // The creation shows what was set; the organisation and source it refers to are named.
    const created = byField(create?.changes ?? []);
    expect(created.title).toMatchObject({ before: null, after: 'Industrial park in Navoi' });
    expect(created.participants).toMatchObject({ kind: 'list', added: [{ role: 4 }] });
    const [participant] = (created.participants?.kind === 'list' && created.participants.added) || [];
    const orgId = (participant as { organizationId: string }).organizationId;
    expect(history.names[orgId]).toEqual({
      entity: 'organization',
      title: 'United Nations Industrial Development Organization (UNIDO)',
    });
    const [cited] = (created.sources?.kind === 'list' && created.sources.added) || [];
    expect(history.names[(cited as { sourceId: string }).sourceId]).toEqual({
      entity: 'source',
      title: 'history.xml',
    });
  });

  it('reads the seed’s whole-row snapshots without bookkeeping noise', async () => {
    const history = await anonymous().audit.history({ entity: 'project', id: seedProjectId });
    expect(history.entries).toHaveLength(1);
    const [entry] = history.entries;
    expect(entry?.actor).toEqual({ id: 'seed', kind: 'seed', name: null });
    const fields = entry?.changes.map((c) => c.field) ?? [];
    expect(fields).toContain('title');
    for (const noise of [
      'id',
      'version',
      'searchText',
      'qualityScore',
      'createdAt',
      'createdBy',
      'deletedAt',
    ])
      expect(fields).not.toContain(noise);
  });

  it('names the user who changed a rate, and keys rates as CUR-YEAR', async () => {
    const history = await anonymous().audit.history({ entity: 'rate', id: 'AZN-2019' });
    expect(history.title).toEqual({ title: 'AZN 2019', deleted: false });
    expect(history.entries.map((e) => [e.action, e.actor.kind, e.actor.name])).toEqual([
      ['update', 'user', 'Ada Admin'],
      ['create', 'seed', null],
    ]);
    expect(byField(history.entries[0]?.changes ?? []).perUsd).toMatchObject({ before: '1.7', after: '1.75' });
  });

  it('pages with a cursor, and an unknown record has an empty history', async () => {
    const first = await anonymous().audit.history({ entity: 'project', id: projectId, limit: 1 });
    expect(first.entries.map((e) => e.action)).toEqual(['update']);
    const second = await anonymous().audit.history({
      entity: 'project',
      id: projectId,
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.entries.map((e) => e.action)).toEqual(['create']);
    expect(second.nextCursor).toBeNull();

    const none = await anonymous().audit.history({ entity: 'event', id: projectId });
    expect(none).toMatchObject({ entries: [], title: null, nextCursor: null });
  });
});

describe('audit.changes', () => {
  async function all(input: Parameters<ReturnType<typeof anonymous>['audit']['changes']>[0]) {
    const rows = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof anonymous>['audit']['changes']>> =
        await anonymous().audit.changes({ ...input, cursor });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  it('pages through every entry newest first, without gaps or repeats', async () => {
    const { n } = await one<{ n: number }>('select count(*)::int as n from audit_entries');
    const rows = await all({ limit: 25 });
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.id)).size).toBe(n);
    const order = rows.map((r) => [Date.parse(r.at), Number(r.id)] as const);
    for (let i = 1; i < order.length; i++) {
      const [at, id] = order[i] ?? [0, 0];
      const [prevAt, prevId] = order[i - 1] ?? [0, 0];
      expect(at < prevAt || (at === prevAt && id < prevId)).toBe(true);
    }
  });

  it('gives each change a title and a link, and names the changed fields', async () => {
    const rows = await all({ entity: 'project', limit: 200 });
    const update = rows.find((r) => r.entityId === projectId && r.action === 'update');
    expect(update).toMatchObject({
      entity: 'project',
      title: { title: 'Industrial park in Navoi, phase 1' },
      href: `/projects/${projectId}/history`,
      fields: ['title', 'countries', 'sectors', 'locations'],
      actor: { kind: 'cli', name: 'tester' },
    });
    const fundingRows = await all({ entity: 'funding' });
    expect(fundingRows[0]).toMatchObject({
      title: { title: 'commitment 1000000.00 AZN', funding: { flow: 'commitment', currency: 'AZN' } },
      href: `/funding/${fundingRows[0]?.entityId}/history`,
    });
    const [rate] = await all({ entity: 'rate', actor: ADMIN.id });
    expect(rate).toMatchObject({ title: { title: 'AZN 2019' }, href: '/admin/rates?currency=AZN' });
  });

  it('filters by entity, by actor and by a range of days', async () => {
    const entities = new Set((await all({ entity: 'organization' })).map((r) => r.entity));
    expect([...entities]).toEqual(['organization']);

    const mine = await anonymous().audit.changes({ actor: ADMIN.id });
    expect(mine.rows.map((r) => [r.entity, r.entityId, r.action])).toEqual([['rate', 'AZN-2019', 'update']]);
    expect(mine.actor).toEqual({ id: ADMIN.id, kind: 'user', name: 'Ada Admin' });
    const nobody = await anonymous().audit.changes({ actor: 'nobody' });
    expect(nobody).toMatchObject({ rows: [], actor: { id: 'nobody', kind: 'system', name: null } });

    // Entries dated by the database clock: today (UTC) holds them all, tomorrow none.
    const { today } = await one<{ today: string }>("select (now() at time zone 'UTC')::date::text as today");
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const total = (await all({})).length;
    expect((await all({ from: today, to: today })).length).toBe(total);
    expect((await all({ to: today })).length).toBe(total);
    expect(await all({ from: tomorrow })).toEqual([]);
    expect(await all({ to: '2000-01-01' })).toEqual([]);
  });

  it('refuses a forged cursor and an inverted date range as bad input', async () => {
    await expectBadRequest(anonymous().audit.changes({ cursor: 'abc' }), 'cursor');
    await expectBadRequest(anonymous().audit.changes({ cursor: '999999999' }), 'cursor');
    await expectBadRequest(anonymous().audit.changes({ from: '2024-02-01', to: '2024-01-01' }), 'to');
    await expectBadRequest(anonymous().audit.changes({ limit: 1000 }), 'limit');
  });

  it('is readable by anyone when the data is public, and by signed-in users only when it is not', async () => {
    const closed = appRouter.createCaller(createContext({ db, user: null, publicRead: false }));
    await expect(closed.audit.changes({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(closed.audit.history({ entity: 'project', id: projectId })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const viewer = appRouter.createCaller(
      createContext({ db, user: { ...ADMIN, role: 'viewer' }, publicRead: false }),
    );
    expect((await viewer.audit.changes({ limit: 1 })).rows).toHaveLength(1);
  });

  it('keeps what an audit entry holds: a deleted record still has its title and history', async () => {
    await query('update projects set deleted_at = now() where id = $1', [projectId]);
    const history = await anonymous().audit.history({ entity: 'project', id: projectId });
    expect(history.title).toEqual({ title: 'Industrial park in Navoi, phase 1', deleted: true });
    expect(history.entries).toHaveLength(2);
    await query('update projects set deleted_at = null where id = $1', [projectId]);
  });
});

describe('history of changes made through the forms', () => {
  it('shows an editor’s update field by field with the records it refers to named, and a deletion', async () => {
    const editor = appRouter.createCaller(createContext({ db, user: EDITOR }));
    const decree = await editor.source.create({ title: 'Постановление о железной дороге', kind: 'official' });
    const chexim = await editor.organization.create({
      name: 'Export-Import Bank of China',
      acronym: 'CHEXIM',
    });
    const { id } = await editor.project.create({
      title: 'Railway',
      countries: [{ country: 'UZ' }],
      locations: [{ name: 'Angren', country: 'UZ', precision: 'near', lat: 41.0, lon: 70.1 }],
      sources: [{ sourceId: decree.id }],
    });
    const { values } = await editor.project.forEdit({ id });
    await editor.project.update({
      id,
      version: 1,
      values: {
        ...values,
        title: 'Angren–Pap railway',
        status: 2,
        participants: [{ organizationId: chexim.id, role: 1 }],
        locations: [{ name: 'Angren', country: 'UZ', precision: 'exact', lat: 41.0167, lon: 70.1436 }],
        sources: [{ sourceId: decree.id, quote: 'Article 1' }],
      },
    });
    await editor.project.delete({ id, version: 2 });

    const history = await anonymous().audit.history({ entity: 'project', id });
    expect(history.title).toEqual({ title: 'Angren–Pap railway', deleted: true });
    expect(history.entries.map((e) => [e.action, e.versionBefore, e.versionAfter])).toEqual([
      ['delete', 2, 3],
      ['update', 1, 2],
      ['create', null, 1],
    ]);
    const [deletion, update] = history.entries;
    expect(deletion?.changes).toEqual([]);
    expect(update?.actor).toEqual({ id: EDITOR.id, kind: 'user', name: 'Eve Editor' });
    const changes = byField(update?.changes ?? []);
    expect(Object.keys(changes)).toEqual(['title', 'status', 'participants', 'locations', 'sources']);
    expect(changes.title).toMatchObject({ before: 'Railway', after: 'Angren–Pap railway' });
    expect(changes.participants).toMatchObject({
      added: [{ organizationId: chexim.id, role: 1 }],
      removed: [],
    });
    expect(changes.sources).toMatchObject({
      changed: [{ key: decree.id, fields: [{ field: 'quote', before: null, after: 'Article 1' }] }],
    });
    expect(history.names[chexim.id]).toEqual({
      entity: 'organization',
      title: 'Export-Import Bank of China (CHEXIM)',
    });
    expect(history.names[decree.id]).toEqual({ entity: 'source', title: 'Постановление о железной дороге' });

    const feed = await anonymous().audit.changes({ actor: EDITOR.id });
    expect(feed.rows.map((r) => [r.entity, r.action])).toEqual([
      ['project', 'delete'],
      ['project', 'update'],
      ['project', 'create'],
      ['organization', 'create'],
      ['source', 'create'],
    ]);
    expect(feed.rows[0]?.title).toEqual({ title: 'Angren–Pap railway', deleted: true });
  });
});

describe('an account’s history', () => {
  it('is shown to admins only: it holds the e-mail address', async () => {
    await asAdmin().user.setRole({ userId: EDITOR.id, role: 'viewer' });
    const [change] = (await asAdmin().audit.changes({ entity: 'user' })).rows;
    expect(change).toMatchObject({ entityId: EDITOR.id, action: 'update', title: { title: 'Eve Editor' } });
    expect(change?.fields).toEqual(['role']);
    await expect(anonymous().audit.history({ entity: 'user', id: EDITOR.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const editor = appRouter.createCaller(createContext({ db, user: EDITOR }));
    await expect(editor.audit.history({ entity: 'user', id: EDITOR.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const history = await asAdmin().audit.history({ entity: 'user', id: EDITOR.id });
    expect(history.entries[0]?.changes).toEqual([
      { kind: 'value', field: 'role', before: 'editor', after: 'viewer' },
    ]);
  });
});

describe('account changes in the public feed', () => {
  it('are listed to admins only', async () => {
    await asAdmin().user.setRole({ userId: EDITOR.id, role: 'editor' });
    const editor = appRouter.createCaller(createContext({ db, user: { ...EDITOR, role: 'editor' } }));
    for (const reader of [anonymous(), editor]) {
      expect((await reader.audit.changes({ entity: 'user' })).rows).toEqual([]);
      const feed = await reader.audit.changes({ limit: 200 });
      expect(feed.rows.map((r) => r.entity)).not.toContain('user');
    }
    const feed = await asAdmin().audit.changes({ limit: 200 });
    expect(feed.rows.filter((r) => r.entity === 'user').map((r) => r.entityId)).toContain(EDITOR.id);
  });
});

describe('a funding row’s history', () => {
  it('lists the changes of the exchange rate it is converted with, made after the row was created', async () => {
    const { id } = await one<{ id: string }>('select id from funding where external_ref = $1', [`${ID}#1`]);
    const history = await anonymous().audit.history({ entity: 'funding', id });
    const rateEntries = history.entries.filter((e) => e.rate);
    // The rate was loaded before the import (not listed) and corrected by an admin after it.
    expect(rateEntries).toHaveLength(1);
    expect(rateEntries[0]).toMatchObject({
      action: 'update',
      actor: { kind: 'user', name: 'Ada Admin' },
      rate: { id: 'AZN-2019', currency: 'AZN', year: 2019 },
    });
    expect(byField(rateEntries[0]?.changes ?? []).perUsd).toMatchObject({ before: '1.7', after: '1.75' });
    expect(rateEntries[0]?.changes.map((c) => c.field).sort()).toEqual(['perUsd', 'source']);
    // Newest first, the rate change among the row's own entries.
    const times = history.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(history.entries.some((e) => !e.rate && e.action === 'create')).toBe(true);
    // A rate of another year is not the row's.
    await asAdmin().rate.upsert({
      currency: 'AZN',
      year: 2018,
      perUsd: '1.8',
      source: 'Other year',
      version: 1,
    });
    const again = await anonymous().audit.history({ entity: 'funding', id });
    expect(again.entries.filter((e) => e.rate)).toHaveLength(1);
  });
});
