import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterNotice } from '../../filter/filter-notice.tsx';
import { NewEventButton } from '../../forms/edit-links.tsx';
import { useFlash } from '../../forms/flash.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { EventFilters } from './-filters.tsx';
import { activeEventFilters, type EventsSearch, eventListInput, sanitizeEventsSearch } from './-search.ts';
import { EventTimeline } from './-timeline-list.tsx';

export const PAGE_SIZE = 50;

/** /events: forums, signings, launches and visits, newest first, grouped by year and month. */
export function EventsPage() {
  const { t } = useTranslation('events');
  const language = useLanguage();
  const search = useSearch({ from: '/events/' });
  const navigate = useNavigate({ from: '/events/' });
  const input = useMemo(() => eventListInput(search), [search]);
  // "“X” was deleted." after an event's delete.
  const [flash, dismissFlash] = useFlash();
  // Not `infiniteQueryOptions`: tRPC's infinite queries send their own `direction` ('forward'), which
  // would replace event.list's `direction` (the date order).
  const list = useInfiniteQuery({
    queryKey: [...trpc.event.list.queryKey({ ...input, limit: PAGE_SIZE }), 'pages'],
    queryFn: ({ pageParam }) =>
      trpcClient.event.list.query({ ...input, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows), [list.data]);
  const total = list.data?.pages[0]?.total;
  const stale = list.isPlaceholderData;
  const setSearch = (patch: Partial<EventsSearch>) =>
    navigate({ search: (prev) => sanitizeEventsSearch({ ...prev, ...patch }).value });
  const clear = () => navigate({ search: {} });

  return (
    <Stack gap="md">
      <div>
        <Group justify="space-between" align="flex-start">
          <Title order={2}>{t('title')}</Title>
          <NewEventButton />
        </Group>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      {flash && (
        <Alert color="green" role="status" withCloseButton onClose={dismissFlash} data-testid="page-notice">
          {flash}
        </Alert>
      )}
      <FilterNotice sanitize={sanitizeEventsSearch} />
      <EventFilters search={search} onChange={setSearch} onClear={clear} language={language} />
      <Group justify="space-between" mih={28}>
        <Text fw={600} role="status" aria-live="polite" data-testid="event-count">
          {total === undefined ? '' : t('count', { count: total })}
        </Text>
        {list.isFetching && !list.isFetchingNextPage && (
          <Group gap={6}>
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('updating')}
            </Text>
          </Group>
        )}
      </Group>
      {list.isError && !rows ? (
        <Alert color="red" role="alert" title={t('error', { message: list.error.message })}>
          <Button variant="light" color="red" onClick={() => void list.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      ) : total === 0 && !stale ? (
        <Stack align="center" py="xl" gap="xs" data-testid="events-empty">
          <Text fw={600}>{t('empty')}</Text>
          {activeEventFilters(search) > 0 && (
            <Button variant="light" onClick={clear}>
              {t('common:actions.clearFilters')}
            </Button>
          )}
        </Stack>
      ) : (
        <>
          <EventTimeline events={rows} language={language} stale={stale} />
          {rows && total !== undefined && (
            <Group justify="center" gap="md">
              <Text size="sm" c="dimmed">
                {list.hasNextPage
                  ? t('showing', { shown: rows.length, total })
                  : t('allShown', { count: total })}
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
