import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { eventValuesSchema } from './event.ts';
import { fundingValuesSchema } from './funding.ts';
import { organizationValuesSchema } from './organization.ts';
import { projectValuesSchema } from './project.ts';
import { sourceValuesSchema } from './source.ts';
import {
  fieldErrorsOf,
  INVALID_EVENTS,
  INVALID_FUNDING,
  INVALID_ORGANIZATIONS,
  INVALID_PROJECTS,
  INVALID_SOURCES,
  type InvalidCase,
} from './testing/invalid-values.ts';
import { updateInputSchema } from './write.ts';

const SCHEMAS: [string, z.ZodType, InvalidCase<unknown>[]][] = [
  ['project', projectValuesSchema, INVALID_PROJECTS],
  ['funding', fundingValuesSchema, INVALID_FUNDING],
  ['event', eventValuesSchema, INVALID_EVENTS],
  ['organization', organizationValuesSchema, INVALID_ORGANIZATIONS],
  ['source', sourceValuesSchema, INVALID_SOURCES],
];

describe('write schemas refuse bad values with field errors', () => {
  for (const [entity, schema, cases] of SCHEMAS) {
    for (const c of cases) {
      it(`${entity}: ${c.name}`, () => {
        expect(fieldErrorsOf(schema, c.values)).toEqual(c.fields);
        // In an update the same errors sit under `values`.
        const update = { id: '6b1e2c4a-0000-4000-8000-0000000000ff', version: 1, values: c.values };
        expect(fieldErrorsOf(updateInputSchema(schema), update)).toEqual(
          Object.fromEntries(
            Object.entries(c.fields).map(([path, messages]) => [`values.${path}`, messages]),
          ),
        );
      });
    }
  }

  it('accepts the values each case starts from', () => {
    const source = [{ sourceId: '6b1e2c4a-0000-4000-8000-000000000001' }];
    expect(fieldErrorsOf(projectValuesSchema, { title: 'A project', sources: source })).toBeNull();
    expect(
      fieldErrorsOf(fundingValuesSchema, {
        projectId: '6b1e2c4a-0000-4000-8000-000000000002',
        flow: 'commitment',
        amount: '1234567890.12',
        currency: 'USD',
        sources: source,
      }),
    ).toBeNull();
    expect(
      fieldErrorsOf(eventValuesSchema, { type: 'forum', title: 'E', date: '2018-04-20', sources: source }),
    ).toBeNull();
    expect(fieldErrorsOf(organizationValuesSchema, { name: 'Org' })).toBeNull();
    expect(
      fieldErrorsOf(sourceValuesSchema, { title: 'S', kind: 'news', url: 'https://example.org' }),
    ).toBeNull();
  });

  it('keeps an amount exact: the parsed value is the string that was sent', () => {
    const parsed = fundingValuesSchema.parse({
      projectId: '6b1e2c4a-0000-4000-8000-000000000002',
      flow: 'pledge',
      amount: '1234567890.12',
      currency: 'usd',
      sources: [{ sourceId: '6b1e2c4a-0000-4000-8000-000000000001' }],
    });
    expect(parsed.amount).toBe('1234567890.12');
    expect(parsed.currency).toBe('USD');
  });
});
