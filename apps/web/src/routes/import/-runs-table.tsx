import { Alert, Button, Loader, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { formatNumber } from '../../format.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { shortHash } from './-report.ts';
import { formatTimestamp, StatusBadge, useActorName } from './-run-view.tsx';
import classes from './import.module.css';

const PAGE_SIZE = 20;

/** Past import runs, newest first: dry runs and commits, by whom, which file, and what came of it. */
export function RunsTable({ selected }: { selected: string | undefined }) {
  const { t } = useLazyTranslation('import');
  const language = useLanguage();
  const runs = useInfiniteQuery({
    queryKey: [...trpc.importer.runs.queryKey({ limit: PAGE_SIZE }), 'pages'],
    queryFn: ({ pageParam }) => trpcClient.importer.runs.query({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = useMemo(() => runs.data?.pages.flatMap((page) => page.items) ?? [], [runs.data]);
  const actorName = useActorName();
  const number = (value: number | undefined) => (value === undefined ? '' : formatNumber(value, language));

  return (
    <Stack gap="xs" component="section" aria-labelledby="import-runs-title">
      <Text fw={600} id="import-runs-title">
        {t('runs.title')}
      </Text>
      {runs.isPending && <Loader size="sm" aria-label={t('common:state.loading')} />}
      {runs.isError && (
        <Alert color="red" role="alert">
          {t('errors.load', { message: runs.error.message })}
        </Alert>
      )}
      {runs.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('runs.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover data-testid="import-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('runs.started')}</Table.Th>
                <Table.Th scope="col">{t('runs.who')}</Table.Th>
                <Table.Th scope="col">{t('runs.file')}</Table.Th>
                <Table.Th scope="col">{t('runs.kind')}</Table.Th>
                <Table.Th scope="col">{t('runs.status')}</Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('counts.new')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('counts.updated')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('counts.unchanged')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('counts.rejected')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((run) => (
                <Table.Tr
                  key={run.id}
                  className={run.id === selected ? classes.selected : undefined}
                  aria-current={run.id === selected ? 'true' : undefined}
                  data-testid="import-run-row"
                >
                  <Table.Td>
                    <Link to="/import" search={{ run: run.id }}>
                      {formatTimestamp(run.startedAt, language)}
                    </Link>
                  </Table.Td>
                  <Table.Td className={classes.reason}>{actorName(run.actor, run.actorName)}</Table.Td>
                  <Table.Td className={classes.reason}>
                    {run.fileName}
                    <Text size="xs" c="dimmed" title={run.fileHash}>
                      {t(`formatNames.${run.format}`, { defaultValue: run.format })} ·{' '}
                      {shortHash(run.fileHash)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{run.dryRun ? t('kind.dryRun') : t('kind.commit')}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={run.status} />
                    {run.error && (
                      <Text size="xs" c="red" lineClamp={2} title={run.error} className={classes.reason}>
                        {run.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className={classes.numeric}>{number(run.counts?.new)}</Table.Td>
                  <Table.Td className={classes.numeric}>{number(run.counts?.updated)}</Table.Td>
                  <Table.Td className={classes.numeric}>{number(run.counts?.unchanged)}</Table.Td>
                  <Table.Td className={classes.numeric}>{number(run.counts?.rejected)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {runs.hasNextPage && (
        <Button
          variant="default"
          onClick={() => runs.fetchNextPage()}
          loading={runs.isFetchingNextPage}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('common:actions.loadMore')}
        </Button>
      )}
      <Text size="xs" c="dimmed">
        {t('runs.note')}
      </Text>
    </Stack>
  );
}
