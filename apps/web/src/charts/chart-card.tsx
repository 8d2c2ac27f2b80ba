import { Button, Group, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import type { ChartData, ChartDimension, ChartRow } from '@srt/shared/charts';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/index.ts';
import { ChartTable } from './chart-table.tsx';
import { categoryLabel, isSelectable, seriesLabel } from './labels.ts';
import { LazyBarPlot } from './lazy-plot.tsx';
import { isHatched, swatchStyle } from './palette.ts';

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
};

/**
 * One chart with its title, legend, notes and a "show as table" switch. Draws only what it is given; the
 * Recharts part is loaded lazily.
 */
const NO_ROWS: readonly ChartRow<string | number>[] = [];

export function ChartCard({
  dimension,
  data,
  extraTableRows = NO_ROWS,
  language,
  onSelect,
  headingOrder = 4,
  stale,
}: Props) {
  const { t } = useTranslation('charts');
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const title = t(`titles.${dimension}`);
  const plotted = data.series.filter((s) => s.hasData);
  const missing = data.series.filter((s) => !s.hasData);
  const tableRows = useMemo(() => [...data.rows, ...extraTableRows], [data.rows, extraTableRows]);
  const labels = useMemo(
    () => tableRows.map((row) => categoryLabel(dimension, row, language, t)),
    [tableRows, dimension, language, t],
  );
  const selectable = useMemo(() => tableRows.map(isSelectable), [tableRows]);
  const select = onSelect
    ? (index: number) => {
        const key = tableRows[index]?.key;
        if (key !== null && key !== undefined) onSelect(key);
      }
    : undefined;
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
        <Notes
          missing={missing.map((s) => seriesLabel(s, language))}
          hatched={plotted.some(isHatched)}
          rowsWithoutUsd={data.rowsWithoutUsd}
          interactive={Boolean(onSelect) && !empty}
        />
      </Stack>
    </Paper>
  );
}

function Notes(props: { missing: string[]; hatched: boolean; rowsWithoutUsd: number; interactive: boolean }) {
  const { t } = useTranslation('charts');
  const notes = [
    props.hatched ? t('constantNote') : null,
    props.missing.length > 0 ? t('missingSeries', { series: props.missing.join(', ') }) : null,
    props.rowsWithoutUsd > 0 ? t('withoutUsd', { count: props.rowsWithoutUsd }) : null,
    props.interactive ? t('selectHint') : null,
  ].filter((note) => note !== null);
  if (notes.length === 0) return null;
  return (
    <Stack gap={2}>
      {notes.map((note) => (
        <Text key={note} size="xs" c="dimmed">
          {note}
        </Text>
      ))}
    </Stack>
  );
}
