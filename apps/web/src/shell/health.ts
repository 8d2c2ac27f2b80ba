/** What `GET /health` answers (apps/api/src/server.ts), e.g. `{ ok: true, db: 'postgres', version: '15.14' }`. */
export type Health = { ok: boolean; db: 'pglite' | 'postgres'; version: string };

export function isHealth(value: unknown): value is Health {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.ok === 'boolean' && (v.db === 'pglite' || v.db === 'postgres') && typeof v.version === 'string'
  );
}

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const response = await fetch('/health', { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`API health check failed: HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!isHealth(body)) throw new Error('API health check returned an unexpected answer');
  return body;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The status line's text, e.g. "API ok · PostgreSQL 15.14 · 1 project". `version` is the database
 * server's version (PGlite embeds a PostgreSQL of its own).
 */
export function describeHealth(t: Translate, health: Health, projectCount?: number): string {
  const parts = [
    t(health.ok ? 'status.ok' : 'status.degraded'),
    t(health.db === 'pglite' ? 'status.pglite' : 'status.postgres', { version: health.version }),
  ];
  if (projectCount !== undefined) parts.push(t('status.projects', { count: projectCount }));
  return parts.join(' · ');
}
