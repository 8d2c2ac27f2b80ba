/** What `GET /health` answers (apps/api/src/server.ts). */
export type Health = { ok: boolean; db: 'pglite' | 'postgres'; version: string };

const dbNames: Record<Health['db'], string> = {
  pglite: 'PGlite (embedded PostgreSQL)',
  postgres: 'PostgreSQL',
};

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

/** The status line's text, e.g. "API ok · PostgreSQL 16.4 · 1 project". */
export function describeHealth(health: Health, projectCount?: number): string {
  const parts = [health.ok ? 'API ok' : 'API degraded', `${dbNames[health.db]} ${health.version}`.trim()];
  if (projectCount !== undefined) {
    parts.push(
      `${new Intl.NumberFormat('en').format(projectCount)} ${projectCount === 1 ? 'project' : 'projects'}`,
    );
  }
  return parts.join(' · ');
}
