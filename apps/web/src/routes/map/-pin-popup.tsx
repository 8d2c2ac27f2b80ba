import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { ACTIVITY_STATUS, label } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import type { DrawnPin } from '../../map/clusters.ts';
import { flowFigures } from '../../map/map-model.ts';
import { trpc } from '../../trpc.ts';
import { FlowSums } from './-figures.tsx';
import classes from './map.module.css';

type Props = { filter: ProjectFilter; pin: DrawnPin; language: Language; onLoaded: () => void };

/**
 * A pin's popup (rendered by React into Leaflet's popup through a portal: every text is a text node). One
 * pin can stand for several projects at the same point: each with title, status, committed, disbursed and
 * pledged USD, and a link to its page.
 */
export function PinPopup({ filter, pin, language, onLoaded }: Props) {
  const { t } = useTranslation('map');
  const found = useQuery(trpc.map.pin.queryOptions({ filter, x: pin.x, y: pin.y }));
  useEffect(() => {
    if (found.data || found.error) onLoaded();
  }, [found.data, found.error, onLoaded]);

  if (found.isPending) return <Loader size="sm" aria-label={t('status.loading')} />;
  if (found.error) return <Text size="sm">{t('popup.error', { message: found.error.message })}</Text>;
  const { projects, total } = found.data;
  if (projects.length === 0) return <Text size="sm">{t('popup.none')}</Text>;
  return (
    <Stack gap="xs" data-testid="pin-popup" className={classes.popup}>
      <Text size="xs" c="dimmed">
        {t(pin.near ? 'popup.near' : 'popup.exact')}
        {total > 1 ? ` · ${t('popup.count', { count: total })}` : ''}
      </Text>
      {projects.map((p) => (
        <Stack key={p.id} gap={2}>
          <Anchor
            size="sm"
            fw={600}
            renderRoot={(rootProps) => <Link to="/projects/$id" params={{ id: p.id }} {...rootProps} />}
          >
            {p.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[p.status === null ? null : label(ACTIVITY_STATUS, p.status, language), p.places.join(', ')]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Group gap="md" align="flex-start" wrap="wrap">
            {flowFigures(p.amounts).map((figure) => (
              <Stack key={figure.flow} gap={0}>
                <Text size="xs" fw={500}>
                  {t(`figures.${figure.flow}`)}
                </Text>
                <FlowSums figure={figure} language={language} />
              </Stack>
            ))}
          </Group>
        </Stack>
      ))}
      {total > projects.length && (
        <Text size="xs" c="dimmed">
          {t('panel.more', { count: total - projects.length })}
        </Text>
      )}
    </Stack>
  );
}
