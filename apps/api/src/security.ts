import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Fastify's default, stated: JSON bodies (tRPC, export, auth) stay far below 1 MiB. */
export const BODY_LIMIT = 1024 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_PATH = /^\/(trpc|api)(\/|\?|$)/;

/**
 * The map's tile host for `img-src`, from a template such as `https://{s}.tile.example.org/{z}/{x}/{y}.png`:
 * a placeholder label becomes the wildcard (`https://*.tile.example.org`).
 */
export function tileSource(tileUrl: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/.exec(tileUrl);
  if (!match) return null;
  const [, scheme, authority = ''] = match;
  const labels = authority.split('.').map((label) => (label.includes('{') ? '*' : label));
  // A CSP host may only have a wildcard as its first label; anything else falls back to the scheme.
  if (labels.slice(1).includes('*') || labels.some((l) => /[{}]/.test(l))) return `${scheme}:`;
  return `${scheme}://${labels.join('.')}`;
}

/**
 * The Content-Security-Policy the web app runs under. `style-src 'unsafe-inline'`: Mantine injects
 * style tags. No inline scripts, no eval, no framing; images from the app itself, data:/blob: URLs
 * (map markers, exported charts) and, when `TILE_URL` is set, the tile server.
 */
export function cspDirectives(tileUrl: string | undefined): Record<string, string[]> {
  const tiles = tileUrl ? tileSource(tileUrl) : null;
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  };
}

/** `content-type: application/json` (any charset). */
export function isJsonRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Security headers (helmet, with the CSP above) and the CSRF rules for every state-changing request
 * (anything but GET, HEAD, OPTIONS) to /trpc and /api/*:
 * - an `Origin` header, when present, must be the server's own origin (the request's Host, or
 *   `BASE_URL`) or one of `TRUSTED_ORIGINS`, else 403 — browsers send it with every cross-site POST,
 *   so a page elsewhere cannot act with a user's cookies; a request without one (curl, a script) has no
 *   cookies a browser attached on its own and passes;
 * - `Sec-Fetch-Site: cross-site` is refused the same way;
 * - tRPC mutations must be `POST` with `content-type: application/json` (415 otherwise), which a plain
 *   HTML form cannot send. better-auth checks the Origin of its own routes again, and the session cookie
 *   is SameSite=Lax on top.
 */
export async function registerSecurity(
  app: FastifyInstance,
  options: { tileUrl?: string | undefined; baseUrl?: string | undefined; trustedOrigins?: readonly string[] },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(options.tileUrl) },
  });

  const trusted = new Set([...(options.trustedOrigins ?? []), ...(options.baseUrl ? [options.baseUrl] : [])]);
  const allowed = (request: FastifyRequest, origin: string) => {
    const parsed = originOf(origin);
    if (parsed === null) return false;
    return trusted.has(parsed) || parsed === originOf(`${request.protocol}://${request.host}`);
  };

  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !API_PATH.test(request.url)) return;
    const { origin } = request.headers;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if ((origin !== undefined && !allowed(request, origin)) || crossSite) {
      request.log.info({ origin, url: request.url }, 'refused: cross-origin request');
      return reply
        .code(403)
        .send({ error: 'Forbidden', message: 'Cross-origin requests may not change anything here' });
    }
    if (request.url.startsWith('/trpc') && !isJsonRequest(request)) {
      return reply.code(415).send({
        error: 'Unsupported Media Type',
        message: 'tRPC calls that change data take application/json',
      });
    }
  });
}
