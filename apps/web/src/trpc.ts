import type { AppRouter } from '@srt/api/router';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchStreamLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

/** The one place the API client is made. Plain JSON on the wire: no transformer, as on the server. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
  },
});

/**
 * Calls made together still travel in one request, but each answer streams back as soon as it is ready:
 * the table does not wait for the slower totals and charts after a filter change.
 */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchStreamLink({ url: '/trpc' })],
});

/** `useQuery(trpc.project.list.queryOptions(input))` — typed from the API's router. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
