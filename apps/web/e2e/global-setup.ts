import { prepareDemoData } from './api-server.ts';

/**
 * Once per browser-test run: loads the demo data that every test file's server starts on a copy of (see
 * `prepareDemoData`). PostgreSQL when TEST_DATABASE_URL is set, PGlite otherwise, as in the test files.
 */
export default function setup(): Promise<() => Promise<void>> {
  return prepareDemoData(process.env.TEST_DATABASE_URL);
}
