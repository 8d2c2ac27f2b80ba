import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { priceBasisLabel } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import { LEVELS, type Level, METRICS, type Metric } from '../../map/map-model.ts';

type Props = {
  level: Level;
  metric: Metric;
  /** The price basis money is coloured by, and the bases the data has for the metric's flow. */
  basis: string;
  bases: readonly string[];
  language: Language;
  onLevel: (level: Level) => void;
  onMetric: (metric: Metric) => void;
  onBasis: (basis: string) => void;
};

/** What the polygons are (countries or regions) and what their colour measures. */
export function MapControls({ level, metric, basis, bases, language, onLevel, onMetric, onBasis }: Props) {
  const { t } = useTranslation('map');
  return (
    <Group gap="md" align="flex-end" wrap="wrap">
      <Stack gap={2}>
        <Text size="xs" fw={600} id="map-level-label">
          {t('controls.level')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby="map-level-label"
          value={level}
          onChange={(value) => {
            const next = LEVELS.find((l) => l === value);
            if (next) onLevel(next);
          }}
          data={LEVELS.map((l) => ({ value: l, label: t(`controls.levels.${l}`) }))}
        />
      </Stack>
      <Stack gap={2}>
        <Text size="xs" fw={600} id="map-metric-label">
          {t('controls.metric')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby="map-metric-label"
          value={metric}
          onChange={(value) => {
            const next = METRICS.find((m) => m === value);
            if (next) onMetric(next);
          }}
          data={METRICS.map((m) => ({ value: m, label: t(`controls.metrics.${m}`) }))}
          data-testid="map-metric"
        />
      </Stack>
      {metric !== 'projects' && (
        <Select
          size="xs"
          w={220}
          label={t('controls.basis')}
          value={basis}
          onChange={(value) => value && onBasis(value)}
          data={(bases.length ? bases : [basis]).map((b) => ({
            value: b,
            label: priceBasisLabel(b, language),
          }))}
          allowDeselect={false}
          disabled={bases.length < 2}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Group>
  );
}
