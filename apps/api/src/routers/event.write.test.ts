import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import type { EventValuesInput } from '@srt/shared/event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, callerAs, expectFields, query, USERS } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
let anonymous: ReturnType<typeof callerAs>;
const ids = { news: '', ccpit: '', unido: '', project: '', other: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
  anonymous = callerAs(database.db, 'anonymous');
  ids.news = (
    await editor.source.create({ title: 'UNIDO news, 21 April 2018', kind: 'news', language: 'th' })
  ).id;
  ids.ccpit = (
    await editor.organization.create({ name: 'China Council for the Promotion of International Trade' })
  ).id;
  ids.unido = (await editor.organization.create({ name: 'UNIDO' })).id;
  ids.project = (
    await editor.project.create({ title: 'New Silk Road corridors', sources: [{ sourceId: ids.news }] })
  ).id;
  ids.other = (await editor.project.create({ title: 'ITPO Shanghai', sources: [{ sourceId: ids.news }] })).id;
});
afterAll(() => database.close());

const forum = (): EventValuesInput => ({
  type: 'forum',
  title: 'Belt and Road forum on UNIDO’s anniversary',
  titleOriginal: 'ฟอรั่มหนึ่งแถบหนึ่งเส้นทาง',
  titleLanguage: 'th',
  date: '2018-04-20',
  datePrecision: 'day',
  placeName: 'Shanghai',
  country: 'CN',
  lat: 31.23,
  lon: 121.47,
  description: 'Held with CCPIT and the Shanghai Commerce Commission.',
  projectIds: [ids.project],
  organizationIds: [ids.ccpit, ids.unido],
  sources: [{ sourceId: ids.news, quote: 'the Belt and Road forum' }],
});

describe('event writes', () => {
  let id = '';

  it('creates an event with its projects, organisations and sources; forEdit gives them back', async () => {
    const saved = await editor.event.create(forum());
    expect(saved).toEqual({ id: expect.any(String), version: 1 });
    id = saved.id;
    const edit = await editor.event.forEdit({ id });
    expect(edit).toMatchObject({ id, version: 1, deleted: false });
    expect(edit.values).toEqual({ ...forum(), organizationIds: [ids.ccpit, ids.unido].sort() });
    const detail = await anonymous.event.byId({ id });
    expect(detail.projects.map((p) => p.id)).toEqual([ids.project]);
    expect(detail.sources).toMatchObject([{ id: ids.news, quote: 'the Belt and Road forum' }]);
    expect(detail.createdBy).toBe(USERS.editor.id);
  });

  it('keeps the search text the list searches, in every script', async () => {
    const found = async (q: string) => (await anonymous.event.list({ q })).rows.map((r) => r.id);
    expect(await found('anniversary')).toEqual([id]);
    expect(await found('shanghai commerce')).toEqual([id]);
    expect(await found('หนึ่งแถบ')).toEqual([id]);
  });

  it('updates the links (an organisation role set before stays) and audits before and after', async () => {
    await query(
      database,
      "update event_organizations set role = 'host' where event_id = $1 and organization_id = $2",
      [id, ids.ccpit],
    );
    const before = await editor.event.forEdit({ id });
    const values = {
      ...before.values,
      title: 'Belt and Road forum',
      projectIds: [ids.other],
      organizationIds: [ids.ccpit],
    };
    expect(await editor.event.update({ id, version: 1, values })).toEqual({ id, version: 2 });
    const detail = await anonymous.event.byId({ id });
    expect(detail.projects.map((p) => p.id)).toEqual([ids.other]);
    expect(detail.organizations).toMatchObject([{ id: ids.ccpit, role: 'host' }]);
    expect((await anonymous.event.list({ q: 'anniversary' })).total).toBe(0);
    const entries = await auditOf(database, id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]?.before).toMatchObject({ title: forum().title, projectIds: [ids.project], version: 1 });
    expect(entries[1]?.after).toMatchObject({
      title: 'Belt and Road forum',
      projectIds: [ids.other],
      version: 2,
    });
  });

  it('soft-deletes and restores; a deleted event is in no read', async () => {
    await editor.event.delete({ id, version: 2 });
    await expect(anonymous.event.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await anonymous.event.list({})).rows.map((r) => r.id)).not.toContain(id);
    expect((await editor.event.forEdit({ id })).deleted).toBe(true);
    await editor.event.restore({ id, version: 3 });
    expect((await anonymous.event.byId({ id })).version).toBe(4);
  });

  it('does not show a deleted project among an event’s projects', async () => {
    const { id: project } = await editor.project.create({ title: 'Gone', sources: [{ sourceId: ids.news }] });
    const edit = await editor.event.forEdit({ id });
    await editor.event.update({
      id,
      version: edit.version,
      values: { ...edit.values, projectIds: [ids.other, project] },
    });
    expect((await anonymous.event.byId({ id })).projects).toHaveLength(2);
    await editor.project.delete({ id: project, version: 1 });
    expect((await anonymous.event.byId({ id })).projects.map((p) => p.id)).toEqual([ids.other]);
    expect((await anonymous.event.list({})).rows.find((r) => r.id === id)?.projectCount).toBe(1);
  });

  it('refuses unknown projects and organisations, and ids listed twice, on their fields', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectFields(editor.event.create({ ...forum(), projectIds: [ids.project, missing] }), [
      'projectIds.1',
    ]);
    await expectFields(editor.event.create({ ...forum(), organizationIds: [missing] }), [
      'organizationIds.0',
    ]);
    await expectFields(editor.event.create({ ...forum(), projectIds: [ids.project, ids.project] }), [
      'projectIds.1',
    ]);
  });
});
