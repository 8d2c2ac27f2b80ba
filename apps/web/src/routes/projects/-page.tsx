import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FundingCharts } from '../../charts/funding-charts.tsx';
import { FilterNotice } from '../../filter/filter-notice.tsx';
import { useProjectFilter } from '../../filter/use-project-filter.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { FilterPanel } from './-filter-panel.tsx';
import { ProjectTable } from './-project-table.tsx';
import { nextSort, type ProjectSort, sanitizeProjectsSearch, sortOf } from './-search.ts';
import { Totals } from './-totals.tsx';

export const PAGE_SIZE = 50;

/**
 * /projects: the filter panel, the totals of the whole filtered set, and the table. The list, the totals
 * and the facet counts are three independent queries on the same filter, so they run in parallel; each
 * keeps showing its previous result (dimmed) while the next one loads.
 */
export function ProjectsPage() {
  const { t } = useTranslation('projects');
  const language = useLanguage();
  const search = useSearch({ from: '/projects/' });
  const navigate = useNavigate({ from: '/projects/' });
  const { filter, patchFilter, clearFilter } = useProjectFilter();
  const sort = sortOf(search);

  // Not `trpc.project.list.infiniteQueryOptions`: tRPC's infinite queries send their own `direction`
  // ("forward") in the input, which collides with the list's sort direction. The key is tRPC's own.
  const listInput = { filter, sort: sort.sort, direction: sort.direction, limit: PAGE_SIZE };
  const list = useInfiniteQuery({
    queryKey: trpc.project.list.infiniteQueryKey(listInput),
    queryFn: ({ pageParam, signal }) =>
      trpcClient.project.list.query({ ...listInput, cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const summary = useQuery(trpc.stats.summary.queryOptions(filter, { placeholderData: keepPreviousData }));
  const facets = useQuery(trpc.project.facets.queryOptions(filter, { placeholderData: keepPreviousData }));

  const rows = list.data?.pages.flatMap((p) => p.rows);
  const total = list.data?.pages[0]?.total;
  const stale = list.isPlaceholderData;
  const onSort = (column: ProjectSort) =>
    navigate({ search: (prev) => ({ ...prev, ...nextSort(sort, column) }) });

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <FilterNotice sanitize={sanitizeProjectsSearch} />
      <FilterPanel
        filter={filter}
        facets={facets.data}
        onChange={patchFilter}
        onClear={clearFilter}
        language={language}
      />
      <Totals
        totals={summary.data?.totals}
        projectCount={summary.data?.counts.projects}
        language={language}
        error={summary.isError ? summary.error : null}
        busy={summary.isFetching}
      />
      <FundingCharts filter={filter} onSelect={patchFilter} />
      <Group justify="space-between" align="center" mih={28}>
        <Text fw={600} role="status" aria-live="polite" data-testid="result-count">
          {total === undefined ? '' : t('results.count', { count: total })}
        </Text>
        {(stale || list.isFetching) && !list.isFetchingNextPage && (
          <Group gap={6}>
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('results.updating')}
            </Text>
          </Group>
        )}
      </Group>
      {list.isError && !rows ? (
        <Alert color="red" role="alert" title={t('results.error', { message: list.error.message })}>
          <Button variant="light" color="red" onClick={() => void list.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      ) : total === 0 && !stale ? (
        <Stack align="center" py="xl" gap="xs" data-testid="empty-state">
          <Text fw={600}>{t('results.empty')}</Text>
          <Text size="sm" c="dimmed">
            {t('results.emptyHint')}
          </Text>
          <Button variant="light" onClick={clearFilter}>
            {t('common:actions.clearFilters')}
          </Button>
        </Stack>
      ) : (
        <>
          <ProjectTable rows={rows} sort={sort} onSort={onSort} language={language} stale={stale} />
          {list.isError && (
            <Alert color="red" role="alert" title={t('results.error', { message: list.error.message })}>
              <Button variant="light" color="red" onClick={() => void list.refetch()}>
                {t('common:actions.retry')}
              </Button>
            </Alert>
          )}
          {rows && total !== undefined && (
            <Group justify="center" gap="md">
              <Text size="sm" c="dimmed">
                {list.hasNextPage
                  ? t('results.showing', { shown: rows.length, total })
                  : t('results.allShown', { count: total })}
              </Text>
              {list.hasNextPage && (
                <Button
                  variant="default"
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                  disabled={stale}
                  data-testid="load-more"
                >
                  {t('common:actions.loadMore')}
                </Button>
              )}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
