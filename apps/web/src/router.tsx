import { createRouter } from '@tanstack/react-router';
import { sendAnonymousToLogin } from './auth/session.ts';
import { routeTree } from './routeTree.gen.ts';
import { queryClient } from './trpc.ts';

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  scrollRestoration: true,
});

// PUBLIC_READ=false: a read refused to an anonymous visitor leads to the sign-in page, then back.
sendAnonymousToLogin(
  queryClient,
  (redirect) => void router.navigate({ to: '/login', search: { redirect } }),
  () => router.state.location.href,
);

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
