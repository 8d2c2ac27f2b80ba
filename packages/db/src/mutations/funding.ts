/**
 * Writes of a funding row from its form. The amount stays a decimal string from the form to the column;
 * the USD value is converted here as the import does it (`usdFor`: the annual rate of the value date's
 * year from `exchange_rates`, stored with the rate and its source) — no rate, no USD value.
 */
import { randomUUID } from 'node:crypto';
import type { FundingValues } from '@srt/shared/funding';
import type { Editable, Saved, VersionedId } from '@srt/shared/write';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rateTable, storedRate } from '../import/rates.ts';
import { refreshProjectQuality } from '../quality.ts';
import { events, funding, organizations, projects } from '../schema.ts';
import {
  checkRefs,
  createRecord,
  orNull,
  type RecordSpec,
  type Ref,
  setDeleted,
  updateRecord,
} from './common.ts';
import { loadLinks, replaceLinks } from './links.ts';

/** The funding row as its form shows it; deleted ones too (`deleted: true`). Null: no such row. */
export async function fundingForEdit(db: Db, id: string): Promise<Editable<FundingValues> | null> {
  const [row] = await db.select().from(funding).where(eq(funding.id, id));
  if (!row) return null;
  const links = await loadLinks(db, { fundingId: id });
  return {
    id,
    version: row.version,
    deleted: row.deletedAt !== null,
    values: {
      projectId: row.projectId,
      eventId: row.eventId,
      flow: row.flow as FundingValues['flow'],
      funderOrgId: row.funderOrgId,
      recipientOrgId: row.recipientOrgId,
      amount: row.amount,
      currency: row.currency,
      priceBasis: row.priceBasis,
      valueDate: row.valueDate,
      instrument: row.instrument as FundingValues['instrument'],
      estimated: row.estimated,
      sources: links,
    },
  };
}

export const fundingSpec: RecordSpec<FundingValues> = {
  entity: 'funding',
  table: funding,
  load: fundingForEdit,
};

export async function createFunding(db: Db, actor: string, values: FundingValues): Promise<Saved> {
  return createRecord(db, fundingSpec, actor, async (tx) => {
    await checkValues(tx, values, null);
    const id = randomUUID();
    await tx
      .insert(funding)
      .values({ id, ...(await fieldsOf(tx, values)), createdBy: actor, updatedBy: actor });
    await replaceLinks(tx, { fundingId: id }, values.sources);
    await refreshProjectQuality(tx, [values.projectId]);
    return id;
  });
}

export async function updateFunding(
  db: Db,
  actor: string,
  input: VersionedId & { values: FundingValues },
): Promise<Saved | null> {
  const { values } = input;
  return updateRecord(db, fundingSpec, actor, input, async (tx, before) => {
    await checkValues(tx, values, before.values);
    await tx
      .update(funding)
      .set(await fieldsOf(tx, values))
      .where(eq(funding.id, input.id));
    await replaceLinks(tx, { fundingId: input.id }, values.sources, before.values.sources);
    // Dated funding counts towards the project's quality, of the old project too when the row moved.
    await refreshProjectQuality(tx, [...new Set([before.values.projectId, values.projectId])]);
  });
}

const refreshOwner = async (tx: Db, record: Editable<FundingValues>) =>
  refreshProjectQuality(tx, [record.values.projectId]);

export const deleteFunding = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, fundingSpec, actor, input, true, refreshOwner);

export const restoreFunding = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, fundingSpec, actor, input, false, refreshOwner);

/** The columns the form sets, with the USD value at the stored annual rate of the value date's year. */
async function fieldsOf(tx: Db, values: FundingValues) {
  const currency = values.currency;
  const valueDate = orNull(values.valueDate);
  const year = valueDate ? Number(valueDate.slice(0, 4)) : null;
  const stored = year === null || currency === 'USD' ? undefined : await storedRate(tx, currency, year);
  const rates = rateTable(stored && year !== null ? [{ currency, year, ...stored }] : []);
  const usd = rates.usdFor(currency, values.amount, valueDate);
  return {
    projectId: values.projectId,
    eventId: orNull(values.eventId),
    flow: values.flow,
    funderOrgId: orNull(values.funderOrgId),
    recipientOrgId: orNull(values.recipientOrgId),
    amount: values.amount,
    currency,
    priceBasis: values.priceBasis,
    valueDate,
    amountUsd: usd.amountUsd,
    usdRate: usd.usdRate,
    rateSource: usd.rateSource,
    instrument: orNull(values.instrument),
    estimated: values.estimated,
  };
}

async function checkValues(tx: Db, values: FundingValues, before: FundingValues | null) {
  await checkRefs(
    tx,
    projects,
    'project',
    [{ field: 'projectId', id: values.projectId }],
    new Set(before ? [before.projectId] : []),
  );
  if (values.eventId) {
    await checkRefs(
      tx,
      events,
      'event',
      [{ field: 'eventId', id: values.eventId }],
      new Set(before?.eventId ? [before.eventId] : []),
    );
  }
  const orgs: Ref[] = [];
  if (values.funderOrgId) orgs.push({ field: 'funderOrgId', id: values.funderOrgId });
  if (values.recipientOrgId) orgs.push({ field: 'recipientOrgId', id: values.recipientOrgId });
  await checkRefs(
    tx,
    organizations,
    'organisation',
    orgs,
    new Set([before?.funderOrgId, before?.recipientOrgId].filter((id): id is string => !!id)),
  );
}
