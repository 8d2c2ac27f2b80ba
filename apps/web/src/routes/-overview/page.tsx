import { Anchor, Button, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { fundingByYear } from '@srt/shared/charts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FundingByYearChart } from '../../charts/funding-charts.tsx';
import { FilterNotice } from '../../filter/filter-notice.tsx';
import { activeFilterCount, sanitizeFilter } from '../../filter/search.ts';
import { useProjectFilter } from '../../filter/use-project-filter.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { KeyFigures } from './key-figures.tsx';
import { LatestEvents } from './latest-events.tsx';
import { MapSlot } from './map-slot.tsx';

const LATEST_EVENTS = 6;

/**
 * `/`: key figures, funding by year and the latest events for the filter in the URL (the same filter as
 * /projects). The summary and the events are two independent queries, fetched in parallel; the summary
 * query is the one /projects uses for the same filter, so moving between the pages does not refetch it.
 */
export function OverviewPage() {
  const { t } = useTranslation('overview');
  const language = useLanguage();
  const { filter, patchFilter, clearFilter } = useProjectFilter();
  const summary = useQuery(trpc.stats.summary.queryOptions(filter, { placeholderData: keepPreviousData }));
  const events = useQuery(
    trpc.event.list.queryOptions(
      { projectFilter: filter, limit: LATEST_EVENTS, direction: 'desc' },
      { placeholderData: keepPreviousData },
    ),
  );
  const byYear = useMemo(
    () => (summary.data ? fundingByYear(summary.data.byYear) : undefined),
    [summary.data],
  );
  const active = activeFilterCount(filter);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <FilterNotice sanitize={sanitizeFilter} />
      <Group gap="sm" data-testid="overview-filter">
        <Text size="sm">{active > 0 ? t('filter.active', { count: active }) : t('filter.none')}</Text>
        <Anchor size="sm" renderRoot={(props) => <Link to="/projects" search={true} {...props} />}>
          {t('filter.change')}
        </Anchor>
        {active > 0 && (
          <Button variant="subtle" size="compact-sm" onClick={clearFilter}>
            {t('filter.clear')}
          </Button>
        )}
      </Group>
      <KeyFigures
        counts={summary.data?.counts}
        totals={summary.data?.totals}
        language={language}
        error={summary.isError ? summary.error : null}
        busy={summary.isFetching}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {byYear ? (
          <FundingByYearChart
            data={byYear}
            onSelect={patchFilter}
            stale={summary.isPlaceholderData}
            headingOrder={3}
            standalone
          />
        ) : (
          !summary.isError && <Skeleton height={420} />
        )}
        <LatestEvents
          events={events.data?.rows}
          language={language}
          error={events.isError ? events.error : null}
          busy={events.isFetching}
        />
      </SimpleGrid>
      <MapSlot />
    </Stack>
  );
}
