import { describe, expect, it } from 'vitest';
import { sanitizeChangesSearch } from './-search.ts';

describe('sanitizeChangesSearch', () => {
  it('keeps valid filters', () => {
    expect(
      sanitizeChangesSearch({ entity: 'project', actor: 'import:abc', from: '2024-01-01', to: '2024-01-31' }),
    ).toEqual({
      value: { entity: 'project', actor: 'import:abc', from: '2024-01-01', to: '2024-01-31' },
      dropped: [],
    });
    expect(sanitizeChangesSearch({ actor: 42 }).value).toEqual({ actor: '42' });
  });

  it('drops what the API would refuse, and a range that ends before it starts keeps its start', () => {
    const { value, dropped } = sanitizeChangesSearch({
      entity: 'planet',
      from: '2024-02-30',
      to: '2023-01-01',
      actor: '',
    });
    expect(value).toEqual({ to: '2023-01-01' });
    expect(dropped.map((d) => d.param)).toEqual(['entity', 'from']);
    const inverted = sanitizeChangesSearch({ from: '2024-02-01', to: '2024-01-01' });
    expect(inverted.value).toEqual({ from: '2024-02-01' });
    expect(inverted.dropped).toEqual([{ param: 'to', value: '2024-01-01', reason: 'invalid' }]);
  });
});
