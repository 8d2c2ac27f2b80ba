import type { QueryClient } from '@tanstack/react-query';
import { trpc } from '../trpc.ts';

/**
 * After any save, delete or restore: every cached read is stale (lists, totals, facets, the map, the
 * record itself) and is read again when next shown; the ones on screen now that do not re-mount — the
 * footer's project count — are read again at once.
 */
export async function afterWrite(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ refetchType: 'none' });
  void queryClient.refetchQueries({ queryKey: trpc.project.list.pathKey(), type: 'active' });
}
