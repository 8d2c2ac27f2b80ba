import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** Any address no route matches. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Text>{t('state.notFound')}</Text>
      <Link to="/">{t('state.backHome')}</Link>
    </Stack>
  );
}

/** A route that failed to load (its chunk, or an error thrown while rendering). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      role="alert"
      title={t('state.error', { message: error instanceof Error ? error.message : String(error) })}
    >
      <Button variant="light" color="red" onClick={reset}>
        {t('actions.retry')}
      </Button>
    </Alert>
  );
}

/** A section that exists in the menu but whose page is still being built. */
export function ComingSoon({ section }: { section: 'overview' | 'projects' | 'events' | 'map' }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t(`nav.${section}`)}</Title>
      <Text>{t(`sections.${section}`)}</Text>
      <Text c="dimmed">{t('state.building')}</Text>
    </Stack>
  );
}
