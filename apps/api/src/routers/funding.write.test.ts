import type { Database } from '@srt/db/client';
import { USD_RATE_SOURCE } from '@srt/db/import/rates';
import { createTestDatabase } from '@srt/db/testing';
import type { FundingValuesInput } from '@srt/shared/funding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, callerAs, expectFields, query, USERS } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
let anonymous: ReturnType<typeof callerAs>;
const ids = { source: '', funder: '', recipient: '', project: '', event: '' };
const UZS_2019 = 'Test rates: UZS 2019 annual average';

beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
  anonymous = callerAs(database.db, 'anonymous');
  await query(
    database,
    `insert into exchange_rates (currency, year, per_usd, source) values
      ('UZS', 2019, 10700.5, $1), ('AZN', 2019, 1.7, 'Test rates: AZN 2019')`,
    [UZS_2019],
  );
  ids.source = (await editor.source.create({ title: 'Loan agreement', kind: 'official' })).id;
  ids.funder = (await editor.organization.create({ name: 'Export-Import Bank of China' })).id;
  ids.recipient = (await editor.organization.create({ name: 'Ministry of Finance of Uzbekistan' })).id;
  ids.project = (
    await editor.project.create({ title: 'Pap–Angren railway tunnel', sources: [{ sourceId: ids.source }] })
  ).id;
  ids.event = (
    await editor.event.create({
      type: 'signing',
      title: 'Loan agreement signed',
      date: '2019-05-25',
      projectIds: [ids.project],
      sources: [{ sourceId: ids.source }],
    })
  ).id;
});
afterAll(() => database.close());

const loan = (over: Partial<FundingValuesInput> = {}): FundingValuesInput => ({
  projectId: ids.project,
  eventId: ids.event,
  flow: 'commitment',
  funderOrgId: ids.funder,
  recipientOrgId: ids.recipient,
  amount: '1234567890.12',
  currency: 'UZS',
  valueDate: '2019-05-25',
  instrument: 'loan',
  sources: [{ sourceId: ids.source, quote: 'a loan of 1,234,567,890.12 sum' }],
  ...over,
});

const rowOf = async (id: string) => {
  const { rows } = await anonymous.funding.list({ projectId: ids.project, limit: 200 });
  return rows.find((r) => r.id === id);
};

describe('funding writes', () => {
  let id = '';

  it('keeps the amount exact and converts it at the stored annual rate, with the rate and its source', async () => {
    const saved = await editor.funding.create(loan());
    expect(saved).toEqual({ id: expect.any(String), version: 1 });
    id = saved.id;
    const edit = await editor.funding.forEdit({ id });
    expect(edit).toEqual({
      id,
      version: 1,
      deleted: false,
      values: {
        ...loan(),
        priceBasis: 'nominal',
        estimated: false,
      },
    });
    expect(await rowOf(id)).toMatchObject({
      amount: '1234567890.12',
      currency: 'UZS',
      // 1234567890.12 / 10700.5, rounded half away from zero to the cent
      amountUsd: '115374.79',
      usdRate: '10700.5000000000',
      rateSource: UZS_2019,
      funderOrgId: ids.funder,
      recipientOrgId: ids.recipient,
      eventId: ids.event,
    });
    const detail = await anonymous.event.byId({ id: ids.event });
    expect(detail.funding.map((f) => f.id)).toEqual([id]);
  });

  it('stores "no rate" (no USD value, no rate, no source) for a currency and year without a rate', async () => {
    const { id: other } = await editor.funding.create(loan({ currency: 'TMT', valueDate: '2020-01-10' }));
    expect(await rowOf(other)).toMatchObject({
      amount: '1234567890.12',
      amountUsd: null,
      usdRate: null,
      rateSource: null,
    });
    // No value date: no year, no rate either.
    const { id: undated } = await editor.funding.create(loan({ valueDate: null }));
    expect(await rowOf(undated)).toMatchObject({ amountUsd: null, usdRate: null, rateSource: null });
  });

  it('converts USD at 1 with its own stated source, exactly at the largest amount the column holds', async () => {
    const { id: usd } = await editor.funding.create(
      loan({ currency: 'usd', amount: '999999999999999999.99', valueDate: null }),
    );
    expect(await rowOf(usd)).toMatchObject({
      amount: '999999999999999999.99',
      currency: 'USD',
      amountUsd: '999999999999999999.99',
      usdRate: '1.0000000000',
      rateSource: USD_RATE_SOURCE,
    });
  });

  it('converts again on update (new currency and year), audits before and after', async () => {
    const before = await editor.funding.forEdit({ id });
    const saved = await editor.funding.update({
      id,
      version: 1,
      values: { ...before.values, currency: 'AZN', amount: '1000000', flow: 'disbursement' },
    });
    expect(saved).toEqual({ id, version: 2 });
    expect(await rowOf(id)).toMatchObject({
      amount: '1000000.00',
      currency: 'AZN',
      amountUsd: '588235.29',
      usdRate: '1.7000000000',
      rateSource: 'Test rates: AZN 2019',
      flow: 'disbursement',
    });
    const entries = await auditOf(database, id);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['create', USERS.editor.id],
      ['update', USERS.editor.id],
    ]);
    expect(entries[1]?.before).toMatchObject({ amount: '1234567890.12', currency: 'UZS', version: 1 });
    expect(entries[1]?.after).toMatchObject({ amount: '1000000.00', currency: 'AZN', version: 2 });
  });

  it('counts dated funding in the project quality score, and stops counting a deleted row', async () => {
    const score = async () =>
      (
        await query<{ q: number }>(database, 'select quality_score as q from projects where id = $1', [
          ids.project,
        ])
      )[0]?.q;
    const withFunding = await score();
    expect(withFunding).toBe((await anonymous.project.byId({ id: ids.project })).quality.score);
    // Delete every dated row: the score drops to what the project has without dated funding.
    const dated = (await anonymous.funding.list({ projectId: ids.project, limit: 200 })).rows.filter(
      (r) => r.valueDate !== null,
    );
    for (const row of dated) {
      const edit = await editor.funding.forEdit({ id: row.id });
      await editor.funding.delete({ id: row.id, version: edit.version });
    }
    const without = await score();
    expect(without).toBeLessThan(withFunding ?? 0);
    expect(without).toBe((await anonymous.project.byId({ id: ids.project })).quality.score);
    expect(
      (await anonymous.funding.list({ projectId: ids.project, limit: 200 })).rows.map((r) => r.valueDate),
    ).toEqual([null, null]);
    const edit = await editor.funding.forEdit({ id });
    expect(edit).toMatchObject({ deleted: true, version: 3 });
    await editor.funding.restore({ id, version: 3 });
    expect(await rowOf(id)).toBeDefined();
    expect(await score()).toBeGreaterThan(without ?? 0);
  });

  it('refuses unknown or deleted projects, events and organisations on the field that names them', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectFields(editor.funding.create(loan({ projectId: missing })), ['projectId']);
    await expectFields(editor.funding.create(loan({ eventId: missing })), ['eventId']);
    await expectFields(editor.funding.create(loan({ funderOrgId: missing })), ['funderOrgId']);
    await expectFields(editor.funding.create(loan({ recipientOrgId: missing })), ['recipientOrgId']);
    await expectFields(editor.funding.create(loan({ sources: [{ sourceId: missing }] })), [
      'sources.0.sourceId',
    ]);
    const edit = await editor.funding.forEdit({ id });
    await expectFields(
      editor.funding.update({ id, version: edit.version, values: { ...edit.values, funderOrgId: missing } }),
      ['values.funderOrgId'],
    );
  });

  it('hides the funding of a deleted project from every read, and refuses new funding for it', async () => {
    const { id: project } = await editor.project.create({
      title: 'Short-lived project',
      sources: [{ sourceId: ids.source }],
    });
    const { id: row } = await editor.funding.create(loan({ projectId: project, eventId: ids.event }));
    expect((await anonymous.funding.list({ projectId: project })).total).toBe(1);
    await editor.project.delete({ id: project, version: 1 });
    expect((await anonymous.funding.list({ projectId: project })).total).toBe(0);
    expect((await anonymous.funding.list({ limit: 200 })).rows.map((r) => r.id)).not.toContain(row);
    expect((await anonymous.event.byId({ id: ids.event })).funding.map((f) => f.id)).not.toContain(row);
    const fields = await expectFields(editor.funding.create(loan({ projectId: project })), ['projectId']);
    expect(fields.projectId).toEqual(['The project was deleted']);
    // Its own row stays editable (its project is the one it already had).
    const edit = await editor.funding.forEdit({ id: row });
    expect(
      await editor.funding.update({
        id: row,
        version: edit.version,
        values: { ...edit.values, amount: '5' },
      }),
    ).toEqual({ id: row, version: 2 });
  });
});
