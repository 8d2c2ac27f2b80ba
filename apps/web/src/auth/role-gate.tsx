import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import type { Role } from '@srt/shared/auth';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.ts';

type Props = {
  /** The role the page needs: editors (admins too) or admins. */
  needs: Extract<Role, 'editor' | 'admin'>;
  /** The page's title, shown above the notice. */
  title?: string | undefined;
  /** Why, to a visitor who is not signed in ("Importing needs an editor account. Sign in …"). */
  signedOut: string;
  /** Why, to a signed-in user whose role is not enough; gets the role's name ("viewer"). */
  signedIn: (role: string) => string;
  children: ReactNode;
};

/**
 * A page (or part of one) for editors or admins only. Anyone else is told why, with a sign-in link that
 * comes back here when they are not signed in. The API refuses their calls anyway: this only spares
 * them a page they cannot use. Test id: `needs-editor` / `needs-admin`.
 */
export function RoleGate({ needs, title, signedOut, signedIn, children }: Props) {
  const { t } = useTranslation('common');
  const { user, canEdit, isAdmin, isLoading } = useSession();
  const href = useRouterState({ select: (s) => s.location.href });
  if (isLoading) return <Loader aria-label={t('state.loading')} />;
  if (user && (needs === 'admin' ? isAdmin : canEdit)) return children;
  return (
    <Stack maw={640}>
      {title && <Title order={2}>{title}</Title>}
      <Alert color="yellow" data-testid={`needs-${needs}`}>
        <Text>{user ? signedIn(t(`roles.${user.role}`)) : signedOut}</Text>
        {!user && (
          <Link to="/login" search={{ redirect: href }}>
            {t('account.signIn')}
          </Link>
        )}
      </Alert>
    </Stack>
  );
}
