import '@mantine/core/styles/Timeline.css';
import { Badge, Group, Text, Timeline } from '@mantine/core';
import { countryName, EVENT_TYPES, label } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { EventDate } from '../../../components/event-date.tsx';
import type { Language } from '../../../i18n/index.ts';
import type { ProjectDetail } from './types.ts';

/** The project's events in date order, each with its date as precisely as it is known. */
export function EventsTimeline({ project, language }: { project: ProjectDetail; language: Language }) {
  const { t } = useTranslation('project');
  if (project.events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('events.none')}
      </Text>
    );
  }
  return (
    <>
      <Timeline bulletSize={14} lineWidth={2} active={project.events.length} data-testid="project-events">
        {project.events.map((e) => (
          <Timeline.Item
            key={e.id}
            title={
              <AnchorLink to="/events/$id" params={{ id: e.id }} size="sm" fw={500}>
                {e.title}
              </AnchorLink>
            }
          >
            <Group gap={6} mt={2}>
              <Badge size="xs" variant="light">
                {label(EVENT_TYPES, e.type, language)}
              </Badge>
              <Text size="xs" c="dimmed">
                <EventDate date={e.date} precision={e.datePrecision} language={language} />
                {[e.placeName, e.country ? countryName(e.country, language) : null]
                  .filter(Boolean)
                  .map((part) => ` · ${part}`)
                  .join('')}
              </Text>
            </Group>
          </Timeline.Item>
        ))}
      </Timeline>
      <AnchorLink to="/events" search={{ project: project.id }} size="sm" mt="xs" display="inline-block">
        {t('events.all')}
      </AnchorLink>
    </>
  );
}
