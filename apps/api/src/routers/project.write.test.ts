import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import type { ProjectValuesInput } from '@srt/shared/project';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, callerAs, expectFields, failureOf, query, shapeOf, USERS } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
let admin: ReturnType<typeof callerAs>;
let anonymous: ReturnType<typeof callerAs>;
const ids = { news: '', decree: '', unido: '', chexim: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
  admin = callerAs(database.db, 'admin');
  anonymous = callerAs(database.db, 'anonymous');
  ids.news = (
    await editor.source.create({
      title: 'UNIDO Director General strengthens partnership with the Belt and Road Initiative',
      url: 'https://www.unido.org/news/example',
      publisher: 'UNIDO',
      publishedDate: '2018-04-21',
      language: 'th',
      kind: 'news',
    })
  ).id;
  ids.decree = (await editor.source.create({ title: 'Постановление', kind: 'official', language: 'ru' })).id;
  ids.unido = (
    await editor.organization.create({
      name: 'United Nations Industrial Development Organization',
      acronym: 'UNIDO',
      type: 40,
      iatiRef: 'XM-DAC-41123',
    })
  ).id;
  ids.chexim = (await editor.organization.create({ name: 'Export-Import Bank of China', country: 'CN' })).id;
});
afterAll(() => database.close());

const corridor = (): ProjectValuesInput => ({
  title: 'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt',
  titleOriginal: 'การส่งเสริมการพัฒนาอุตสาหกรรม',
  titleLanguage: 'th',
  iatiIdentifier: 'XM-DAC-41123-TEST-1',
  description: 'Industrial corridors and industrial parks in four countries.',
  status: 2,
  plannedStart: '2018-04-20',
  plannedEnd: '2021-12-31',
  countries: [
    { country: 'UZ', percentage: 60 },
    { country: 'TJ', percentage: 40 },
  ],
  sectors: [{ sector: '32130' }],
  initiatives: [{ initiative: 'bri', basis: 'official', sourceId: ids.news, note: 'Named in the news' }],
  participants: [
    { organizationId: ids.unido, role: 4 },
    { organizationId: ids.chexim, role: 1 },
  ],
  locations: [
    { name: 'Tashkent', country: 'UZ', precision: 'exact', lat: 41.3111, lon: 69.2797 },
    { name: 'Tajikistan', country: 'TJ', precision: 'country' },
  ],
  sources: [{ sourceId: ids.news, quote: 'China-funded UNIDO regional project' }],
});

describe('project writes', () => {
  let id = '';

  it('creates a project with its child rows and sources; forEdit gives back what the form sent', async () => {
    const saved = await editor.project.create(corridor());
    expect(saved).toEqual({ id: expect.any(String), version: 1 });
    id = saved.id;

    const edit = await editor.project.forEdit({ id });
    const { locations: places, ...rest } = edit.values;
    const { locations: sentPlaces, ...sent } = corridor();
    expect(edit).toMatchObject({ id, version: 1, deleted: false });
    expect(rest).toEqual({
      ...sent,
      countries: [
        { country: 'TJ', percentage: 40 },
        { country: 'UZ', percentage: 60 },
      ],
      sectors: [{ sector: '32130', percentage: null }],
      participants: [
        { organizationId: ids.chexim, role: 1 },
        { organizationId: ids.unido, role: 4 },
      ],
      actualStart: null,
      actualEnd: null,
    });
    // The admin-1 region is derived from the point (as the import does); a country-level place has none.
    expect(places).toEqual([
      { name: 'Tajikistan', country: 'TJ', precision: 'country', lat: null, lon: null, admin1Code: null },
      { ...sentPlaces?.[0], admin1Code: expect.stringMatching(/^UZ\./) },
    ]);

    const detail = await anonymous.project.byId({ id });
    expect(detail.sources).toMatchObject([{ id: ids.news, quote: 'China-funded UNIDO regional project' }]);
    expect(detail.participants.map((p) => p.organizationId).sort()).toEqual([ids.chexim, ids.unido].sort());
    expect(detail.createdBy).toBe(USERS.editor.id);
    expect(detail.updatedBy).toBe(USERS.editor.id);
  });

  it('keeps the derived columns as the import does: search text and quality score', async () => {
    const [row] = await query<{ search_text: string; quality_score: number }>(
      database,
      'select search_text, quality_score from projects where id = $1',
      [id],
    );
    expect(row?.search_text).toContain('new silk road');
    expect(row?.search_text).toContain('xm-dac-41123-test-1');
    const detail = await anonymous.project.byId({ id });
    expect(row?.quality_score).toBe(detail.quality.score);
    expect(row?.quality_score).toBeGreaterThan(0);
    const found = await anonymous.project.list({ filter: { q: 'silk road economic' } });
    expect(found.rows.map((r) => r.id)).toEqual([id]);
  });

  it('audits the create with the form values and version', async () => {
    const [entry, ...more] = await auditOf(database, id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: USERS.editor.id,
      entity: 'project',
      action: 'create',
      before: null,
    });
    const edit = await editor.project.forEdit({ id });
    expect(entry?.after).toEqual(JSON.parse(JSON.stringify({ ...edit.values, version: 1, deleted: false })));
  });

  it('updates from the version it was read at, replacing child rows; the audit has before and after', async () => {
    const before = await editor.project.forEdit({ id });
    const values = {
      ...before.values,
      title: 'Industrial corridors of the New Silk Road Economic Belt',
      sectors: [
        { sector: '32130', percentage: 70 },
        { sector: '25010', percentage: 30 },
      ],
      participants: [{ organizationId: ids.unido, role: 4 as const }],
      sources: [...before.values.sources, { sourceId: ids.decree }],
    };
    const saved = await admin.project.update({ id, version: 1, values });
    expect(saved).toEqual({ id, version: 2 });

    const after = await editor.project.forEdit({ id });
    expect(after.version).toBe(2);
    expect(after.values.title).toBe(values.title);
    expect(after.values.sectors).toEqual([
      { sector: '25010', percentage: 30 },
      { sector: '32130', percentage: 70 },
    ]);
    expect(after.values.participants).toEqual([{ organizationId: ids.unido, role: 4 }]);
    expect(after.values.sources.map((s) => s.sourceId).sort()).toEqual([ids.news, ids.decree].sort());

    const entries = await auditOf(database, id);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ actor: USERS.admin.id, action: 'update' });
    expect(entries[1]?.before).toEqual(
      JSON.parse(JSON.stringify({ ...before.values, version: 1, deleted: false })),
    );
    expect(entries[1]?.after).toEqual(
      JSON.parse(JSON.stringify({ ...after.values, version: 2, deleted: false })),
    );
    const detail = await anonymous.project.byId({ id });
    expect(detail.updatedBy).toBe(USERS.admin.id);
    expect(detail.createdBy).toBe(USERS.editor.id);
  });

  it('refuses a stale version with CONFLICT and the record as it is now', async () => {
    const current = await editor.project.forEdit({ id });
    const error = await failureOf(
      editor.project.update({ id, version: 1, values: { ...corridor(), title: 'Lost update' } }),
    );
    const shape = shapeOf(error);
    expect(shape.data.code).toBe('CONFLICT');
    expect(shape.data.current).toEqual(current);
    expect((await editor.project.forEdit({ id })).values.title).not.toBe('Lost update');
  });

  it('soft-deletes: gone from reads, still editable through forEdit; restore brings it back', async () => {
    const deleted = await editor.project.delete({ id, version: 2 });
    expect(deleted).toEqual({ id, version: 3 });
    await expect(anonymous.project.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await anonymous.project.list({ filter: { q: 'silk road economic' } })).total).toBe(0);
    const edit = await editor.project.forEdit({ id });
    expect(edit).toMatchObject({ version: 3, deleted: true });

    // A deleted project is not edited or deleted again; it is restored first.
    const stale = shapeOf(await failureOf(editor.project.delete({ id, version: 3 })));
    expect(stale.data.code).toBe('CONFLICT');
    expect(stale.data.current).toMatchObject({ id, deleted: true });

    expect(await editor.project.restore({ id, version: 3 })).toEqual({ id, version: 4 });
    expect((await anonymous.project.byId({ id })).version).toBe(4);

    const entries = await auditOf(database, id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(entries[2]?.before).toMatchObject({ version: 2, deleted: false });
    expect(entries[2]?.after).toMatchObject({ version: 3, deleted: true });
    expect(entries[3]?.before).toMatchObject({ version: 3, deleted: true });
    expect(entries[3]?.after).toMatchObject({ version: 4, deleted: false });
  });

  it('answers NOT_FOUND for a project that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(editor.project.forEdit({ id: missing })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      editor.project.update({ id: missing, version: 1, values: corridor() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.project.delete({ id: missing, version: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses unknown references and rows listed twice with the field that holds them', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    const base = corridor();
    await expectFields(
      editor.project.create({
        ...base,
        iatiIdentifier: null,
        participants: [{ organizationId: missing, role: 1 }],
      }),
      ['participants.0.organizationId'],
    );
    await expectFields(
      editor.project.create({ ...base, iatiIdentifier: null, sources: [{ sourceId: missing }] }),
      ['sources.0.sourceId'],
    );
    await expectFields(
      editor.project.create({
        ...base,
        iatiIdentifier: null,
        initiatives: [{ initiative: 'unido', basis: 'assessed', sourceId: missing }],
      }),
      ['initiatives.0.sourceId'],
    );
    await expectFields(
      editor.project.create({
        ...base,
        iatiIdentifier: null,
        participants: [
          { organizationId: ids.unido, role: 4 },
          { organizationId: ids.unido, role: 4 },
        ],
      }),
      ['participants.1.organizationId'],
    );
    await expectFields(editor.project.create(base), ['iatiIdentifier']);
    await expectFields(
      editor.project.update({ id, version: 4, values: { ...base, iatiIdentifier: 'x', sources: [] } }),
      ['values.sources'],
    );
  });

  it('keeps what an import stored with a location when the form saves the same place again', async () => {
    await query(
      database,
      `update locations set raw = '{"location-id": "UZ-TAS-1"}' where project_id = $1 and name = 'Tashkent'`,
      [id],
    );
    const edit = await editor.project.forEdit({ id });
    await editor.project.update({ id, version: edit.version, values: { ...edit.values, title: 'Renamed' } });
    const raws = await query(
      database,
      'select name, raw from locations where project_id = $1 order by name',
      [id],
    );
    expect(raws).toEqual([
      { name: 'Tajikistan', raw: null },
      { name: 'Tashkent', raw: { 'location-id': 'UZ-TAS-1' } },
    ]);
  });
});
