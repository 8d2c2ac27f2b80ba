import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '@srt/db/client';
import { ROLES, roleSchema } from '@srt/shared/auth';
import { MIN_PASSWORD_LENGTH, newAccountSchema } from '@srt/shared/user';
import { pino } from 'pino';
import { loadEnv } from '../env.ts';
import { AccountError, createAccount } from './accounts.ts';
import { createAuth } from './auth.ts';
import { readPassword } from './password-input.ts';

// `pnpm user:create --email … --role viewer|editor|admin [--name …]`: an account on the configured
// database (DATABASE_URL, else PGlite in PGLITE_DIR). The password is typed (not echoed) at a terminal,
// or read from standard input (first line) — never an argument, never a default.

const USAGE = `Usage: pnpm user:create --email <address> --role <${ROLES.join('|')}> [--name <name>]
The password is asked for (not shown) or read from standard input, e.g.
  printf '%s\\n' "$PASSWORD" | pnpm user:create --email ana@example.org --role editor
It needs at least ${MIN_PASSWORD_LENGTH} characters.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let values: { email?: string; role?: string; name?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.email) fail(`--email is required.\n\n${USAGE}`);
if (!values.role) fail(`--role is required.\n\n${USAGE}`);
const role = roleSchema.safeParse(values.role);
if (!role.success) fail(`Unknown role "${values.role}": use one of ${ROLES.join(', ')}.`);
const email = newAccountSchema.shape.email.safeParse(values.email);
if (!email.success) fail(`email: ${email.error.issues[0]?.message ?? 'invalid'} ("${values.email}").`);

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

let password: string;
try {
  password = await readPassword(
    `Password for ${values.email} (at least ${MIN_PASSWORD_LENGTH} characters): `,
  );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (password.length < MIN_PASSWORD_LENGTH)
  fail(`The password is too short: it needs at least ${MIN_PASSWORD_LENGTH} characters.`);

if (!env.DATABASE_URL) mkdirSync(env.PGLITE_DIR, { recursive: true });
const database = await createDb(env.DATABASE_URL ?? env.PGLITE_DIR);
let exitCode = 0;
try {
  await database.migrate();
  const auth = createAuth({
    db: database.db,
    // Only the password hasher is used here: no cookie is signed, so no secret is read or made.
    secret: randomBytes(32).toString('base64url'),
    baseUrl: env.BASE_URL,
    signInLimit: env.SIGN_IN_LIMIT,
    logger: pino({ level: 'error' }),
  });
  const user = await createAccount(
    auth,
    database.db,
    {
      email: values.email,
      name: values.name ?? values.email.split('@')[0] ?? values.email,
      role: role.data,
      password,
    },
    'cli',
  );
  process.stdout.write(`Created ${user.role} ${user.email} (${user.name}), id ${user.id}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof AccountError ? error.message : String(error)}\n`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
