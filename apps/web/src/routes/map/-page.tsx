import '@mantine/core/styles/Grid.css';
import '@mantine/core/styles/Accordion.css';
import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/Divider.css';
import { Accordion, Alert, Button, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { choroplethLegend, choroplethScale } from '@srt/shared/choropleth';
import { countryName, FOCUS_COUNTRIES } from '@srt/shared/codes';
import { decodePoints, type EncodedPoints } from '@srt/shared/map-points';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterNotice } from '../../filter/filter-notice.tsx';
import { activeFilterCount } from '../../filter/search.ts';
import { useProjectFilter } from '../../filter/use-project-filter.ts';
import { formatNumber, formatUsd } from '../../format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { mapConfigQuery } from '../../map/map-config.ts';
import { chooseBasis, type Level, type Metric, metricValues, priceBases } from '../../map/map-model.ts';
import { OfficialsMap } from '../../map/officials-map.tsx';
import { regionShapes } from '../../map/shapes.ts';
import { trpc } from '../../trpc.ts';
import { regionNames } from '../countries/-brief/shape.ts';
import { FilterPanel } from '../projects/-filter-panel.tsx';
import { MapControls } from './-controls.tsx';
import { MapLegend } from './-legend.tsx';
import { MapTable } from './-map-table.tsx';
import { PinPopup } from './-pin-popup.tsx';
import { DEFAULT_LEVEL, DEFAULT_METRIC, type MapSearch, parseArea, sanitizeMapSearch } from './-search.ts';
import { SidePanel } from './-side-panel.tsx';

const MAP_HEIGHT = 560;

/** Decodes the compact points; the mark lets apps/web/bench time "data arrived → map drawn". */
function decodeArrived(encoded: EncodedPoints) {
  performance.mark('map:data');
  return decodePoints(encoded);
}

/**
 * /map: where the projects are and how much money, for the same URL filter as /projects. Countries or
 * admin-1 regions coloured by a metric, exact/near pins clustered, a side panel for the country or region
 * clicked, and the same content as a table for keyboard and screen-reader users.
 */
export function MapPage() {
  const { t } = useTranslation('map');
  const language = useLanguage();
  const search = useSearch({ from: '/map/' });
  const navigate = useNavigate({ from: '/map/' });
  const { filter, patchFilter, clearFilter } = useProjectFilter();
  const level = search.level ?? DEFAULT_LEVEL;
  const metric = search.metric ?? DEFAULT_METRIC;
  const area = parseArea(search.area);

  const summary = useQuery(trpc.map.summary.queryOptions(filter, { placeholderData: keepPreviousData }));
  const points = useQuery(
    trpc.map.points.queryOptions(filter, { placeholderData: keepPreviousData, select: decodeArrived }),
  );
  const facets = useQuery(trpc.project.facets.queryOptions(filter, { placeholderData: keepPreviousData }));
  const config = useQuery(mapConfigQuery);
  const panel = useQuery(
    trpc.map.panel.queryOptions(area ? { filter, country: area.country, region: area.region } : skipToken, {
      placeholderData: keepPreviousData,
    }),
  );

  const setSearch = useCallback(
    (patch: Partial<Pick<MapSearch, 'level' | 'metric' | 'basis' | 'area'>>) =>
      navigate({
        search: (prev) => {
          const next = { ...prev, ...patch };
          return sanitizeMapSearch(next).value;
        },
      }),
    [navigate],
  );

  const names = useMemo(() => regionNames(regionShapes, language), [language]);
  const nameOf = useCallback(
    (key: string) => (key.includes('.') ? (names.get(key) ?? key) : countryName(key, language)),
    [names, language],
  );

  const bases = useMemo(
    () => (summary.data && metric !== 'projects' ? priceBases(summary.data, level, metric) : []),
    [summary.data, level, metric],
  );
  const basis = chooseBasis(bases, search.basis);
  const keys = useMemo(() => polygonKeys(level, filter.countries), [level, filter.countries]);
  const values = useMemo(
    () => (summary.data ? metricValues(summary.data, level, metric, basis) : {}),
    [summary.data, level, metric, basis],
  );
  const scale = useMemo(() => choroplethScale(keys.map((k) => values[k])), [keys, values]);
  const formatValue = useCallback(
    (value: number) =>
      metric === 'projects' ? formatNumber(value, language) : formatUsd(String(value), language, 'compact'),
    [metric, language],
  );
  const legend = useMemo(
    () => choroplethLegend(scale, formatValue, t('legend.noData'), { alwaysNoData: true }),
    [scale, formatValue, t],
  );
  const describe = useCallback(
    (key: string) => {
      const value = values[key];
      const text =
        value === undefined || value === null
          ? t('legend.noData')
          : metric === 'projects'
            ? t('metricValue.projects', { count: Number(value) })
            : formatUsd(String(value), language, 'compact');
      return `${nameOf(key)}: ${text}`;
    },
    [values, metric, language, nameOf, t],
  );

  const select = useCallback(
    (key: string) => setSearch({ area: search.area === key ? undefined : key }),
    [setSearch, search.area],
  );
  const active = activeFilterCount(filter);
  const error = summary.error ?? points.error;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <FilterNotice sanitize={sanitizeMapSearch} />
      <Accordion variant="contained" defaultValue={active > 0 ? 'filter' : null}>
        <Accordion.Item value="filter">
          <Accordion.Control>
            {active > 0 ? t('filter.active', { count: active }) : t('filter.none')}
          </Accordion.Control>
          <Accordion.Panel>
            <FilterPanel
              filter={filter}
              facets={facets.data}
              onChange={patchFilter}
              onClear={clearFilter}
              language={language}
            />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <MapControls
          level={level}
          metric={metric}
          basis={basis}
          bases={bases}
          language={language}
          onLevel={(next: Level) => setSearch({ level: next, area: undefined })}
          onMetric={(next: Metric) => setSearch({ metric: next })}
          onBasis={(next) => setSearch({ basis: next })}
        />
        <Group gap={6} mih={28} role="status" aria-live="polite">
          {(summary.isFetching || points.isFetching) && <Loader size="xs" />}
          <Text size="sm" c="dimmed" data-testid="map-status">
            {points.data ? t('status.pins', { count: points.data.count }) : t('status.loading')}
          </Text>
        </Group>
      </Group>
      {error && (
        <Alert color="red" role="alert" title={t('error', { message: error.message })}>
          <Button
            variant="light"
            color="red"
            onClick={() => {
              void summary.refetch();
              void points.refetch();
            }}
          >
            {t('common:actions.retry')}
          </Button>
        </Alert>
      )}
      <Grid gap="md" align="stretch">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="xs">
            <OfficialsMap
              level={level}
              values={values}
              scale={scale}
              describe={describe}
              selectedKey={area ? (area.region ?? area.country) : null}
              onSelect={select}
              points={points.data}
              describeCluster={(count) => t('clusters.describe', { count })}
              renderPin={(pin, update) => (
                <PinPopup filter={filter} pin={pin} language={language} onLoaded={update} />
              )}
              tileUrl={config.data?.tileUrl}
              attribution={t('attribution')}
              label={t('mapLabel')}
              height={MAP_HEIGHT}
            />
            <MapLegend
              level={level}
              metric={metric}
              basis={basis}
              legend={legend}
              summary={summary.data}
              language={language}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <SidePanel
            area={area}
            title={area ? nameOf(area.region ?? area.country) : ''}
            countryTitle={area ? countryName(area.country, language) : ''}
            data={panel.data}
            busy={panel.isFetching}
            error={panel.error}
            filter={filter}
            language={language}
            onClose={() => setSearch({ area: undefined })}
            onCountry={(country) => setSearch({ area: country })}
            height={MAP_HEIGHT}
          />
        </Grid.Col>
      </Grid>
      <MapTable
        level={level}
        summary={summary.data}
        nameOf={nameOf}
        selectedKey={search.area ?? null}
        onSelect={select}
        language={language}
      />
    </Stack>
  );
}

/** The polygons of a level that the filter's countries leave on the map (for the classes' "no data"). */
function polygonKeys(level: Level, countries: readonly string[] | undefined): string[] {
  const drawn = FOCUS_COUNTRIES.filter((c) => !countries?.length || countries.includes(c));
  if (level === 'country') return drawn;
  return [
    ...new Set(
      regionShapes.features
        .filter((f) => drawn.some((c) => c === f.properties.iso_a2))
        .map((f) => f.properties.code_hasc),
    ),
  ];
}
