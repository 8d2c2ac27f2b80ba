import { Alert, Badge, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { countryName, FOCUS_COUNTRIES, LOCATION_PRECISIONS, label } from '@srt/shared/codes';
import { lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n/index.ts';
import { type MapLocation, splitLocations } from '../../../map/geo.ts';

// Leaflet and the outlines load only when a project page shows its map.
const ProjectLocationsMap = lazy(() =>
  import('../../../map/project-locations-map.tsx').then((m) => ({ default: m.ProjectLocationsMap })),
);

type Props = { locations: readonly MapLocation[]; countries: readonly string[]; language: Language };

const coordinates = (l: MapLocation) =>
  l.lat === null || l.lon === null ? null : `${l.lat.toFixed(4)}, ${l.lon.toFixed(4)}`;

/**
 * Where the project is, as precisely as it is known: a small map with a pin for exact and near points
 * only; regions and whole countries are listed, not pinned; locations with a data problem are listed as
 * such and never drawn.
 */
export function Locations({ locations, countries, language }: Props) {
  const { t } = useTranslation('project');
  const layers = useMemo(() => splitLocations(locations), [locations]);
  const shown = countries.filter((c) => FOCUS_COUNTRIES.some((f) => f === c));
  const precision = (l: MapLocation) => label(LOCATION_PRECISIONS, l.precision, language);
  const withMap = layers.pin.length > 0 || shown.length > 0;

  return (
    <Stack gap="sm" data-testid="locations">
      <SimpleGrid cols={{ base: 1, md: withMap ? 2 : 1 }} spacing="md">
        {withMap && (
          <Stack gap={4}>
            <Suspense fallback={<Skeleton height={320} />}>
              <ProjectLocationsMap
                locations={locations}
                countries={shown}
                label={t('locations.mapLabel')}
                attribution={t('locations.attribution')}
                describePin={(pin) =>
                  t('locations.pin', {
                    name: pin.name,
                    precision: label(LOCATION_PRECISIONS, pin.precision, language),
                  })
                }
              />
            </Suspense>
            <Text size="xs" c="dimmed">
              {t('locations.legend')}
            </Text>
          </Stack>
        )}
        <Stack gap="sm">
          {locations.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('locations.none')}
            </Text>
          )}
          {layers.pin.length > 0 && (
            <LocationGroup title={t('locations.pins', { count: layers.pin.length })} testId="locations-pins">
              {layers.pin.map((l) => (
                <li key={l.id}>
                  <Text size="sm">{l.name}</Text>
                  <Group gap={6}>
                    <Badge size="xs" variant="light" color={l.precision === 'exact' ? 'red' : 'orange'}>
                      {precision(l)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {countryName(l.country, language)} · {coordinates(l)}
                    </Text>
                  </Group>
                </li>
              ))}
            </LocationGroup>
          )}
          {layers.region.length > 0 && (
            <LocationGroup
              title={t('locations.regions', { count: layers.region.length })}
              testId="locations-regions"
            >
              {layers.region.map((l) => (
                <li key={l.id}>
                  <Text size="sm">{l.name}</Text>
                  <Group gap={6}>
                    <Badge size="xs" variant="light" color="blue">
                      {precision(l)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {[countryName(l.country, language), l.admin1Code].filter(Boolean).join(' · ')}
                    </Text>
                  </Group>
                </li>
              ))}
            </LocationGroup>
          )}
          {layers.country.length > 0 && (
            <LocationGroup
              title={t('locations.countries', { count: layers.country.length })}
              testId="locations-countries"
            >
              {layers.country.map((l) => (
                <li key={l.id}>
                  <Text size="sm">
                    {countryName(l.country, language)}
                    {l.name !== countryName(l.country, 'en') && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({l.name})
                      </Text>
                    )}
                  </Text>
                </li>
              ))}
            </LocationGroup>
          )}
          {layers.problem.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              title={t('locations.problems', { count: layers.problem.length })}
              data-testid="locations-problems"
            >
              <Text size="xs" mb={4}>
                {t('locations.problemsHint')}
              </Text>
              <Stack component="ul" gap={4} pl={0} m={0} style={{ listStyle: 'none' }}>
                {layers.problem.map((l) => (
                  <li key={l.id}>
                    <Text size="sm">
                      {l.name} · {countryName(l.country, language)} · {precision(l)}
                      {coordinates(l) && ` · ${coordinates(l)}`}
                    </Text>
                    {l.problem ? (
                      // The import's own wording (English), kept as recorded.
                      <Text size="xs" c="dimmed" lang="en">
                        {l.problem}
                      </Text>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('locations.unusable')}
                      </Text>
                    )}
                  </li>
                ))}
              </Stack>
            </Alert>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function LocationGroup({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={4}>
        {title}
      </Text>
      <Stack component="ul" gap={6} pl={0} m={0} style={{ listStyle: 'none' }}>
        {children}
      </Stack>
    </div>
  );
}
