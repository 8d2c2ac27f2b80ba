/**
 * What a first visit downloads, gzip-sized, from the web build's manifest (apps/web/dist/.vite/manifest.json):
 * the entry chunk with everything it imports statically, plus the lazy chunk of the route being opened
 * (TanStack Router loads it at once) and its imports, and all their CSS. Lazy chunks of other routes
 * (charts, map) are listed apart.
 *
 *   pnpm --filter @srt/web size          # after `pnpm build`
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type ManifestChunk = {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

export const BUDGET_BYTES = 250 * 1024;
export const defaultDist = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));

export type SizedFile = { file: string; bytes: number; gzip: number };
export type FirstLoad = { route: string; files: SizedFile[]; js: number; css: number; total: number };

export function readManifest(dist: string): Manifest {
  const path = join(dist, '.vite/manifest.json');
  if (!existsSync(path)) throw new Error(`No ${path}: run \`pnpm build\` first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

function sized(dist: string, file: string): SizedFile {
  const content = readFileSync(join(dist, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** The chunk keys a chunk pulls in statically (itself included). */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) staticClosure(manifest, next, seen);
  return seen;
}

/** The route chunk of a route file, e.g. `src/routes/index.tsx` → its `?tsr-split=component` chunk. */
const routeChunkKey = (manifest: Manifest, routeFile: string) =>
  Object.keys(manifest).find((key) => key.startsWith(`${routeFile}?tsr-split`));

export function firstLoad(dist: string, routeFile: string, manifest = readManifest(dist)): FirstLoad {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('The manifest has no entry chunk');
  const keys = staticClosure(manifest, entry);
  const route = routeChunkKey(manifest, routeFile);
  if (route) staticClosure(manifest, route, keys);
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  const list = [...files].map((file) => sized(dist, file)).sort((a, b) => b.gzip - a.gzip);
  const js = list.filter((f) => f.file.endsWith('.js')).reduce((sum, f) => sum + f.gzip, 0);
  const css = list.filter((f) => f.file.endsWith('.css')).reduce((sum, f) => sum + f.gzip, 0);
  return { route: routeFile, files: list, js, css, total: js + css };
}

/** Every lazy route chunk with what it adds beyond the entry's closure. */
export function lazyChunks(dist: string, manifest = readManifest(dist)): SizedFile[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry) ?? '';
  const base = staticClosure(manifest, entry);
  const out = new Map<string, SizedFile>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (base.has(key) || !(chunk.isDynamicEntry || key.startsWith('_'))) continue;
    out.set(chunk.file, sized(dist, chunk.file));
    for (const css of chunk.css ?? []) out.set(css, sized(dist, css));
  }
  return [...out.values()].sort((a, b) => b.gzip - a.gzip);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function print(load: FirstLoad): void {
  process.stdout.write(`\nFirst load of ${load.route}\n`);
  for (const f of load.files) {
    process.stdout.write(
      `  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} ${kb(f.gzip).padStart(10)} gzip\n`,
    );
  }
  process.stdout.write(
    `  ${'total JS + CSS'.padEnd(48)} ${''.padStart(10)} ${kb(load.total).padStart(10)} gzip ` +
      `(JS ${kb(load.js)}, CSS ${kb(load.css)}; budget ${kb(BUDGET_BYTES)})\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? defaultDist;
  const manifest = readManifest(dist);
  const home = firstLoad(dist, 'src/routes/index.tsx', manifest);
  print(home);
  print(firstLoad(dist, 'src/routes/projects/index.tsx', manifest));
  process.stdout.write('\nLazy chunks (loaded only by the routes that use them)\n');
  for (const f of lazyChunks(dist, manifest)) {
    process.stdout.write(
      `  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} ${kb(f.gzip).padStart(10)} gzip\n`,
    );
  }
  if (home.total > BUDGET_BYTES) {
    process.stderr.write(`\nFirst load of / is ${kb(home.total)}, over the ${kb(BUDGET_BYTES)} budget\n`);
    process.exitCode = 1;
  }
}
