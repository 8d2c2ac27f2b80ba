import { Button, Group, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import type { ChartData, ChartDimension, ChartRow, ChartSeries } from '@srt/shared/charts';
import { lazy, memo, type ReactNode, Suspense, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/index.ts';
import { categoryLabel, isSelectable, seriesLabel } from './labels.ts';
import { LazyBarPlot } from './lazy-plot.tsx';
import { isHatched, swatchStyle } from './palette.ts';

// Shown on request only: the table stays out of the first load of / (Mantine's Table brings its scroll
// container and floating-ui, ≈ 20 KB gzip).
const ChartTable = lazy(() => import('./chart-table.tsx').then((m) => ({ default: m.ChartTable })));

type Props = {
  dimension: ChartDimension;
  data: ChartData<string | number>;
  /** Rows listed in the table but not drawn (amounts without a value year). */
  extraTableRows?: readonly ChartRow<string | number>[];
  language: Language;
  /** Called with the clicked bar's value (year, country code, sector code or funder id). */
  onSelect?: (value: string | number) => void;
  headingOrder?: TitleOrder;
  /** The previous filter's data is shown while the new one loads. */
  stale?: boolean;
  /** Notes under the chart (see ChartNotes). */
  notes?: ReactNode;
};

const NO_ROWS: readonly ChartRow<string | number>[] = [];

/**
 * One chart with its title, legend, notes and a "show as table" switch. Draws only what it is given; the
 * Recharts part is loaded lazily. Memoised, and so is the plot inside: a change of `stale` alone re-draws
 * the card's frame, not the Recharts SVG.
 */
export const ChartCard = memo(function ChartCard({
  dimension,
  data,
  extraTableRows = NO_ROWS,
  language,
  onSelect,
  headingOrder = 4,
  stale,
  notes,
}: Props) {
  const { t } = useTranslation('charts');
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const title = t(`titles.${dimension}`);
  const plotted = useMemo(() => data.series.filter((s) => s.hasData), [data.series]);
  const tableRows = useMemo(() => [...data.rows, ...extraTableRows], [data.rows, extraTableRows]);
  const labels = useMemo(
    () => tableRows.map((row) => categoryLabel(dimension, row, language, t)),
    [tableRows, dimension, language, t],
  );
  const selectable = useMemo(() => tableRows.map(isSelectable), [tableRows]);
  const selectIndex = useCallback(
    (index: number) => {
      const key = tableRows[index]?.key;
      if (key !== null && key !== undefined) onSelect?.(key);
    },
    [tableRows, onSelect],
  );
  const select = onSelect ? selectIndex : undefined;
  const empty = plotted.length === 0;

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={titleId}
      aria-busy={stale ?? false}
      data-testid={`chart-${dimension}`}
      style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 150ms', minWidth: 0 }}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div>
            <Title order={headingOrder} size="h5" id={titleId}>
              {title}
            </Title>
            <Text size="xs" c="dimmed">
              {t(`descriptions.${dimension}`)}
            </Text>
          </div>
          {!empty && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setAsTable((v) => !v)}
              style={{ flex: 'none' }}
            >
              {asTable ? t('showChart') : t('showTable')}
            </Button>
          )}
        </Group>
        {empty ? (
          <Text size="sm" c="dimmed">
            {t('noData')}
          </Text>
        ) : asTable ? (
          <Suspense fallback={null}>
            <ChartTable
              caption={title}
              dimension={dimension}
              series={plotted}
              rows={tableRows}
              labels={labels}
              selectable={selectable}
              language={language}
              onSelect={select}
            />
          </Suspense>
        ) : (
          <>
            <Group
              gap="md"
              component="ul"
              aria-label={t('legend')}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {plotted.map((s) => (
                <Group key={s.key} gap={6} component="li" wrap="nowrap">
                  <span aria-hidden style={swatchStyle(s)} />
                  <Text size="xs">{seriesLabel(s, language)}</Text>
                </Group>
              ))}
            </Group>
            <LazyBarPlot
              title={title}
              series={plotted}
              rows={data.rows}
              labels={labels}
              layout={dimension === 'year' ? 'columns' : 'bars'}
              language={language}
              onSelectIndex={select}
              selectable={selectable}
              clickHint={t('clickHint')}
              loadingLabel={t('loading')}
            />
          </>
        )}
        {notes}
      </Stack>
    </Paper>
  );
});

/**
 * What a reader needs to read the charts right: hatched bars are constant prices, which flows have no
 * amounts, how many funding records have no USD value, and that a bar filters. Shown once per group of
 * charts drawn from the same summary.
 */
export function ChartNotes(props: {
  series: readonly ChartSeries[];
  /** Funding records without a USD value, each counted once (the year chart's count). */
  rowsWithoutUsd: number;
  interactive: boolean;
  language: Language;
}) {
  const { series, rowsWithoutUsd, interactive, language } = props;
  const { t } = useTranslation('charts');
  const missing = series.filter((s) => !s.hasData).map((s) => seriesLabel(s, language));
  const notes = [
    series.some((s) => s.hasData && isHatched(s)) ? t('constantNote') : null,
    missing.length > 0 ? t('missingSeries', { series: missing.join(', ') }) : null,
    rowsWithoutUsd > 0 ? t('withoutUsd', { count: rowsWithoutUsd }) : null,
    interactive && series.some((s) => s.hasData) ? t('selectHint') : null,
  ].filter((note) => note !== null);
  if (notes.length === 0) return null;
  return (
    <Stack gap={2} data-testid="chart-notes">
      {notes.map((note) => (
        <Text key={note} size="xs" c="dimmed">
          {note}
        </Text>
      ))}
    </Stack>
  );
}
