import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ChoroplethLegendEntry } from '@srt/shared/choropleth';
import { priceBasisLabel } from '@srt/shared/codes';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import { ChoroplethLegend } from '../../map/choropleth-legend.tsx';
import type { Level, Metric, Summary } from '../../map/map-model.ts';
import classes from './map.module.css';

type Props = {
  level: Level;
  metric: Metric;
  basis: string;
  legend: readonly ChoroplethLegendEntry[];
  summary: Summary | undefined;
  language: Language;
};

/**
 * The key to the map: the colour classes of the metric (ranges of the data), and what each kind of mark
 * means under the precision rule — pins only for exact/near locations, shading for regions, country-level
 * projects and data problems listed, never drawn.
 */
export function MapLegend({ level, metric, basis, legend, summary, language }: Props) {
  const { t } = useTranslation('map');
  const problems = summary?.countries.reduce((n, c) => n + c.problemLocations, 0);
  const title =
    metric === 'projects'
      ? t(`legend.title.projects.${level}`)
      : t(`legend.title.money.${level}`, {
          flow: t(`controls.metrics.${metric}`),
          basis: priceBasisLabel(basis, language),
        });
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="map-legend-title" data-testid="map-legend">
      <Text size="sm" fw={600} id="map-legend-title" mb={6}>
        {t('legend.heading')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={6}>
          <ChoroplethLegend title={title} entries={legend} orientation="vertical" />
          <Text size="xs" c="dimmed">
            {t(`legend.counting.${level}`)}
          </Text>
        </Stack>
        <Stack gap={4} component="ul" className={classes.keyList}>
          <Key symbol={<circle cx="9" cy="9" r="5" fill="#c92a2a" stroke="#ffffff" strokeWidth="1.5" />}>
            {t('legend.exact')}
          </Key>
          <Key
            symbol={
              <circle
                cx="9"
                cy="9"
                r="7"
                fill="#e599f7"
                fillOpacity="0.55"
                stroke="#862e9c"
                strokeWidth="1.5"
                strokeDasharray="3 2"
              />
            }
          >
            {t('legend.near')}
          </Key>
          <Key
            symbol={
              <>
                <circle cx="9" cy="9" r="8.5" fill="#212529" fillOpacity="0.88" />
                <text x="9" y="12.5" textAnchor="middle" fontSize="9" fontWeight="700" fill="#ffffff">
                  12
                </text>
              </>
            }
          >
            {t('legend.cluster')}
          </Key>
          <Key symbol={<rect x="2" y="4" width="14" height="10" fill="#7fcdbb" stroke="#6c757d" />}>
            {t(`legend.shading.${level}`)}
          </Key>
          <Key symbol={<path d="M3 5h12M3 9h12M3 13h12" stroke="#495057" strokeWidth="1.6" />}>
            {t('legend.countryLevel')}
          </Key>
          <Key symbol={<path d="M9 2 17 16H1Z" fill="#fff3bf" stroke="#e67700" strokeWidth="1.4" />}>
            {problems === undefined ? t('legend.problemsPlain') : t('legend.problems', { count: problems })}
          </Key>
          <Text size="xs" c="dimmed" component="li" className={classes.keyNote}>
            {t('legend.pledges')}
          </Text>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function Key({ symbol, children }: { symbol: ReactNode; children: ReactNode }) {
  return (
    <Group component="li" gap={8} wrap="nowrap" align="flex-start">
      <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className={classes.keySymbol}>
        {symbol}
      </svg>
      <Text size="xs">{children}</Text>
    </Group>
  );
}
