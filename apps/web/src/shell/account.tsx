import { Button, Group } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signOut, useSession } from '../auth/session.ts';
import { hasUnsavedChanges } from '../forms/unsaved-registry.ts';
import classes from './shell.module.css';

/**
 * "Sign in" for visitors (back to this page afterwards); the user's name, role and "Sign out" when
 * signed in. `tone` follows where it sits: the dark header or the light mobile menu.
 */
export function Account({ tone }: { tone: 'header' | 'menu' }) {
  const { t } = useTranslation();
  const { user, isLoading } = useSession();
  const href = useRouterState({ select: (s) => s.location.href });
  const [leaving, setLeaving] = useState(false);
  if (isLoading) return null;
  if (!user) {
    const onLogin = href === '/login' || href.startsWith('/login?') || href.startsWith('/login/');
    return (
      <Link
        to="/login"
        search={onLogin ? (prev) => prev : { redirect: href }}
        className={tone === 'header' ? classes.headerLink : classes.link}
      >
        {t('account.signIn')}
      </Link>
    );
  }
  return (
    <Group
      role="group"
      aria-label={t('account.label')}
      gap={8}
      wrap="nowrap"
      className={tone === 'header' ? classes.accountDark : classes.accountLight}
    >
      <span className={classes.user} title={user.email} data-testid="account-user">
        {user.name || user.email}
      </span>
      <span className={classes.role} data-testid="account-role" title={user.name || user.email}>
        {t(`roles.${user.role}`)}
      </span>
      <Button
        size="compact-sm"
        variant={tone === 'header' ? 'subtle' : 'default'}
        color={tone === 'header' ? 'gray.0' : undefined}
        loading={leaving}
        onClick={() => {
          if (hasUnsavedChanges() && !window.confirm(t('account.unsavedSignOut'))) return;
          setLeaving(true);
          void signOut().finally(() => setLeaving(false));
        }}
      >
        {t('account.signOut')}
      </Button>
    </Group>
  );
}
