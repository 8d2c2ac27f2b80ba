import type { IncomingHttpHeaders } from 'node:http';
import { roleSchema } from '@srt/shared/auth';
import type { User } from '../context.ts';
import type { Auth } from './auth.ts';

/** Node's request headers (Fastify's `req.headers`) as a web `Headers`. */
export function toWebHeaders(headers: IncomingHttpHeaders | Headers): Headers {
  if (headers instanceof Headers) return headers;
  const web = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) web.append(name, item);
  }
  return web;
}

/**
 * The signed-in user of a request (from its session cookie), or null: no cookie, an unknown or expired
 * session, or a disabled account. For every route that is not tRPC (export, import upload) and for the
 * tRPC context. `onSetCookie` receives the refreshed cookie when better-auth extends the session.
 */
export async function userFromHeaders(
  auth: Auth,
  headers: IncomingHttpHeaders | Headers,
  onSetCookie?: (cookies: string[]) => void,
): Promise<User | null> {
  const web = toWebHeaders(headers);
  if (!web.get('cookie')) return null;
  const { headers: answer, response } = await auth.api.getSession({ headers: web, returnHeaders: true });
  const cookies = answer.getSetCookie();
  if (cookies.length && onSetCookie) onSetCookie(cookies);
  if (!response || response.user.banned) return null;
  const { user } = response;
  const role = roleSchema.safeParse(user.role);
  return { id: user.id, email: user.email, name: user.name, role: role.success ? role.data : 'viewer' };
}
