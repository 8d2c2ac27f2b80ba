import { Stack, Text } from '@mantine/core';
import { NOMINAL, priceBasisLabel } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { formatUsd } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import type { FlowFigure } from '../../map/map-model.ts';
import classes from './map.module.css';

/**
 * One flow's USD, each price basis on its own line (nominal first): constant-price sums are shown beside
 * nominal ones, never added to them. Each line carries the exact decimal in `data-usd` (and its title).
 */
export function FlowSums({
  figure,
  language,
  compact = true,
}: {
  figure: FlowFigure;
  language: Language;
  compact?: boolean;
}) {
  const { t } = useTranslation('map');
  if (figure.sums.length === 0)
    return (
      <Text size="sm" c="dimmed" data-flow={figure.flow} data-usd="">
        {t('figures.none')}
      </Text>
    );
  return (
    <Stack gap={0}>
      {figure.sums.map((sum) => (
        <Text
          key={sum.priceBasis}
          size="sm"
          className={classes.amount}
          title={formatUsd(sum.usd, language)}
          data-flow={figure.flow}
          data-basis={sum.priceBasis}
          data-usd={sum.usd}
        >
          {formatUsd(sum.usd, language, compact ? 'compact' : 'full')}
          {sum.priceBasis !== NOMINAL && (
            <Text span size="xs" c="dimmed">
              {' '}
              ({priceBasisLabel(sum.priceBasis, language)})
            </Text>
          )}
        </Text>
      ))}
      {figure.rowsWithoutUsd > 0 && (
        <Text size="xs" c="dimmed">
          {t('figures.withoutUsd', { count: figure.rowsWithoutUsd })}
        </Text>
      )}
    </Stack>
  );
}
