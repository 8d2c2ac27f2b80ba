import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Database } from '@srt/db/client';
import { DEFAULT_IMPORT_MAX_MB } from '@srt/shared/import';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { type Auth, createAuth } from './auth/auth.ts';
import authRoute from './auth/route.ts';
import { userFromHeaders } from './auth/session.ts';
import { createContext } from './context.ts';
import type { Env } from './env.ts';
import importRoute from './import/route.ts';
import { createImportService } from './import/service.ts';
import { type AppRouter, appRouter } from './router.ts';
import { BODY_LIMIT, registerSecurity } from './security.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** better-auth: `userFromHeaders(app.auth, req.headers)` gives a route its signed-in user. */
    auth: Auth;
  }
}

/** Error codes that are the caller's doing: logged quietly, not as failures of the server. */
const EXPECTED = new Set([
  'BAD_REQUEST',
  'PARSE_ERROR',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
]);

export type ServerOptions = {
  database: Database;
  /** Unset values take their defaults (see env.ts); without AUTH_SECRET, sessions end with the process. */
  env: Pick<Env, 'WEB_DIST'> &
    Partial<
      Pick<
        Env,
        | 'TILE_URL'
        | 'PUBLIC_READ'
        | 'AUTH_SECRET'
        | 'BASE_URL'
        | 'TRUSTED_ORIGINS'
        | 'SIGN_IN_LIMIT'
        | 'TRUST_PROXY'
        | 'UPLOAD_DIR'
        | 'IMPORT_MAX_MB'
      >
    >;
  /** A pino logger (main.ts makes it; tests pass a silent one). */
  logger: FastifyBaseLogger;
};

/** Fastify's `trustProxy`; a hop count as a function (Fastify takes a number, but its types do not say so). */
const trustProxy = (value: Env['TRUST_PROXY'] | undefined) =>
  typeof value === 'number' ? (_address: string, hop: number) => hop < value : (value ?? false);

/** The HTTP server, not yet listening: tRPC on /trpc, /health, and the built web app. */
export async function buildServer({ database, env, logger }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    // Batched tRPC calls put every procedure path in one URL segment.
    routerOptions: { maxParamLength: 10_000 },
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxy(env.TRUST_PROXY),
  });
  const publicRead = env.PUBLIC_READ ?? true;

  await registerSecurity(app, {
    tileUrl: env.TILE_URL,
    baseUrl: env.BASE_URL,
    trustedOrigins: env.TRUSTED_ORIGINS,
  });
  const auth = createAuth({
    db: database.db,
    secret: env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    baseUrl: env.BASE_URL,
    trustedOrigins: env.TRUSTED_ORIGINS,
    signInLimit: env.SIGN_IN_LIMIT ?? 10,
    logger,
  });
  app.decorate('auth', auth);
  await app.register(authRoute, { auth });

  // PUBLIC_READ=false: the plain HTTP reads (export, …) need a signed-in user too, as tRPC reads do.
  if (!publicRead) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (!/^\/api\//.test(request.url) || /^\/api\/(auth|config)(\/|\?|$)/.test(request.url)) return;
      if (await userFromHeaders(auth, request.headers)) return;
      return reply.code(401).send({ error: 'Unauthorized', message: 'Sign in to read' });
    });
  }

  // Uploads wait for their commit in UPLOAD_DIR; commits run in this process, in the background.
  const imports = createImportService({
    db: database.db,
    dir: env.UPLOAD_DIR ?? join(tmpdir(), 'srt-uploads'),
    maxBytes: Math.round((env.IMPORT_MAX_MB ?? DEFAULT_IMPORT_MAX_MB) * 1024 * 1024),
    log: logger,
  });
  app.addHook('onClose', () => imports.close());

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: async ({ req, res }) =>
        createContext({
          db: database.db,
          user: await userFromHeaders(auth, req.headers, (cookies) => res.header('set-cookie', cookies)),
          publicRead,
          imports,
        }),
      onError({ error, path, req }) {
        if (EXPECTED.has(error.code))
          req.log.info({ path, code: error.code, reason: error.message }, 'bad request');
        else req.log.error({ path, err: error.cause ?? error }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  app.get('/health', async (_request, reply) => {
    try {
      return { ok: true, db: database.kind, version: await serverVersion(database) };
    } catch (error) {
      reply.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ ok: false, db: database.kind, version: '' });
    }
  });

  // What the web app needs to know of the configuration: the map's online tile layer, if any.
  app.get('/api/config', async () => ({ tileUrl: env.TILE_URL ?? null }));

  await app.register(import('./export/route.ts'), { db: database.db });
  await app.register(importRoute, { imports });
  await registerWebApp(app, env.WEB_DIST);
  return app;
}

/** The database server's version, e.g. `15.14` (PostgreSQL) or `18.7` (PGlite); also proves it answers. */
async function serverVersion({ driver }: Database): Promise<string> {
  const query = "select current_setting('server_version') as version";
  const { rows } =
    driver.kind === 'pglite'
      ? await driver.client.query<{ version: string }>(query)
      : await driver.client.query<{ version: string }>(query);
  return rows[0]?.version.split(' ')[0] ?? '';
}

const wantsHtml = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !/^\/(trpc|api)(\/|$|\?)/.test(request.url) &&
  (request.headers.accept ?? '').includes('text/html');

/**
 * The built SPA: files as they are (hashed assets cached for a year, index.html revalidated), and
 * index.html for any other page a browser asks for, so client-side routes survive a reload. API paths
 * and non-HTML requests get a plain 404.
 */
async function registerWebApp(app: FastifyInstance, dist: string): Promise<void> {
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(404)
      .send({ error: 'Not Found', message: `${request.method} ${request.url.split('?')[0]} not found` });

  if (!existsSync(join(dist, 'index.html'))) {
    const page =
      'Silk Road Tracker API is running, but the web app is not built.\n' +
      `Run \`pnpm build\` (or \`pnpm start\`, which builds it) to create ${dist}.\n` +
      'The API answers on /trpc and /health.\n';
    app.setNotFoundHandler((request, reply) =>
      wantsHtml(request) || request.url === '/'
        ? reply
            .code(request.url === '/' ? 200 : 404)
            .type('text/plain; charset=utf-8')
            .send(page)
        : notFound(request, reply),
    );
    app.log.warn({ dist }, 'web app not built: serving a notice instead');
    return;
  }

  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    cacheControl: false,
    setHeaders(reply, path) {
      const hashed = path.includes(`${sep}assets${sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) =>
    wantsHtml(request)
      ? reply.type('text/html; charset=utf-8').sendFile('index.html')
      : notFound(request, reply),
  );
}
