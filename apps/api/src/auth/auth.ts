import type { Db } from '@srt/db/client';
import { accounts, rateLimits, sessions, users, verifications } from '@srt/db/schema';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@srt/shared/user';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import type { FastifyBaseLogger } from 'fastify';

/** The mount point of better-auth's HTTP routes. */
export const AUTH_BASE_PATH = '/api/auth';

export type AuthOptions = {
  db: Db;
  /** Signs the session cookie (see resolveAuthSecret). */
  secret: string;
  /** The public origin (`BASE_URL`); unset: taken from each request's Host. */
  baseUrl?: string | undefined;
  /** Further origins allowed to send state-changing requests (`TRUSTED_ORIGINS`). */
  trustedOrigins?: readonly string[];
  /** Sign-in attempts per client IP per minute (`SIGN_IN_LIMIT`). */
  signInLimit: number;
  logger: FastifyBaseLogger;
};

/**
 * better-auth with email + password only: sessions in the database (no cookie cache, so a role change or
 * a disabled account takes effect on the next request), no self sign-up (accounts come from
 * `pnpm user:create` or an admin), sign-in rate-limited per client IP in the database so every API
 * process shares the count. The admin plugin supplies `role` (viewer by default) and `banned` (a
 * disabled account: it cannot sign in).
 */
export function createAuth({ db, secret, baseUrl, trustedOrigins = [], signInLimit, logger }: AuthOptions) {
  const auth = betterAuth({
    appName: 'Silk Road Tracker',
    secret,
    baseURL: baseUrl,
    basePath: AUTH_BASE_PATH,
    trustedOrigins: [...trustedOrigins],
    database: drizzleAdapter(db, {
      provider: 'pg',
      usePlural: true,
      transaction: true,
      schema: { users, sessions, accounts, verifications, rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: { expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    user: { changeEmail: { enabled: false }, deleteUser: { enabled: false } },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: { '/sign-in/email': { window: 60, max: signInLimit } },
    },
    plugins: [
      admin({
        defaultRole: 'viewer',
        adminRoles: ['admin'],
        roles: { viewer: userAc, editor: userAc, admin: adminAc },
      }),
    ],
    advanced: {
      // better-auth turns its Origin check off when NODE_ENV=test; the tests must see the real thing.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      // The HTTP mount sets this header from the connection (Fastify's `req.ip`), never from the client.
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
      useSecureCookies: baseUrl?.startsWith('https://') ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message, ...args) => {
        const fields = args.length ? { details: args } : {};
        // Without BASE_URL the origin comes from each request, as intended (main.ts says so once).
        if (message.includes('Base URL is not set')) logger.debug(fields, `auth: ${message}`);
        else if (level === 'error') logger.error(fields, `auth: ${message}`);
        else if (level === 'warn') logger.warn(fields, `auth: ${message}`);
        else logger.debug(fields, `auth: ${message}`);
      },
    },
  });
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;
