import { fileURLToPath } from 'node:url';
import { createDb } from '../client.ts';
import { loadDemoData } from './index.ts';

// `pnpm db:seed`: the demo data set into DATABASE_URL, or into the PGlite directory (default ./data/pglite).
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const url = process.env.DATABASE_URL || process.env.PGLITE_DIR || `${repoRoot}data/pglite`;
const database = await createDb(url);
await database.migrate();
await loadDemoData(database, { log: (message) => process.stdout.write(`${message}\n`) });
await database.close();
