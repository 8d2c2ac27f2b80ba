import { AppShell, Burger, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';
import { sections } from './navigation.ts';
import classes from './shell.module.css';
import { StatusLine } from './status-line.tsx';

/** Header (title, language), navigation, the route's page, and the API status line in the footer. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      footer={{ height: 36 }}
      padding="md"
    >
      <a className={classes.skip} href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={t('app.toggleNavigation')}
            />
            <Stack gap={2}>
              <h1 className={classes.title}>{t('app.title')}</h1>
              <p className={classes.tagline}>{t('app.tagline')}</p>
            </Stack>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <Stack gap={4}>
          {sections.map((s) => (
            <Link
              key={s.path}
              to={s.path}
              className={classes.link}
              activeOptions={{ exact: s.path === '/' }}
              onClick={close}
            >
              {t(`nav.${s.key}`)}
            </Link>
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
      <AppShell.Footer px="md" py={8}>
        <StatusLine />
      </AppShell.Footer>
    </AppShell>
  );
}
