import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { countryName, EVENT_TYPES, label } from '@srt/shared/codes';
import { useQuery } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/anchor-link.tsx';
import { EventDate } from '../../components/event-date.tsx';
import { languageName } from '../../components/language-name.ts';
import { formatDate } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import { trpc } from '../../trpc.ts';
import { groupTimeline } from './-timeline.ts';
import classes from './events.module.css';

export type EventRow = inferOutput<typeof trpc.event.list>['rows'][number];

/** The events grouped by year and month; year-only events in their own group at the end of their year. */
export function EventTimeline({
  events,
  language,
  stale,
}: {
  events: EventRow[] | undefined;
  language: Language;
  stale: boolean;
}) {
  const { t } = useTranslation('events');
  const years = useMemo(() => groupTimeline(events ?? []), [events]);
  if (!events) {
    return (
      <Stack gap="sm" aria-busy="true">
        {Array.from({ length: 4 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} height={72} />
        ))}
      </Stack>
    );
  }
  return (
    <Stack
      gap="lg"
      className={classes.timeline}
      data-stale={stale || undefined}
      aria-busy={stale}
      data-testid="event-timeline"
    >
      {years.map((y) => (
        <section key={y.year} aria-labelledby={`year-${y.year}`} data-year={y.year}>
          <Title order={3} id={`year-${y.year}`} className={classes.year}>
            {y.year}
          </Title>
          <Stack gap="md">
            {y.groups.map((g) => (
              <section key={g.key} aria-labelledby={`group-${g.key}`} data-group={g.key}>
                <Title order={4} id={`group-${g.key}`} className={classes.month}>
                  {g.month === null
                    ? t('yearOnly', { year: y.year })
                    : formatDate(`${g.key}-01`, language, 'month')}
                </Title>
                <Stack component="ol" gap="xs" className={classes.items}>
                  {g.items.map((e) => (
                    <EventItem key={e.id} event={e} language={language} />
                  ))}
                </Stack>
              </section>
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}

function EventItem({ event: e, language }: { event: EventRow; language: Language }) {
  const { t } = useTranslation('events');
  const place = [e.placeName, e.country ? countryName(e.country, language) : null].filter(Boolean).join(', ');
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      className={classes.item}
      data-testid="event-item"
      data-id={e.id}
      data-type={e.type}
    >
      <Group gap="xs" mb={4}>
        <Badge size="sm" variant="light" color={TYPE_COLORS[e.type] ?? 'gray'}>
          {label(EVENT_TYPES, e.type, language)}
        </Badge>
        <Text size="sm" fw={600} data-testid="event-date">
          <EventDate date={e.date} precision={e.datePrecision} language={language} />
        </Text>
        {e.datePrecision !== 'day' && (
          <Text size="xs" c="dimmed">
            {t(`precision.${e.datePrecision === 'year' ? 'year' : 'month'}`)}
          </Text>
        )}
      </Group>
      <AnchorLink to="/events/$id" params={{ id: e.id }} fw={500} data-testid="event-title">
        {e.title}
      </AnchorLink>
      {e.titleOriginal && e.titleOriginal !== e.title && (
        <Text size="sm" c="dimmed">
          <span lang={e.titleLanguage ?? undefined}>{e.titleOriginal}</span>
          {e.titleLanguage && ` (${languageName(e.titleLanguage, language)})`}
        </Text>
      )}
      <Text size="sm" c="dimmed" mt={2}>
        {place || t('noPlace')}
      </Text>
      <LinkedProjects eventId={e.id} count={e.projectCount} />
    </Paper>
  );
}

/**
 * The projects an event is linked to. The list gives only their number; the titles come from the event
 * itself (one batched request for the page, and the event page then opens from the cache).
 */
function LinkedProjects({ eventId, count }: { eventId: string; count: number }) {
  const { t } = useTranslation('events');
  const detail = useQuery({ ...trpc.event.byId.queryOptions({ id: eventId }), enabled: count > 0 });
  if (count === 0) {
    return (
      <Text size="xs" c="dimmed" mt={4}>
        {t('noProjects')}
      </Text>
    );
  }
  const projects = detail.data?.projects;
  return (
    <Group gap={6} mt={4} data-testid="linked-projects">
      <Text size="xs" c="dimmed">
        {t('linkedProjects', { count })}:
      </Text>
      {projects ? (
        projects.map((p) => (
          <AnchorLink key={p.id} to="/projects/$id" params={{ id: p.id }} size="xs">
            {p.title}
          </AnchorLink>
        ))
      ) : (
        <Skeleton height={12} width={200} />
      )}
    </Group>
  );
}

const TYPE_COLORS: Record<string, string> = {
  forum: 'indigo',
  conference: 'blue',
  meeting: 'cyan',
  signing: 'green',
  launch: 'orange',
  visit: 'grape',
  milestone: 'gray',
};
