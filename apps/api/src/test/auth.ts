import { randomUUID } from 'node:crypto';
import type { Role } from '@srt/shared/auth';
import type { FastifyInstance } from 'fastify';
import type { User } from '../context.ts';

/** The password of every account these helpers make. */
export const TEST_PASSWORD = 'test password 1234';

let signIns = 0;

/**
 * A loopback address of its own for each sign-in: sign-in is rate-limited per client IP, and a test file
 * that signs in many users must not run into the limit meant for password guessers.
 */
export function nextClientAddress(): string {
  signIns += 1;
  return `127.${Math.floor(signIns / 65_536) % 256}.${Math.floor(signIns / 256) % 256}.${(signIns % 254) + 1}`;
}

/** `name=value` of each Set-Cookie header (what a browser would send back). */
export function cookieOf(setCookie: string | string[] | undefined): string {
  const all = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return all.map((c) => c.split(';')[0]).join('; ');
}

/** Signs in over HTTP (POST /api/auth/sign-in/email) and answers the session cookie. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress: nextClientAddress(),
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  return cookieOf(response.headers['set-cookie']);
}

/** A new account with `role` (through better-auth), signed in: its cookie and the user. */
export async function createSignedInUser(
  app: FastifyInstance,
  role: Role,
  options: { email?: string; name?: string } = {},
): Promise<{ cookie: string; user: User }> {
  const email = options.email ?? `${role}-${randomUUID()}@test.local`;
  const name = options.name ?? `Test ${role}`;
  const { user } = await app.auth.api.createUser({ body: { email, name, role, password: TEST_PASSWORD } });
  return { cookie: await signIn(app, email, TEST_PASSWORD), user: { id: user.id, email, name, role } };
}

/**
 * The session cookie of a new user with `role`: `app.inject({ headers: { cookie } })`. tRPC mutations
 * also need `content-type: application/json`; better-auth's own POST routes (sign-out) want an `origin`
 * header matching the server (`http://localhost:80` under inject) when a cookie is sent.
 */
export async function signInAs(app: FastifyInstance, role: Role): Promise<string> {
  return (await createSignedInUser(app, role)).cookie;
}
