import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, callerAs, expectFields, failureOf, shapeOf, USERS } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
let anonymous: ReturnType<typeof callerAs>;
const ids = { first: '', second: '', project: '', event: '', funding: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
  anonymous = callerAs(database.db, 'anonymous');
  ids.first = (
    await editor.source.create({ title: 'First source', kind: 'news', publishedDate: '2018-04-21' })
  ).id;
  ids.project = (await editor.project.create({ title: 'Project', sources: [{ sourceId: ids.first }] })).id;
  ids.event = (
    await editor.event.create({
      type: 'visit',
      title: 'Visit',
      date: '2018-04-21',
      sources: [{ sourceId: ids.first }],
    })
  ).id;
  ids.funding = (
    await editor.funding.create({
      projectId: ids.project,
      flow: 'pledge',
      amount: '100',
      currency: 'USD',
      sources: [{ sourceId: ids.first }],
    })
  ).id;
});
afterAll(() => database.close());

describe('source writes', () => {
  it('creates, reads back, updates, deletes and restores a source, each audited', async () => {
    const values = {
      title: 'Постановление о строительстве',
      url: 'https://gov.uz/decree',
      publisher: 'Government of Uzbekistan',
      publishedDate: '2019-01-15',
      language: 'ru',
      kind: 'official' as const,
    };
    const saved = await editor.source.create(values);
    ids.second = saved.id;
    expect(await editor.source.forEdit({ id: saved.id })).toEqual({
      id: saved.id,
      version: 1,
      deleted: false,
      values,
    });
    await editor.source.update({ id: saved.id, version: 1, values: { ...values, url: null } });
    expect((await editor.source.forEdit({ id: saved.id })).values.url).toBeNull();
    await expectFields(
      editor.source.update({ id: saved.id, version: 2, values: { ...values, url: 'javascript:alert(1)' } }),
      ['values.url'],
    );
    await editor.source.delete({ id: saved.id, version: 2 });
    expect((await anonymous.source.list({})).rows.map((r) => r.id)).not.toContain(saved.id);
    await editor.source.restore({ id: saved.id, version: 3 });
    expect((await anonymous.source.list({})).rows.map((r) => r.id)).toContain(saved.id);
    expect((await auditOf(database, saved.id)).map((e) => e.action)).toEqual([
      'create',
      'update',
      'delete',
      'restore',
    ]);
  });

  for (const entity of ['project', 'event', 'funding'] as const) {
    it(`links a source to a ${entity} with a quote, as an audited edit of the ${entity}`, async () => {
      const id = ids[entity];
      const load = () =>
        entity === 'project'
          ? editor.project.forEdit({ id })
          : entity === 'event'
            ? editor.event.forEdit({ id })
            : editor.funding.forEdit({ id });
      const before = await load();
      const target = { entity, id };
      const linked = await editor.source.link({ sourceId: ids.second, target, quote: 'Article 3' });
      expect(linked).toEqual({ id, version: before.version + 1 });
      expect((await load()).values.sources).toEqual([
        { sourceId: ids.first, quote: null },
        { sourceId: ids.second, quote: 'Article 3' },
      ]);
      // Linking again changes the quote; the same quote again changes nothing.
      const requoted = await editor.source.link({ sourceId: ids.second, target, quote: 'Article 4' });
      expect(requoted.version).toBe(before.version + 2);
      expect(await editor.source.link({ sourceId: ids.second, target, quote: 'Article 4' })).toEqual(
        requoted,
      );

      // A form opened before the link must not silently drop it.
      const stale = shapeOf(
        await failureOf(
          entity === 'project'
            ? editor.project.update({
                id,
                version: before.version,
                values: (await editor.project.forEdit({ id })).values,
              })
            : entity === 'event'
              ? editor.event.update({
                  id,
                  version: before.version,
                  values: (await editor.event.forEdit({ id })).values,
                })
              : editor.funding.update({
                  id,
                  version: before.version,
                  values: (await editor.funding.forEdit({ id })).values,
                }),
        ),
      );
      expect(stale.data.code).toBe('CONFLICT');

      const unlinked = await editor.source.unlink({ sourceId: ids.first, target });
      expect(unlinked.version).toBe(before.version + 3);
      expect((await load()).values.sources).toEqual([{ sourceId: ids.second, quote: 'Article 4' }]);
      // The last source stays: every record cites one.
      await expectFields(editor.source.unlink({ sourceId: ids.second, target }), ['sourceId']);
      await expectFields(editor.source.unlink({ sourceId: ids.first, target }), ['sourceId']);
      await editor.source.link({ sourceId: ids.first, target });

      const entries = (await auditOf(database, id)).slice(1);
      expect(entries.map((e) => [e.action, e.actor, e.entity])).toEqual(
        Array(4).fill(['update', USERS.editor.id, entity]),
      );
      expect(entries[0]?.before).toMatchObject({ sources: [{ sourceId: ids.first, quote: null }] });
      expect(entries[0]?.after).toMatchObject({ version: before.version + 1 });
    });
  }

  it('keeps the project quality score in step with its sources', async () => {
    const detail = await anonymous.project.byId({ id: ids.project });
    expect(detail.qualityScore).toBe(detail.quality.score);
  });

  it('refuses unknown sources and unknown or deleted targets', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectFields(
      editor.source.link({ sourceId: missing, target: { entity: 'project', id: ids.project } }),
      ['sourceId'],
    );
    await expectFields(
      editor.source.link({ sourceId: ids.first, target: { entity: 'event', id: missing } }),
      ['target.id'],
    );
    const { id: project } = await editor.project.create({
      title: 'Deleted',
      sources: [{ sourceId: ids.first }],
    });
    await editor.project.delete({ id: project, version: 1 });
    await expectFields(
      editor.source.link({ sourceId: ids.second, target: { entity: 'project', id: project } }),
      ['target.id'],
    );
    await expectFields(
      editor.source.link({
        sourceId: ids.second,
        target: { entity: 'organization' as 'project', id: project },
      }),
      ['target.entity'],
    );
  });
});

describe('one live source per URL', () => {
  it('refuses a URL another live source has, naming it, on create and on update', async () => {
    const url = 'https://example.org/news/railway-loan';
    const first = await editor.source.create({ title: 'Railway loan signed', url, kind: 'news' });
    for (const taken of [url, `${url}/`, 'HTTPS://EXAMPLE.ORG/news/railway-loan']) {
      const fields = await expectFields(editor.source.create({ title: 'Again', url: taken, kind: 'news' }), [
        'url',
      ]);
      expect(fields.url).toEqual(['A source with this URL already exists: “Railway loan signed”']);
    }
    const other = await editor.source.create({
      title: 'Other',
      url: 'https://example.org/other',
      kind: 'news',
    });
    const fields = await expectFields(
      editor.source.update({ id: other.id, version: 1, values: { title: 'Other', url, kind: 'news' } }),
      ['values.url'],
    );
    expect(fields['values.url']?.[0]).toContain('Railway loan signed');
    // The source itself keeps its URL on update; a deleted one frees it.
    await editor.source.update({
      id: first.id,
      version: 1,
      values: { title: 'Railway loan', url, kind: 'news' },
    });
    await editor.source.delete({ id: first.id, version: 2 });
    await editor.source.create({ title: 'Railway loan, again', url, kind: 'news' });
    // Sources without a URL are not duplicates of each other.
    await editor.source.create({ title: 'No URL', kind: 'news' });
    await editor.source.create({ title: 'No URL', kind: 'news' });
  });
});
