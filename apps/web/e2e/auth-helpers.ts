import { type DemoAccount, demoAccount } from '@srt/db/seed/demo-accounts';
import type { Role } from '@srt/shared/auth';
import type { APIRequestContext, Page } from 'playwright-core';

export { DEMO_ACCOUNTS, type DemoAccount, demoAccount } from '@srt/db/seed/demo-accounts';

/**
 * Signs the page's browser context in as the demo account of `role` (the demo data loads them on a
 * fresh server) through better-auth's endpoint, as the sign-in form does: the session cookie lands in the
 * context, so every page of it is signed in. A page already open is reloaded so it asks again who is
 * signed in; otherwise open the page you want next.
 *
 * Each call is a sign-in attempt: the server allows `SIGN_IN_LIMIT` (10 by default) per minute per IP.
 * A test file that signs in more often starts its server with `startApiServer({ env: { SIGN_IN_LIMIT } })`.
 */
export async function loginAs(page: Page, baseUrl: string, role: Role): Promise<DemoAccount> {
  const account = demoAccount(role);
  await signInRequest(page.request, baseUrl, account.email, account.password);
  if (page.url().startsWith(baseUrl)) await page.reload();
  return account;
}

/** Signs out the page's browser context (and reloads an open page). */
export async function logout(page: Page, baseUrl: string): Promise<void> {
  const response = await page.request.post(`${baseUrl}/api/auth/sign-out`, {
    data: {},
    headers: { origin: baseUrl },
  });
  if (!response.ok()) throw new Error(`sign-out answered ${response.status()}: ${await response.text()}`);
  if (page.url().startsWith(baseUrl)) await page.reload();
}

/** POST /api/auth/sign-in/email with the browser's Origin; throws with the server's answer when refused. */
export async function signInRequest(
  request: APIRequestContext,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  const response = await request.post(`${baseUrl}/api/auth/sign-in/email`, {
    data: { email, password },
    headers: { origin: baseUrl },
  });
  if (!response.ok())
    throw new Error(`sign-in as ${email} answered ${response.status()}: ${await response.text()}`);
}

/**
 * The session cookie of a demo account for plain HTTP calls outside the browser (`fetch` from the test),
 * e.g. to prepare records through the API as the editor: `headers: { cookie, origin }`.
 */
export async function sessionCookie(baseUrl: string, role: Role): Promise<string> {
  const account = demoAccount(role);
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${account.email} answered ${response.status}: ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (cookies.length === 0) throw new Error(`sign-in as ${account.email} set no cookie`);
  return cookies.join('; ');
}

/** A tRPC mutation over HTTP with a session cookie, as any client would send it; returns the data or throws. */
export async function mutate<T>(baseUrl: string, cookie: string, path: string, input: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}
