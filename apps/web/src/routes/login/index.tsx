import { createFileRoute } from '@tanstack/react-router';
import { LoginPage } from './-page.tsx';

export type LoginSearch = { redirect?: string };

export const Route = createFileRoute('/login/')({
  // Where to go after signing in; checked again (local paths only) before it is followed.
  validateSearch: (search: Record<string, unknown>): LoginSearch =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  component: LoginPage,
});
