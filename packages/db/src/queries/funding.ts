import type { fundingListInputSchema } from '@srt/shared/funding';
import { and, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../client.ts';
import { funding, organizations, projects } from '../schema.ts';
import { projectFilterWhere } from './filter.ts';
import { decodeCursor, encodeCursor, pageOf } from './list.ts';

export type ListFundingParams = z.output<typeof fundingListInputSchema>;

/** Undated rows sort after every dated one (newest first). */
const NO_DATE = '0001-01-01';
const sortDate = sql`coalesce(${funding.valueDate}, date '0001-01-01')`;

/**
 * A page of funding rows of the projects the shared filter selects, newest value date first, with the
 * total count. Amounts stay in their own currency and price basis; nothing is summed here.
 */
export async function listFunding(db: Db, params: ListFundingParams) {
  const { limit } = params;
  const where = and(
    isNull(funding.deletedAt),
    projectFilterWhere(params.filter),
    params.projectId ? eq(funding.projectId, params.projectId) : undefined,
    params.flows?.length ? inArray(funding.flow, params.flows) : undefined,
  );
  let after: SQL | undefined;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor, 'date');
    after = sql`(${sortDate}, ${funding.id}) < (${value}::date, ${id}::uuid)`;
  }
  const funderOrg = alias(organizations, 'funder');
  const recipientOrg = alias(organizations, 'recipient');

  const [fetched, [total]] = await Promise.all([
    db
      .select({
        id: funding.id,
        projectId: funding.projectId,
        projectTitle: projects.title,
        eventId: funding.eventId,
        flow: funding.flow,
        amount: funding.amount,
        currency: funding.currency,
        priceBasis: funding.priceBasis,
        valueDate: funding.valueDate,
        valueYear: funding.valueYear,
        amountUsd: funding.amountUsd,
        usdRate: funding.usdRate,
        rateSource: funding.rateSource,
        instrument: funding.instrument,
        estimated: funding.estimated,
        funderOrgId: funding.funderOrgId,
        funderName: funderOrg.name,
        recipientOrgId: funding.recipientOrgId,
        recipientName: recipientOrg.name,
      })
      .from(funding)
      .innerJoin(projects, eq(projects.id, funding.projectId))
      .leftJoin(funderOrg, eq(funderOrg.id, funding.funderOrgId))
      .leftJoin(recipientOrg, eq(recipientOrg.id, funding.recipientOrgId))
      .where(and(where, after))
      .orderBy(sql`${sortDate} desc`, sql`${funding.id} desc`)
      .limit(limit + 1),
    db
      .select({ n: count() })
      .from(funding)
      .innerJoin(projects, eq(projects.id, funding.projectId))
      .where(where),
  ]);
  return {
    ...pageOf(fetched, limit, (last) => encodeCursor(last.valueDate ?? NO_DATE, last.id)),
    total: total?.n ?? 0,
  };
}
