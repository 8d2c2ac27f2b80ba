import { queryOptions } from '@tanstack/react-query';

/** What `GET /api/config` answers (apps/api/src/server.ts): the map's online tile layer, or null (offline). */
export type MapConfig = { tileUrl: string | null };

export function isMapConfig(value: unknown): value is MapConfig {
  if (typeof value !== 'object' || value === null || !('tileUrl' in value)) return false;
  const { tileUrl } = value;
  return tileUrl === null || (typeof tileUrl === 'string' && /^https?:\/\//.test(tileUrl));
}

async function fetchMapConfig(): Promise<MapConfig> {
  const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
  if (!response.ok) return { tileUrl: null };
  const body: unknown = await response.json();
  return isMapConfig(body) ? body : { tileUrl: null };
}

/** Read once per session; without an answer the map simply stays offline. */
export const mapConfigQuery = queryOptions({
  queryKey: ['api', 'config'],
  queryFn: fetchMapConfig,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});
