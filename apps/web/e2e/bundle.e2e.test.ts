import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, defaultDist, firstLoad, lazyChunks } from '../../../scripts/bundle-size.ts';

/** The built app (`pnpm test:e2e` builds it first): what a first visit downloads stays within budget. */
describe('bundle size of the built app', () => {
  it(`keeps the first load of / within ${BUDGET_BYTES / 1024} KB gzip (JS + CSS)`, () => {
    const home = firstLoad(defaultDist, 'src/routes/index.tsx');
    expect(home.total, home.files.map((f) => `${f.file} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(
      BUDGET_BYTES,
    );
  });

  it('keeps Recharts and Leaflet out of the first load of /', () => {
    const home = firstLoad(defaultDist, 'src/routes/index.tsx');
    const code = home.files.map((f) => readFileSync(join(defaultDist, f.file), 'utf8'));
    // Class names each library writes into its code or CSS.
    expect(code.some((c) => c.includes('recharts-wrapper'))).toBe(false);
    expect(code.some((c) => c.includes('leaflet-pane'))).toBe(false);
    // …and they are in the build, as lazy chunks.
    const lazy = lazyChunks(defaultDist).map((f) => readFileSync(join(defaultDist, f.file), 'utf8'));
    expect(lazy.some((c) => c.includes('recharts-wrapper'))).toBe(true);
  });
});
