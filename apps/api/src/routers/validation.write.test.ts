/**
 * The write procedures validate with the forms' own schemas: each bad case of the shared list gets
 * BAD_REQUEST, and `data.fields` names exactly the fields (and messages) the form computes itself.
 */
import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import { eventValuesSchema } from '@srt/shared/event';
import { fundingValuesSchema } from '@srt/shared/funding';
import { organizationValuesSchema } from '@srt/shared/organization';
import { projectValuesSchema } from '@srt/shared/project';
import { sourceValuesSchema } from '@srt/shared/source';
import {
  fieldErrorsOf,
  INVALID_EVENTS,
  INVALID_FUNDING,
  INVALID_ORGANIZATIONS,
  INVALID_PROJECTS,
  INVALID_SOURCES,
  type InvalidCase,
} from '@srt/shared/testing/invalid-values';
import { updateInputSchema } from '@srt/shared/write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { callerAs, failureOf, query, shapeOf } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
});
afterAll(() => database.close());

type Entity = 'project' | 'event' | 'funding' | 'organization' | 'source';
const CASES: [Entity, z.ZodType, InvalidCase<unknown>[]][] = [
  ['project', projectValuesSchema, INVALID_PROJECTS],
  ['funding', fundingValuesSchema, INVALID_FUNDING],
  ['event', eventValuesSchema, INVALID_EVENTS],
  ['organization', organizationValuesSchema, INVALID_ORGANIZATIONS],
  ['source', sourceValuesSchema, INVALID_SOURCES],
];

const ID = '6b1e2c4a-0000-4000-8000-0000000000ff';

/** The procedure's answer to bad input: its code and `data.fields`. */
async function serverFields(call: Promise<unknown>) {
  const shape = shapeOf(await failureOf(call));
  expect(shape.data.code).toBe('BAD_REQUEST');
  return shape.data.fields;
}

describe('write procedures report the schemas’ field errors', () => {
  for (const [entity, schema, cases] of CASES) {
    for (const c of cases) {
      it(`${entity}.create and ${entity}.update: ${c.name}`, async () => {
        const procedures = editor[entity] as unknown as {
          create(input: unknown): Promise<unknown>;
          update(input: unknown): Promise<unknown>;
        };
        const client = fieldErrorsOf(schema, c.values);
        expect(client).toEqual(c.fields);
        expect(await serverFields(procedures.create(c.values))).toEqual(client);

        const update = { id: ID, version: 1, values: c.values };
        expect(await serverFields(procedures.update(update))).toEqual(
          fieldErrorsOf(updateInputSchema(schema), update),
        );
      });
    }
  }

  it('wrote nothing for any of them', async () => {
    const [row] = await query<{ n: number }>(
      database,
      `select (select count(*) from projects) + (select count(*) from funding) + (select count(*) from events)
        + (select count(*) from organizations) + (select count(*) from sources)
        + (select count(*) from audit_entries) as n`,
    );
    expect(Number(row?.n)).toBe(0);
  });
});
