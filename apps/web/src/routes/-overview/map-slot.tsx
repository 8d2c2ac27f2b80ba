import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { decodePoints } from '@srt/shared/map-points';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectFilter } from '../../filter/use-project-filter.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { mapConfigQuery } from '../../map/map-config.ts';
import { trpc } from '../../trpc.ts';

// Leaflet, supercluster and the shapes load only when the overview shows the map: never in the first chunk.
const OverviewMap = lazy(() => import('../../map/overview-map.tsx'));

const HEIGHT = 380;

/** The overview's map: projects per country and the exact/near pins for the URL filter; /map has the rest. */
export function MapSlot() {
  const { t } = useTranslation('map');
  const language = useLanguage();
  const navigate = useNavigate();
  const { filter } = useProjectFilter();
  const summary = useQuery(trpc.map.summary.queryOptions(filter, { placeholderData: keepPreviousData }));
  const points = useQuery(
    trpc.map.points.queryOptions(filter, { placeholderData: keepPreviousData, select: decodePoints }),
  );
  const config = useQuery(mapConfigQuery);
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="overview-map-title"
      data-testid="overview-map"
    >
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h5" id="overview-map-title">
            {t('overview.title')}
          </Title>
          <Anchor
            size="sm"
            renderRoot={(props) => <Link to="/map" search={{ ...filter, level: 'country' }} {...props} />}
          >
            {t('overview.open')}
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('overview.intro')}
        </Text>
        {summary.error ? (
          <Text size="sm" c="red" role="alert">
            {t('error', { message: summary.error.message })}
          </Text>
        ) : summary.data ? (
          <Suspense fallback={<Skeleton height={HEIGHT} />}>
            <OverviewMap
              summary={summary.data}
              points={points.data}
              countries={filter.countries}
              tileUrl={config.data?.tileUrl}
              language={language}
              onCountry={(country) =>
                void navigate({ to: '/map', search: { ...filter, level: 'country', area: country } })
              }
            />
          </Suspense>
        ) : (
          <Skeleton height={HEIGHT} />
        )}
      </Stack>
    </Paper>
  );
}
