import '@mantine/core/styles/Input.css';
import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Fragment, useMemo, useState } from 'react';
import { RoleGate } from '../../../auth/role-gate.tsx';
import { FilterNotice } from '../../../filter/filter-notice.tsx';
import { formatDate } from '../../../format.ts';
import { formatDecimal } from '../../../history/format-change.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc, type trpcClient } from '../../../trpc.ts';
import { rateGrid, rateOverview } from './grid.ts';
import { RateForm, type RateFormTarget } from './rate-form.tsx';
import { type RatesSearch, sanitizeRatesSearch } from './search.ts';

export type RateRow = Awaited<ReturnType<typeof trpcClient.rate.list.query>>['rows'][number];

/** /admin/rates: the annual exchange-rate table; admins add and correct rates (the API checks it again). */
export function RatesPage() {
  const { t } = useLazyTranslation('rates');
  return (
    <RoleGate
      needs="admin"
      title={t('title')}
      signedOut={t('needsAdmin')}
      signedIn={(role) => t('needsAdminSignedIn', { role })}
    >
      <Rates />
    </RoleGate>
  );
}

function Rates() {
  const { t } = useLazyTranslation('rates');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const search: RatesSearch = useSearch({ from: '/admin/rates' });
  const navigate = useNavigate({ from: '/admin/rates' });
  const list = useQuery(trpc.rate.list.queryOptions({}));
  const missing = useQuery(trpc.rate.missing.queryOptions());
  const [editing, setEditing] = useState<RateFormTarget | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const currencies = useMemo(
    () => [...new Set((list.data?.rows ?? []).map((r) => r.currency))].sort(),
    [list.data],
  );
  const grid = useMemo(
    () => (list.data ? rateGrid(list.data.rows, list.data.years, search.currency) : []),
    [list.data, search.currency],
  );
  const overview = useMemo(() => rateOverview(grid), [grid]);
  const gaps = (missing.data ?? []).filter((m) => !search.currency || m.currency === search.currency);

  const who = (row: RateRow) =>
    row.updatedByName ?? (row.updatedBy === 'seed' ? t('seed') : (row.updatedBy ?? ''));

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <FilterNotice sanitize={sanitizeRatesSearch} />
      <div aria-live="polite">
        {message && (
          <Alert
            color="green"
            role="status"
            data-testid="rates-message"
            withCloseButton
            closeButtonLabel={t('common:actions.close')}
            onClose={() => setMessage(null)}
          >
            {message}
          </Alert>
        )}
      </div>
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('currency')}
          value={search.currency ?? ''}
          onChange={(e) =>
            void navigate({ search: { currency: e.currentTarget.value || undefined }, replace: true })
          }
          data={[{ value: '', label: t('allCurrencies') }, ...currencies]}
          data-testid="rates-currency"
        />
        <Button
          onClick={() => setEditing({ currency: search.currency ?? '', year: null, current: null })}
          data-testid="rate-add"
        >
          {t('add')}
        </Button>
      </Group>
      {missing.data && (
        <Paper withBorder p="sm" data-testid="rates-missing">
          <Text fw={600} size="sm">
            {t('missing.title')}
          </Text>
          {gaps.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('missing.none')}
            </Text>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t('missing.text')}
              </Text>
              <List size="sm" mt={4}>
                {gaps.map((g) => (
                  <List.Item key={`${g.currency}-${g.year}`}>
                    {t('missing.item', { currency: g.currency, year: g.year, count: g.fundingRows })}{' '}
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => setEditing({ currency: g.currency, year: g.year, current: null })}
                      aria-label={t('addLabel', { currency: g.currency, year: g.year })}
                    >
                      {t('addYear')}
                    </Button>
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Paper>
      )}
      {list.isPending && <Loader aria-label={t('loading')} />}
      {list.isError && (
        <Alert color="red" role="alert">
          {t('error', { message: list.error.message })}
        </Alert>
      )}
      {list.data && !search.currency && (
        // No currency chosen: one line per currency; its years open below when it is chosen.
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing={4} data-testid="rates-overview">
            <Table.Caption>{t('overview.caption', { count: overview.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('currency')}</Table.Th>
                <Table.Th scope="col">{t('overview.years')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('overview.latest')}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('overview.missing')}
                </Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('overview.open')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.map((c) => (
                <Table.Tr key={c.currency} data-testid="rate-currency" data-currency={c.currency}>
                  <Table.Th scope="row" fw={600}>
                    {c.currency}
                  </Table.Th>
                  <Table.Td>{c.from === null ? '' : `${c.from}–${c.to}`}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                    {c.latest?.rate
                      ? t('overview.latestValue', {
                          value: formatDecimal(c.latest.rate.perUsd, language),
                          year: c.latest.year,
                        })
                      : t('noRate')}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Text span size="sm" c={c.missing > 0 ? 'orange.9' : 'dimmed'}>
                      {c.missing}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => void navigate({ search: { currency: c.currency } })}
                      aria-label={t('overview.openLabel', { currency: c.currency })}
                      data-testid="rate-currency-open"
                    >
                      {t('overview.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && search.currency && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing={4} data-testid="rates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={90}>
                  {t('year')}
                </Table.Th>
                <Table.Th scope="col" w={170} style={{ textAlign: 'right' }}>
                  {t('perUsd')}
                </Table.Th>
                <Table.Th scope="col">{t('source')}</Table.Th>
                <Table.Th scope="col" w={200}>
                  {t('updated')}
                </Table.Th>
                <Table.Th scope="col" w={90}>
                  <VisuallyHidden>{t('edit')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            {grid.map(({ currency, years }) => (
              <Fragment key={currency}>
                <Table.Tbody data-testid={`rates-${currency}`}>
                  <Table.Tr>
                    <Table.Th scope="rowgroup" colSpan={5} bg="gray.1">
                      {currency}{' '}
                      <Text span size="xs" c="dimmed" fw={400}>
                        {t('caption', {
                          currency,
                          count: years.filter((y) => y.rate).length,
                          gaps: years.filter((y) => !y.rate).length,
                        })}
                      </Text>
                    </Table.Th>
                  </Table.Tr>
                  {years.map(({ year, rate }) => (
                    <Table.Tr
                      key={year}
                      data-testid="rate-row"
                      data-year={year}
                      data-gap={rate ? undefined : true}
                    >
                      <Table.Th scope="row" fw={500}>
                        {year}
                      </Table.Th>
                      {rate ? (
                        <>
                          <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                            {formatDecimal(rate.perUsd, language)}
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" lineClamp={2} title={rate.source}>
                              {rate.source}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" c="dimmed">
                              {t('updatedBy', {
                                date: formatDate(rate.updatedAt.slice(0, 10), language),
                                who: who(rate),
                              })}
                            </Text>
                          </Table.Td>
                        </>
                      ) : (
                        <Table.Td colSpan={3}>
                          <Text size="sm" c="orange.9" fs="italic" data-testid="no-rate">
                            {t('noRate')}
                          </Text>
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant={rate ? 'default' : 'light'}
                          onClick={() => setEditing({ currency, year, current: rate })}
                          aria-label={t(rate ? 'editLabel' : 'addLabel', { currency, year })}
                          data-testid={rate ? 'rate-edit' : 'rate-add-year'}
                        >
                          {t(rate ? 'edit' : 'addYear')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Fragment>
            ))}
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <RateForm
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setMessage(
              t('saved', { currency: saved.currency, year: saved.year, count: saved.fundingUpdated }),
            );
            void queryClient.invalidateQueries({ queryKey: trpc.rate.list.queryKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.rate.missing.queryKey() });
          }}
        />
      )}
    </Stack>
  );
}
