import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { FUNDING_FLOWS, label } from '@srt/shared/codes';
import { useInfiniteQuery } from '@tanstack/react-query';
import { AnchorLink } from '../components/anchor-link.tsx';
import { formatMoney } from '../format.ts';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { RestorableBanner } from '../lifecycle/record-actions.tsx';
import { trpc, type trpcClient } from '../trpc.ts';
import { actorLabel, formatTimestamp } from './actor.ts';
import { ChangeTable } from './change-table.tsx';
import { type FormatContext, formatDecimal } from './format-change.ts';
import classes from './history.module.css';

export type HistoryEntity = 'project' | 'event' | 'funding';
type History = Awaited<ReturnType<typeof trpcClient.audit.history.query>>;

const PAGE_SIZE = 50;

/**
 * `/projects/$id/history`, `/events/$id/history`, `/funding/$id/history`: every change of one record,
 * newest first, each with who made it, when, and its field-by-field diff. Deleted records keep theirs.
 */
export function HistoryPage({ entity, id }: { entity: HistoryEntity; id: string }) {
  const { t } = useLazyTranslation('history');
  const language = useLanguage();
  const query = useInfiniteQuery(
    trpc.audit.history.infiniteQueryOptions(
      { entity, id, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const pages = query.data?.pages ?? [];
  const first = pages[0];
  const entries = pages.flatMap((p) => p.entries);
  const names = Object.assign({}, ...pages.map((p) => p.names)) as History['names'];
  const title = first?.title ?? null;
  const context: FormatContext = {
    language,
    names,
    words: { yes: t('words.yes'), no: t('words.no'), unknownRecord: t('words.unknownRecord') },
    currency: title?.funding?.currency ?? null,
  };
  const heading = !title
    ? null
    : title.funding
      ? `${label(FUNDING_FLOWS, title.funding.flow, language)} ${formatMoney(title.funding.amount, title.funding.currency, language)}`
      : title.title;

  return (
    <Stack gap="md" data-testid="history-page" data-entity={entity}>
      <BackLink entity={entity} id={id} projectId={title?.funding?.projectId ?? null} />
      <Stack gap={4}>
        <Title order={2}>{t('title')}</Title>
        {heading && (
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {t(`entities.${entity}`)}
            </Badge>
            <Text fw={600} data-testid="history-record-title">
              {heading}
            </Text>
            {title?.deleted && (
              <Badge color="red" variant="light" data-testid="record-deleted">
                {t('deleted')}
              </Badge>
            )}
          </Group>
        )}
        <Text size="sm" c="dimmed">
          {t('of')}
        </Text>
      </Stack>
      {title?.deleted && <RestorableBanner entity={entity} id={id} onRestored={() => void query.refetch()} />}
      {query.isError ? (
        <Alert color="red" role="alert" title={t('error', { message: query.error.message })}>
          <Button variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      ) : query.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('loading')}>
          <Skeleton height={24} width="50%" />
          <Skeleton height={120} />
          <Skeleton height={120} />
        </Stack>
      ) : entries.length === 0 ? (
        <Text c="dimmed" data-testid="history-empty">
          {t('empty')}
        </Text>
      ) : (
        <Stack
          gap="sm"
          component="ol"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          data-testid="history-entries"
        >
          {entries.map((entry) => (
            <Paper
              key={entry.id}
              component="li"
              withBorder
              p="sm"
              className={classes.entry}
              data-action={entry.rate ? 'rate' : entry.action}
              data-testid="history-entry"
            >
              <Group gap="xs" mb={entry.changes.length > 0 ? 'xs' : 0} wrap="wrap">
                {entry.rate ? (
                  <Badge variant="light" color="grape" data-testid="entry-action">
                    {t('rate.badge')}
                  </Badge>
                ) : (
                  <Badge variant="light" data-testid="entry-action">
                    {t(`actions.${entry.action}`, { defaultValue: entry.action })}
                  </Badge>
                )}
                <Text size="sm" fw={500}>
                  <time dateTime={entry.at}>{formatTimestamp(entry.at, language)}</time>
                </Text>
                <Text size="sm" data-testid="entry-actor">
                  {t('entry.by', { actor: actorLabel(entry.actor, t) })}
                </Text>
                {entry.versionAfter !== null && (
                  <Text size="xs" c="dimmed">
                    {entry.versionBefore === null
                      ? t('entry.versionNew', { to: entry.versionAfter })
                      : t('entry.version', { from: entry.versionBefore, to: entry.versionAfter })}
                  </Text>
                )}
              </Group>
              {entry.rate ? (
                <RateChange entry={entry} rate={entry.rate} context={context} />
              ) : entry.changes.length > 0 ? (
                <ChangeTable changes={entry.changes} context={context} />
              ) : (
                <Text size="sm" c="dimmed" mt={4}>
                  {t('entry.noFieldChanges')}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
      {query.hasNextPage && (
        <Button
          variant="light"
          onClick={() => void query.fetchNextPage()}
          loading={query.isFetchingNextPage}
          style={{ alignSelf: 'flex-start' }}
          data-testid="history-more"
        >
          {t('loadMore')}
        </Button>
      )}
    </Stack>
  );
}

function BackLink({
  entity,
  id,
  projectId,
}: {
  entity: HistoryEntity;
  id: string;
  projectId: string | null;
}) {
  const { t } = useLazyTranslation('history');
  if (entity === 'project')
    return (
      <AnchorLink to="/projects/$id" params={{ id }} size="sm">
        ← {t('back.project')}
      </AnchorLink>
    );
  if (entity === 'event')
    return (
      <AnchorLink to="/events/$id" params={{ id }} size="sm">
        ← {t('back.event')}
      </AnchorLink>
    );
  return projectId ? (
    <AnchorLink to="/projects/$id" params={{ id: projectId }} size="sm">
      ← {t('back.funding')}
    </AnchorLink>
  ) : null;
}

type Entry = History['entries'][number];

/**
 * A change of the exchange rate a funding row is converted with: saving a rate re-computes the row's
 * USD value without an entry of the row's own, so its history shows the rate's change here.
 */
function RateChange({
  entry,
  rate,
  context,
}: {
  entry: Entry;
  rate: NonNullable<Entry['rate']>;
  context: FormatContext;
}) {
  const { t } = useLazyTranslation('history');
  const perUsd = entry.changes.find((c) => c.field === 'perUsd');
  const value = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' ? formatDecimal(v, context.language) : t('entry.notSet');
  return (
    <Text size="sm" data-testid="rate-change">
      {perUsd && perUsd.kind === 'value'
        ? t('rate.changed', {
            currency: rate.currency,
            year: rate.year,
            before: value(perUsd.before),
            after: value(perUsd.after),
          })
        : t('rate.touched', { currency: rate.currency, year: rate.year })}{' '}
      {t('rate.recomputed')}
    </Text>
  );
}
