import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.ts';
import { Account } from './account.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { sections, staffSectionsFor } from './navigation.ts';
import classes from './shell.module.css';
import { StatusLine } from './status-line.tsx';

/**
 * Header (title, main navigation, language), the route's page, and the API status line in the footer.
 * The navigation sits in the header so tables get the full width; on small screens it moves into a
 * drawer-like navbar behind the burger.
 */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { user } = useSession();
  const links = (className: string | undefined) =>
    [...sections, ...staffSectionsFor(user?.role)].map((s) => (
      <Link
        key={s.path}
        to={s.path}
        className={className}
        activeOptions={{ exact: s.path === '/' }}
        onClick={close}
      >
        {t(`nav.${s.key}`)}
      </Link>
    ));
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }}
      padding="md"
    >
      <a className={classes.skip} href="#main" data-print-hide>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className={classes.header} data-print-hide>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="lg">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={t('app.toggleNavigation')}
              aria-expanded={opened}
            />
            <div className={classes.brand}>
              <h1 className={classes.title}>{t('app.title')}</h1>
              <p className={classes.tagline}>{t('app.tagline')}</p>
            </div>
            <Group component="nav" aria-label={t('nav.label')} gap={2} visibleFrom="sm" wrap="nowrap" ml="md">
              {links(classes.headerLink)}
            </Group>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Group visibleFrom="sm" wrap="nowrap">
              <Account tone="header" />
            </Group>
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      {opened && (
        <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')} hiddenFrom="sm" data-print-hide>
          {links(classes.link)}
          <Account tone="menu" />
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" className={classes.main}>
        <Outlet />
      </AppShell.Main>
      {/* At the end of the page rather than fixed: the status matters when something is wrong, not always. */}
      <footer className={classes.footer} data-print-hide>
        <StatusLine />
      </footer>
    </AppShell>
  );
}
