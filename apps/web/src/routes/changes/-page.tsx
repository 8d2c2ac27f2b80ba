import '@mantine/core/styles/Input.css';
import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  NativeSelect,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { AUDIT_ENTITIES } from '@srt/shared/audit';
import { FUNDING_FLOWS, label } from '@srt/shared/codes';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useSession } from '../../auth/session.ts';
import { AnchorLink } from '../../components/anchor-link.tsx';
import { FilterNotice } from '../../filter/filter-notice.tsx';
import { formatMoney, type Language } from '../../format.ts';
import { PartialDateInput } from '../../forms/partial-date-input.tsx';
import { type Actor, actorLabel, formatTimestamp } from '../../history/actor.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc, type trpcClient } from '../../trpc.ts';
import { type ChangesSearch, sanitizeChangesSearch } from './-search.ts';

type ChangeRow = Awaited<ReturnType<typeof trpcClient.audit.changes.query>>['rows'][number];

const PAGE_SIZE = 50;
const SHOWN_FIELDS = 4;

/** /changes: the public feed of recent changes, filtered in the URL by record type, person and days. */
export function ChangesPage() {
  const { t } = useLazyTranslation('history');
  const language = useLanguage();
  const { isAdmin } = useSession();
  const search: ChangesSearch = useSearch({ from: '/changes/' });
  const navigate = useNavigate({ from: '/changes/' });
  const setSearch = (patch: Partial<ChangesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const query = useInfiniteQuery({
    ...trpc.audit.changes.infiniteQueryOptions(
      { entity: search.entity, actor: search.actor, from: search.from, to: search.to, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((p) => p.rows) ?? [];
  // While the filtered page loads, the name from the row that was clicked.
  const actor = query.data?.pages[0]?.actor ?? rows.find((r) => r.actor.id === search.actor)?.actor ?? null;
  const filtered = Boolean(search.entity || search.actor || search.from || search.to);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2}>{t('changes.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('changes.intro')}
        </Text>
      </Stack>
      <FilterNotice sanitize={sanitizeChangesSearch} />
      <Paper withBorder p="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('changes.entity')}
            value={search.entity ?? ''}
            onChange={(e) =>
              setSearch({ entity: (e.currentTarget.value || undefined) as ChangesSearch['entity'] })
            }
            data={[
              { value: '', label: t('changes.allEntities') },
              // Account changes are listed to admins only (audit.changes leaves them out for others).
              ...AUDIT_ENTITIES.filter((entity) => entity !== 'user' || isAdmin).map((entity) => ({
                value: entity,
                label: t(`entities.${entity}`),
              })),
            ]}
            data-testid="filter-entity"
          />
          {/* The same date field as the forms: YYYY-MM-DD (or 21.04.2018) typed, a calendar in the UI language. */}
          <PartialDateInput
            label={t('changes.from')}
            value={search.from ?? null}
            onChange={(value) => setSearch({ from: value ?? undefined })}
            clearable
            data-testid="filter-from"
          />
          <PartialDateInput
            label={t('changes.to')}
            value={search.to ?? null}
            onChange={(value) => setSearch({ to: value ?? undefined })}
            clearable
            data-testid="filter-to"
          />
          {search.actor && (
            <Badge
              size="lg"
              variant="light"
              data-testid="filter-actor"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={t('changes.removeActor')}
                  onClick={() => setSearch({ actor: undefined })}
                />
              }
              styles={{ label: { textTransform: 'none' } }}
            >
              {t('changes.actorFilter', {
                name: actor ? actorLabel(actor, t) : search.actor,
              })}
            </Badge>
          )}
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => void navigate({ search: {}, replace: true })}
              data-testid="clear-filters"
            >
              {t('changes.clear')}
            </Button>
          )}
        </Group>
      </Paper>
      {query.isError ? (
        <Alert color="red" role="alert" title={t('changes.error', { message: query.error.message })}>
          <Button variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      ) : query.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('loading')}>
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} height={28} />
          ))}
        </Stack>
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="changes-empty">
          {t('changes.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table
            striped
            highlightOnHover
            verticalSpacing={6}
            data-testid="changes-table"
            data-stale={query.isPlaceholderData || undefined}
            style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
          >
            <Table.Caption>{t('changes.count', { count: rows.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>{t('changes.when')}</Table.Th>
                <Table.Th>{t('changes.record')}</Table.Th>
                <Table.Th>{t('changes.change')}</Table.Th>
                <Table.Th w={220}>{t('changes.who')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr
                  key={row.id}
                  data-testid="change-row"
                  data-entity={row.entity}
                  data-action={row.action}
                >
                  <Table.Td>
                    <Text size="sm">
                      <time dateTime={row.at}>{formatTimestamp(row.at, language)}</time>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge variant="light" color="gray" size="sm" style={{ flexShrink: 0 }}>
                        {t(`entities.${row.entity}`, { defaultValue: row.entity })}
                      </Badge>
                      <RecordLink row={row} language={language} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} span>
                      {t(`actions.${row.action}`, { defaultValue: row.action })}
                    </Text>
                    {row.fields.length > 0 && (
                      <Text size="xs" c="dimmed" data-testid="change-fields">
                        {fieldList(row.fields, t)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ActorButton
                      actor={row.actor}
                      active={search.actor === row.actor.id}
                      onSelect={() => setSearch({ actor: row.actor.id })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.hasNextPage && (
        <Button
          variant="light"
          onClick={() => void query.fetchNextPage()}
          loading={query.isFetchingNextPage}
          style={{ alignSelf: 'flex-start' }}
          data-testid="changes-more"
        >
          {t('changes.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

type T = ReturnType<typeof useLazyTranslation>['t'];

function fieldList(fields: string[], t: T): string {
  const labels = t('fields', { returnObjects: true }) as Record<string, string>;
  const names = fields.slice(0, SHOWN_FIELDS).map((f) => labels[f] ?? f);
  const more = fields.length - SHOWN_FIELDS;
  return more > 0 ? `${names.join(', ')} ${t('changes.moreFields', { count: more })}` : names.join(', ');
}

function ActorButton({ actor, active, onSelect }: { actor: Actor; active: boolean; onSelect: () => void }) {
  const { t } = useLazyTranslation('history');
  const name = actorLabel(actor, t);
  if (active) return <Text size="sm">{name}</Text>;
  return (
    <UnstyledButton
      onClick={onSelect}
      title={t('changes.filterByActor', { name })}
      aria-label={t('changes.filterByActor', { name })}
      data-testid="actor"
    >
      <Text size="sm" c="blue.8" td="underline" style={{ textDecorationStyle: 'dotted' }}>
        {name}
      </Text>
    </UnstyledButton>
  );
}

function RecordLink({ row, language }: { row: ChangeRow; language: Language }) {
  const { t } = useLazyTranslation('history');
  const title = row.title;
  const text = !title
    ? t('changes.noTitle', {
        entity: t(`entities.${row.entity}`, { defaultValue: row.entity }),
        id: row.entityId,
      })
    : title.funding
      ? `${label(FUNDING_FLOWS, title.funding.flow, language)} ${formatMoney(title.funding.amount, title.funding.currency, language)}`
      : title.title;
  const id = row.entityId;
  const props = { size: 'sm', 'data-testid': 'change-record' } as const;
  switch (row.entity) {
    case 'project':
      return (
        <AnchorLink to="/projects/$id/history" params={{ id }} {...props}>
          {text}
        </AnchorLink>
      );
    case 'event':
      return (
        <AnchorLink to="/events/$id/history" params={{ id }} {...props}>
          {text}
        </AnchorLink>
      );
    case 'funding':
      return (
        <AnchorLink to="/funding/$id/history" params={{ id }} {...props}>
          {text}
        </AnchorLink>
      );
    case 'rate':
      return (
        <AnchorLink to="/admin/rates" search={{ currency: id.slice(0, 3) }} {...props}>
          {text}
        </AnchorLink>
      );
    default:
      return (
        <Text size="sm" data-testid="change-record">
          {text}
        </Text>
      );
  }
}
