/**
 * Builds a large IATI file for the import benchmark (issue 3, item 7) by repeating the real activities
 * in packages/db/data/iati, each copy byte for byte except for a new `iati-identifier`.
 *
 *   tsx packages/db/src/import/iati/make-big-file.ts /tmp/iati-10k.xml [activities=10000]
 *
 * 10 000 activities are about 140 MB: past the 50 MB default limit, so pass `maxBytes` when reading it.
 */
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DATA = fileURLToPath(new URL('../../../data/iati/', import.meta.url));

/** Every `<iati-activity>` element of the real files, as text. */
function realActivities(): string[] {
  const out: string[] = [];
  const files = readdirSync(DATA).filter((f) => f.endsWith('.xml'));
  for (const file of files.sort()) {
    const xml = readFileSync(join(DATA, file), 'utf8');
    out.push(...(xml.match(/<iati-activity[\s>][\s\S]*?<\/iati-activity>/g) ?? []));
  }
  return out;
}

async function* lines(activities: string[], count: number): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n';
  for (let i = 0; i < count; i++) {
    const activity = activities[i % activities.length] ?? '';
    const copy = Math.floor(i / activities.length);
    const suffix = `-BIG${String(copy).padStart(3, '0')}`;
    yield ` ${activity.replace(/(<iati-identifier>)\s*([^<]*?)\s*(<\/iati-identifier>)/, `$1$2${suffix}$3`)}\n`;
  }
  yield '</iati-activities>\n';
}

/** Writes `count` activities to `path`; returns the file's size in bytes. */
export async function makeBigFile(path: string, count = 10_000): Promise<number> {
  const activities = realActivities();
  if (activities.length === 0) throw new Error(`no activities in ${DATA}`);
  await pipeline(Readable.from(lines(activities, count)), createWriteStream(path));
  return statSync(path).size;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, countArg] = process.argv.slice(2);
  const count = Number(countArg ?? 10_000);
  if (!path || !Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: make-big-file.ts <output.xml> [activities=10000]\n');
    process.exit(2);
  }
  const bytes = await makeBigFile(path, count);
  process.stdout.write(`wrote ${count} activities (${(bytes / 1e6).toFixed(1)} MB) to ${path}\n`);
}
