import { Badge, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { FUNDING_FLOWS, label, NOMINAL, priceBasisLabel } from '@srt/shared/codes';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatUsd } from '../../../format.ts';
import type { Language } from '../../../i18n/index.ts';
import { type FigureRow, hasOtherFlows, keyFigures } from './figures.ts';

/**
 * Pledged, committed, disbursed (and spent) side by side, never added: each in USD — one figure per
 * price basis, constant-price amounts marked — and in the original currencies.
 */
export function KeyFigures({ rows, language }: { rows: readonly FigureRow[]; language: Language }) {
  const { t } = useTranslation('project');
  const figures = useMemo(() => keyFigures(rows), [rows]);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, xs: 2, md: figures.length }} spacing="sm">
        {figures.map((f) => (
          <Paper key={f.flow} withBorder p="sm" data-testid="key-figure" data-flow={f.flow}>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              {label(FUNDING_FLOWS, f.flow, language)}
            </Text>
            {f.rows === 0 ? (
              <Text size="sm" c="dimmed" mt={4}>
                {t('figures.none')}
              </Text>
            ) : (
              <Stack gap={4} mt={4}>
                {f.usd.map((u) => (
                  <div key={u.priceBasis}>
                    <Text size="xl" fw={700} title={formatUsd(u.amount, language)}>
                      {formatUsd(u.amount, language, 'compact')}
                    </Text>
                    {u.priceBasis !== NOMINAL && (
                      <Badge size="xs" variant="outline" color="grape" data-testid="price-basis">
                        {priceBasisLabel(u.priceBasis, language)}
                      </Badge>
                    )}
                  </div>
                ))}
                {f.usd.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('figures.noUsd')}
                  </Text>
                )}
                {f.withoutUsd > 0 && f.usd.length > 0 && (
                  <Text size="xs" c="orange.8">
                    {t('figures.withoutUsd', { count: f.withoutUsd })}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('figures.original')}
                </Text>
                {f.original.map((o) => (
                  <Text key={`${o.currency}|${o.priceBasis}`} size="sm">
                    {formatMoney(o.amount, o.currency, language)}
                    {o.priceBasis !== NOMINAL && (
                      <Text span size="xs" c="grape.7">
                        {' '}
                        ({priceBasisLabel(o.priceBasis, language)})
                      </Text>
                    )}
                  </Text>
                ))}
                <Text size="xs" c="dimmed">
                  {t('figures.rows', { count: f.rows })}
                </Text>
              </Stack>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('figures.neverAdded')}
        {hasOtherFlows(rows) && ` ${t('figures.otherFlows')}`}
      </Text>
    </Stack>
  );
}
