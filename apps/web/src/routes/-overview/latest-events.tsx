import { Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { countryName, DATE_PRECISION_CODES, type DatePrecision, EVENT_TYPES, label } from '@srt/shared/codes';
import { Link } from '@tanstack/react-router';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import type { trpc } from '../../trpc.ts';

export type EventRow = inferOutput<typeof trpc.event.list>['rows'][number];

const precisionOf = (value: string): DatePrecision =>
  DATE_PRECISION_CODES.find((code) => code === value) ?? 'day';

type Props = {
  events: EventRow[] | undefined;
  language: Language;
  error: { message: string } | null;
  busy: boolean;
};

/** The newest events linked to the filtered projects, each dated as precisely as it is known. */
export function LatestEvents({ events, language, error, busy }: Props) {
  const { t } = useTranslation('overview');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="latest-events-title" aria-busy={busy}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5" id="latest-events-title">
            {t('events.title')}
          </Title>
          <Anchor size="sm" renderRoot={(props) => <Link to="/events" {...props} />}>
            {t('events.all')}
          </Anchor>
        </Group>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {t('events.error', { message: error.message })}
          </Alert>
        )}
        {!events && !error && [0, 1, 2, 3].map((i) => <Skeleton key={i} height={44} />)}
        {events?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('events.none')}
          </Text>
        )}
        {events && events.length > 0 && (
          <Stack
            gap="sm"
            component="ol"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
            data-testid="latest-events"
          >
            {events.map((event) => (
              <li key={event.id}>
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={event.date}>
                      {formatDate(event.date, language, precisionOf(event.datePrecision))}
                    </time>
                  </Text>
                  <Badge size="xs" variant="light" color="gray" style={{ flex: 'none' }}>
                    {label(EVENT_TYPES, event.type, language)}
                  </Badge>
                </Group>
                <Anchor
                  size="sm"
                  fw={500}
                  lineClamp={2}
                  renderRoot={(props) => <Link to="/events/$id" params={{ id: event.id }} {...props} />}
                >
                  {event.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {[event.placeName, event.country ? countryName(event.country, language) : null]
                    .filter(Boolean)
                    .join(', ')}
                  {event.projectCount > 0 && ` · ${t('events.projects', { count: event.projectCount })}`}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
