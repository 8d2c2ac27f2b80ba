import { Alert, Skeleton, Stack } from '@mantine/core';
import { useLocation } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useSession } from '../auth/session.ts';
import { AnchorLink } from '../components/anchor-link.tsx';
import { useLazyTranslation } from '../i18n/lazy.ts';

/**
 * A form page's content for editors and admins only; anyone else is told why (with a way to sign in).
 * The API refuses their writes anyway: this only spares them a form they cannot save.
 */
export function EditorOnly({ children }: { children: ReactNode }) {
  const { t } = useLazyTranslation('entry');
  const { user, isLoading, canEdit } = useSession();
  const location = useLocation();
  if (isLoading) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton height={32} width="50%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (canEdit) return children;
  return (
    <Alert color="yellow" title={t('common.editorsOnly')} data-testid="editors-only">
      {user ? (
        t('common.notEditor')
      ) : (
        <AnchorLink to="/login" search={{ redirect: location.href }}>
          {t('common.signIn')}
        </AnchorLink>
      )}
    </Alert>
  );
}
