import type { OrganizationListInput } from '@srt/shared/organization';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgKey } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

async function keysOf(input: OrganizationListInput) {
  const result = await api.caller.organization.list({ limit: 200, ...input });
  expect(result.total).toBe(result.rows.length);
  const byId = new Map(Object.entries(api.fixtures.org).map(([k, id]) => [id, k as OrgKey]));
  return result.rows.map((r) => byId.get(r.id)).sort();
}

describe('organization.list', () => {
  it('lists every organisation by name', async () => {
    const { rows } = await api.caller.organization.list();
    expect(rows).toHaveLength(6);
    const names = rows.map((r) => r.name);
    expect(names[0]).toBe('Asian Development Bank');
    expect(names.at(-1)).toBe('United Nations Industrial Development Organization');
  });

  it('searches names, local names and acronyms, with or without diacritics', async () => {
    expect(await keysOf({ q: 'Azərenerji' })).toEqual(['azerenerji']);
    expect(await keysOf({ q: 'azerenerji' })).toEqual(['azerenerji']);
    expect(await keysOf({ q: 'АЗЕРЭНЕРЖИ' })).toEqual(['azerenerji']);
    expect(await keysOf({ q: 'chexim' })).toEqual(['chexim']);
    expect(await keysOf({ q: "O'zbekiston" })).toEqual(['uzMinistry']);
    expect(await keysOf({ q: 'министерство инвестиций' })).toEqual(['uzMinistry']);
    expect(await keysOf({ q: 'bank' })).toEqual(['adb', 'chexim']);
  });

  it('filters by type and by the role taken in live projects', async () => {
    expect(await keysOf({ types: [40] })).toEqual(['adb', 'unido']);
    expect(await keysOf({ types: [10, 70] })).toEqual(['azerenerji', 'chinaGov', 'uzMinistry']);
    // Funders: funding participants, or funders of a funding row.
    expect(await keysOf({ role: 1 })).toEqual(['adb', 'chexim', 'chinaGov']);
    expect(await keysOf({ role: 2 })).toEqual(['uzMinistry']);
    expect(await keysOf({ role: 4 })).toEqual(['azerenerji', 'unido']);
    expect(await keysOf({ role: 1, types: [40], q: 'asian' })).toEqual(['adb']);
  });

  it('counts the live projects each takes part in', async () => {
    const { rows } = await api.caller.organization.list();
    const count = (key: OrgKey) => rows.find((r) => r.id === api.fixtures.org[key])?.projectCount;
    expect(count('unido')).toBe(2);
    expect(count('chexim')).toBe(2);
    expect(count('adb')).toBe(5);
    expect(rows.find((r) => r.id === api.fixtures.org.unido)).toMatchObject({
      acronym: 'UNIDO',
      type: 40,
      iatiRef: 'XM-DAC-41123',
      country: null,
    });
  });

  it('pages without duplicate or gap', async () => {
    const whole = await api.caller.organization.list({ limit: 200 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.caller.organization.list>> =
        await api.caller.organization.list({
          limit: 4,
          cursor,
        });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.rows.map((r) => r.id));
  });
});

describe('organization bad input', () => {
  const call = (input: unknown) => api.caller.organization.list(input as OrganizationListInput);
  it('names the field', async () => {
    await expectBadRequest(call({ types: [99] }), 'types.0');
    await expectBadRequest(call({ role: 7 }), 'role');
    await expectBadRequest(call({ q: 'q'.repeat(10_000) }), 'q');
    await expectBadRequest(call({ limit: 10_000 }), 'limit');
    await expectBadRequest(call({ cursor: 'garbage' }), 'cursor');
  });
});
