import { Alert, Button, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  type ChartDimension,
  type FundingChartsData,
  fundingCharts,
  selectionFilter,
  type YearChartData,
} from '@srt/shared/charts';
import type { ProjectFilter } from '@srt/shared/filter';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { memo, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import { trpc } from '../trpc.ts';
import { ChartCard, ChartNotes } from './chart-card.tsx';

type Select = (patch: Partial<ProjectFilter>) => void;

/**
 * The four funding charts of a filtered view (by year, country, sector, funder), from `stats.summary` on
 * the same filter — the same query as the view's totals, so it is fetched once. Clicking a bar calls
 * `onSelect` with the filter change that drills down to it (`patchFilter` of useProjectFilter fits):
 *
 * ```tsx
 * const { filter, patchFilter } = useProjectFilter();
 * <FundingCharts filter={filter} onSelect={patchFilter} />
 * ```
 */
export const FundingCharts = memo(function FundingCharts({
  filter,
  onSelect,
}: {
  filter: ProjectFilter;
  onSelect: Select;
}) {
  const { t } = useTranslation('charts');
  const summary = useQuery(trpc.stats.summary.queryOptions(filter, { placeholderData: keepPreviousData }));
  const charts = useMemo(() => (summary.data ? fundingCharts(summary.data) : undefined), [summary.data]);
  const titleId = 'funding-charts-title';

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId} data-testid="funding-charts">
      <div>
        <Title order={3} size="h4" id={titleId}>
          {t('section')}
        </Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      {summary.isError && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('error', { message: summary.error.message })}
        >
          <Button variant="light" color="red" size="xs" onClick={() => void summary.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      )}
      {charts ? (
        <FundingChartsGrid charts={charts} onSelect={onSelect} stale={summary.isPlaceholderData} />
      ) : (
        !summary.isError && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" aria-busy aria-label={t('loading')}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={320} />
            ))}
          </SimpleGrid>
        )
      )}
    </Stack>
  );
});

/** The four charts from shaped data (no query here). */
export function FundingChartsGrid(props: { charts: FundingChartsData; onSelect?: Select; stale?: boolean }) {
  const { charts, onSelect, stale } = props;
  const language = useLanguage();
  // Stable per dimension, so the memoised cards skip re-rendering while only `stale` or nothing changed.
  const selects = useMemo(() => {
    const select = (dimension: ChartDimension) =>
      onSelect ? (value: string | number) => onSelect(selectionFilter(dimension, value)) : undefined;
    return { country: select('country'), sector: select('sector'), funder: select('funder') };
  }, [onSelect]);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FundingByYearChart data={charts.byYear} onSelect={onSelect} stale={stale} />
        <ChartCard
          dimension="country"
          data={charts.byCountry}
          language={language}
          onSelect={selects.country}
          stale={stale}
        />
        <ChartCard
          dimension="sector"
          data={charts.bySector}
          language={language}
          onSelect={selects.sector}
          stale={stale}
        />
        <ChartCard
          dimension="funder"
          data={charts.byFunder}
          language={language}
          onSelect={selects.funder}
          stale={stale}
        />
      </SimpleGrid>
      {/* The year chart counts every funding record once (countries and sectors split some). */}
      <ChartNotes
        series={charts.byYear.series}
        rowsWithoutUsd={charts.byYear.rowsWithoutUsd}
        interactive={Boolean(onSelect)}
        language={language}
      />
    </Stack>
  );
}

/**
 * Funding by year, amounts without a value year listed in its table. `standalone` (the overview) puts the
 * notes in the card; in the grid they are shown once under all four charts.
 */
export const FundingByYearChart = memo(function FundingByYearChart(props: {
  data: YearChartData;
  onSelect?: Select;
  stale?: boolean;
  headingOrder?: 3 | 4;
  standalone?: boolean;
}) {
  const { data, onSelect, stale, headingOrder, standalone } = props;
  const language = useLanguage();
  const extra = useMemo(() => (data.undated ? [data.undated] : []), [data.undated]);
  const selectYear = useCallback(
    (value: string | number) => onSelect?.(selectionFilter('year', value)),
    [onSelect],
  );
  return (
    <ChartCard
      dimension="year"
      data={data}
      extraTableRows={extra}
      language={language}
      onSelect={onSelect ? selectYear : undefined}
      stale={stale}
      headingOrder={headingOrder}
      notes={
        standalone && (
          <ChartNotes
            series={data.series}
            rowsWithoutUsd={data.rowsWithoutUsd}
            interactive={Boolean(onSelect)}
            language={language}
          />
        )
      }
    />
  );
});
