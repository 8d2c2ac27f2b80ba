import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FundingCharts } from '../../charts/funding-charts.tsx';
import { FilterNotice } from '../../filter/filter-notice.tsx';
import { useProjectFilter } from '../../filter/use-project-filter.ts';
import { useFlash } from '../../forms/flash.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { NewProjectButton } from './-edit-buttons.tsx';
import { ExportMenu } from './-export-menu.tsx';
import { FilterPanel } from './-filter-panel.tsx';
import { ProjectTable } from './-project-table.tsx';
import { projectsQueries } from './-queries.ts';
import { nextSort, type ProjectSort, sanitizeProjectsSearch } from './-search.ts';
import { Totals } from './-totals.tsx';

/**
 * /projects: the filter panel, the totals of the whole filtered set, and the table.
 */
export function ProjectsPage() {
  const { t } = useTranslation('projects');
  const language = useLanguage();
  const search = useSearch({ from: '/projects/' });
  const navigate = useNavigate({ from: '/projects/' });
  const { patchFilter, clearFilter } = useProjectFilter();
  const [flash, dismissFlash] = useFlash();
  // Memoised on the URL search (stable while it stays the same), so the filter, the rows and the handlers
  // keep their identity when only a query's state changes: the memoised table, panel and charts then skip
  // the re-render, and a filter change sends its requests without first re-drawing the whole page.
  const queries = useMemo(() => projectsQueries(search), [search]);
  const { filter, sort } = queries;

  // The table and the totals (which also feed the charts) load in parallel — the route's loader has
  // usually started them already — and each keeps its previous result on screen while the next loads.
  const list = useInfiniteQuery({ ...queries.list, placeholderData: keepPreviousData });
  const summary = useQuery({ ...queries.summary, placeholderData: keepPreviousData });
  // The option counts of the filter panel come next: on a busy server they would compete with the
  // results for the same cores. Until they arrive the panel marks its counts as updating.
  const resultsIn = (list.isFetched || list.isError) && (summary.isFetched || summary.isError);
  const facets = useQuery({ ...queries.facets, placeholderData: keepPreviousData, enabled: resultsIn });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows), [list.data]);
  const total = list.data?.pages[0]?.total;
  const stale = list.isPlaceholderData;
  // The rows shown link with the search they were listed for (previous/next on a project page), so the
  // previous filter's rows are not re-rendered while the new ones load.
  const rowsSearch = useRef(search);
  if (!stale) rowsSearch.current = search;
  const onSort = useCallback(
    (column: ProjectSort) => navigate({ search: (prev) => ({ ...prev, ...nextSort(sort, column) }) }),
    [navigate, sort],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <Title order={2}>{t('title')}</Title>
          <Text size="sm" c="dimmed" maw={900}>
            {t('intro')}
          </Text>
        </div>
        <NewProjectButton />
      </Group>
      {flash && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel={t('common:actions.close')}
          onClose={dismissFlash}
          data-testid="page-notice"
        >
          {flash}
        </Alert>
      )}
      <FilterNotice sanitize={sanitizeProjectsSearch} />
      <FilterPanel
        filter={filter}
        facets={facets.data}
        countsStale={facets.isPlaceholderData || facets.data === undefined}
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
        <ExportMenu filter={filter} />
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
          <ProjectTable
            rows={rows}
            sort={sort}
            onSort={onSort}
            language={language}
            stale={stale}
            search={rowsSearch.current}
          />
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
