import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isJsonRequest } from '../security.ts';
import { AUTH_BASE_PATH, type Auth } from './auth.ts';
import { toWebHeaders } from './session.ts';

/**
 * The parts of better-auth the app uses; every other path under /api/auth (its admin endpoints,
 * impersonation, sign-up) answers 404 — users are managed through the audited `user` router.
 */
const FORWARDED: Record<string, 'GET' | 'POST'> = {
  '/sign-in/email': 'POST',
  '/sign-out': 'POST',
  '/get-session': 'GET',
  '/change-password': 'POST',
};

/** Sign-in bodies are a few hundred bytes; nothing here needs more. */
const AUTH_BODY_LIMIT = 16 * 1024;

// Hop-by-hop headers and ones that describe the original body, which is re-serialised below.
const DROPPED_REQUEST_HEADERS = [
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
];
const DROPPED_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'set-cookie']);

const notFound = (request: FastifyRequest, reply: FastifyReply) =>
  reply
    .code(404)
    .send({ error: 'Not Found', message: `${request.method} ${request.url.split('?')[0]} not found` });

/**
 * better-auth on /api/auth/*, as an ordinary Fastify route (so helmet, the Origin check, body limits and
 * logging apply): the request becomes a web `Request`, better-auth's `Response` is copied back.
 * `x-forwarded-for` is set from the connection (Fastify's `req.ip`), replacing whatever the client sent:
 * better-auth keys its sign-in rate limit on it, and a client-chosen value would let one attacker use
 * a fresh bucket per request, or lock everybody out by sharing one.
 */
export default async function authRoute(app: FastifyInstance, options: { auth: Auth }): Promise<void> {
  const { auth } = options;
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    bodyLimit: AUTH_BODY_LIMIT,
    handler: async (request, reply) => {
      const path = request.url.split('?')[0]?.slice(AUTH_BASE_PATH.length) ?? '';
      const method = FORWARDED[path];
      if (method === undefined) return notFound(request, reply);
      if (method !== request.method)
        return reply
          .code(405)
          .header('allow', method)
          .send({ error: 'Method Not Allowed', message: `${path} takes ${method}` });
      const hasBody = request.body !== undefined && request.body !== null;
      if (hasBody && !isJsonRequest(request))
        return reply
          .code(415)
          .send({ error: 'Unsupported Media Type', message: 'Send the body as application/json' });

      const headers = toWebHeaders(request.headers);
      for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
      headers.set('x-forwarded-for', request.ip);
      const url = new URL(request.url, `${request.protocol}://${request.host}`);
      const body = request.method === 'POST' ? JSON.stringify(hasBody ? request.body : {}) : undefined;
      if (body !== undefined) headers.set('content-type', 'application/json');
      const response = await auth.handler(new Request(url, { method: request.method, headers, body }));

      reply.code(response.status);
      response.headers.forEach((value, name) => {
        if (!DROPPED_RESPONSE_HEADERS.has(name)) reply.header(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      // Nothing from here may be stored by a shared cache: answers carry sessions and cookies.
      reply.header('cache-control', 'no-store');
      const payload = Buffer.from(await response.arrayBuffer());
      return reply.send(payload.length ? payload : null);
    },
  });
}
