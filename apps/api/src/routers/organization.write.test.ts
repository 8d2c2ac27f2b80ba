import type { Database } from '@srt/db/client';
import { organizationNameKey } from '@srt/db/derived';
import { createTestDatabase } from '@srt/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, callerAs, expectFields, query, USERS } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
let anonymous: ReturnType<typeof callerAs>;

beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
  anonymous = callerAs(database.db, 'anonymous');
});
afterAll(() => database.close());

const nameKeyOf = async (id: string) =>
  (await query<{ name_key: string }>(database, 'select name_key from organizations where id = $1', [id]))[0]
    ?.name_key;

describe('organisation writes', () => {
  let id = '';

  it('creates an organisation with the name key the import matches by', async () => {
    const values = { name: 'Azərenerji', nameLocal: 'Азерэнержи', type: 70 as const, country: 'az' };
    const saved = await editor.organization.create(values);
    id = saved.id;
    expect(await editor.organization.forEdit({ id })).toEqual({
      id,
      version: 1,
      deleted: false,
      values: { ...values, country: 'AZ', acronym: null, iatiRef: null },
    });
    expect(await nameKeyOf(id)).toBe(organizationNameKey('Azərenerji'));
    expect(await nameKeyOf(id)).toBe('azerenerji');
    expect((await anonymous.organization.list({ q: 'azerenerji' })).rows.map((r) => r.id)).toEqual([id]);
  });

  it('refuses an organisation the import would take for an existing one', async () => {
    await expectFields(editor.organization.create({ name: '  AZƏRENERJI ' }), ['name']);
    const { id: unido } = await editor.organization.create({ name: 'UNIDO', iatiRef: 'XM-DAC-41123' });
    await expectFields(editor.organization.create({ name: 'Another name', iatiRef: 'XM-DAC-41123' }), [
      'iatiRef',
    ]);
    // The same name with a different IATI ref is a different organisation.
    await editor.organization.create({ name: 'UNIDO', iatiRef: 'XM-OCHA-1' });
    await expectFields(editor.organization.update({ id, version: 1, values: { name: 'unido' } }), [
      'values.name',
    ]);
    expect((await editor.organization.forEdit({ id: unido })).version).toBe(1);
  });

  it('updates (name key too), deletes and restores, each audited', async () => {
    expect(await editor.organization.update({ id, version: 1, values: { name: 'Azerenergy OJSC' } })).toEqual(
      {
        id,
        version: 2,
      },
    );
    expect(await nameKeyOf(id)).toBe('azerenergy ojsc');
    await editor.organization.delete({ id, version: 2 });
    expect((await anonymous.organization.list({ q: 'azerenergy' })).total).toBe(0);
    expect((await editor.organization.forEdit({ id })).deleted).toBe(true);
    // A deleted organisation no longer blocks its name.
    const { id: again } = await editor.organization.create({ name: 'Azerenergy OJSC' });
    await editor.organization.delete({ id: again, version: 1 });
    await editor.organization.restore({ id, version: 3 });
    const entries = await auditOf(database, id);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['create', USERS.editor.id],
      ['update', USERS.editor.id],
      ['delete', USERS.editor.id],
      ['restore', USERS.editor.id],
    ]);
    expect(entries[1]?.before).toMatchObject({ name: 'Azərenerji', version: 1 });
    expect(entries[1]?.after).toMatchObject({ name: 'Azerenergy OJSC', nameLocal: null, version: 2 });
  });

  it('does not let a new project name a deleted organisation, but keeps one a project already had', async () => {
    const { id: source } = await editor.source.create({ title: 'Source', kind: 'news' });
    const { id: org } = await editor.organization.create({ name: 'Soon deleted' });
    const { id: project } = await editor.project.create({
      title: 'Project',
      participants: [{ organizationId: org, role: 1 }],
      sources: [{ sourceId: source }],
    });
    await editor.organization.delete({ id: org, version: 1 });
    const fields = await expectFields(
      editor.project.create({
        title: 'Another',
        participants: [{ organizationId: org, role: 1 }],
        sources: [{ sourceId: source }],
      }),
      ['participants.0.organizationId'],
    );
    expect(fields['participants.0.organizationId']).toEqual(['The organisation was deleted']);
    const edit = await editor.project.forEdit({ id: project });
    expect(
      await editor.project.update({ id: project, version: 1, values: { ...edit.values, title: 'Renamed' } }),
    ).toEqual({ id: project, version: 2 });
  });
});
