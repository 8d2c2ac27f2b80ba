import { hasRole } from '@srt/shared/auth';
import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { queryClient, trpc, type trpcClient } from '../trpc.ts';

/** The signed-in user as the API describes it (`user.me`). */
export type User = NonNullable<Awaited<ReturnType<typeof trpcClient.user.me.query>>>;

export type Session = {
  user: User | null;
  isLoading: boolean;
  /** Editors and admins: edit controls render only when this is true. */
  canEdit: boolean;
  isAdmin: boolean;
};

/** tRPC's code on a client error (`UNAUTHORIZED`, `FORBIDDEN`, …), if it is one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = (error as { data?: { code?: unknown } }).data;
  return typeof data?.code === 'string' ? data.code : undefined;
}

/**
 * Who is signed in. The answer is shared by every component (one `user.me` call, batched with the page's
 * own reads) and refreshed after sign-in and sign-out. An API that refuses anonymous reads
 * (`PUBLIC_READ=false`) answers UNAUTHORIZED: that is an anonymous visitor too.
 */
export function useSession(): Session {
  const { data, isLoading } = useQuery({
    ...trpc.user.me.queryOptions(),
    staleTime: 5 * 60_000,
    retry: (count, error) => errorCode(error) !== 'UNAUTHORIZED' && count < 1,
  });
  const user = data ?? null;
  return {
    user,
    isLoading,
    canEdit: hasRole(user?.role, 'editor'),
    isAdmin: hasRole(user?.role, 'admin'),
  };
}

export type SignInResult =
  | { ok: true }
  | { ok: false; reason: 'credentials' | 'disabled' | 'failed' }
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number | null };

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

/** Seconds to wait from a 429 answer (`X-Retry-After` from the auth library, `Retry-After` from a proxy). */
function retryAfter(response: Response): number | null {
  const value = Number(response.headers.get('x-retry-after') ?? response.headers.get('retry-after') ?? NaN);
  return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : null;
}

/** Email + password sign-in (the session cookie is HttpOnly: set and read by the server only). */
export async function signIn(
  email: string,
  password: string,
  client: QueryClient = queryClient,
): Promise<SignInResult> {
  let response: Response;
  try {
    response = await postJson('/api/auth/sign-in/email', { email, password });
  } catch {
    return { ok: false, reason: 'failed' };
  }
  if (response.ok) {
    // Everything cached was read as someone else (or no one): read it again as this user.
    await client.invalidateQueries();
    return { ok: true };
  }
  if (response.status === 429)
    return { ok: false, reason: 'rateLimited', retryAfterSeconds: retryAfter(response) };
  if (response.status === 401) return { ok: false, reason: 'credentials' };
  // A disabled (banned) account is refused with 403.
  if (response.status === 403) return { ok: false, reason: 'disabled' };
  return { ok: false, reason: 'failed' };
}

/** Ends the session, then drops everything cached for the user who was signed in. */
export async function signOut(client: QueryClient = queryClient): Promise<boolean> {
  let ok = false;
  try {
    ok = (await postJson('/api/auth/sign-out', {})).ok;
  } finally {
    await client.resetQueries();
  }
  return ok;
}

/** A local path to return to after sign-in; anything else (another site, `//host`) is refused. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\')
    ? value
    : '/';
}

/**
 * When the API refuses a read to an anonymous visitor (`PUBLIC_READ=false`), send them to `/login`, with
 * the page they wanted as `?redirect=`. Registered once on the query cache, so every page gets it.
 */
export function sendAnonymousToLogin(
  client: QueryClient,
  goToLogin: (redirect: string) => void,
  currentPath: () => string,
): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'error') return;
    if (errorCode(event.action.error) !== 'UNAUTHORIZED') return;
    const here = currentPath();
    if (here === '/login' || here.startsWith('/login?')) return;
    goToLogin(here);
  });
}
