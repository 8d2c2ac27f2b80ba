import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { FUNDING_FLOWS, INSTRUMENTS, label, NOMINAL, priceBasisLabel } from '@srt/shared/codes';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, formatUsd, isDecimal } from '../format.ts';
import type { Language } from '../i18n/index.ts';
import { AnchorLink } from './anchor-link.tsx';
import classes from './funding-table.module.css';
import { isWebUrl } from './language-name.ts';

export type FundingItem = {
  id: string;
  flow: string;
  amount: string;
  currency: string;
  priceBasis: string;
  valueDate: string | null;
  amountUsd: string | null;
  usdRate: string | null;
  rateSource: string | null;
  instrument: string | null;
  estimated: boolean;
  funderName: string | null;
  recipientName: string | null;
  /** On an event page: the project the row belongs to. */
  projectId?: string;
  projectTitle?: string;
};

export type FundingSource = { sourceId: string; title: string; url: string | null };

type Props = {
  rows: readonly FundingItem[];
  language: Language;
  /** The sources each row cites, by row id; the column is left out when not given. */
  sources?: ReadonlyMap<string, readonly FundingSource[]>;
  /** Rows shown before "show all". */
  initialRows?: number;
  caption: string;
  /** A last column of per-row controls (an editor's "Edit"), with its header. */
  rowActions?: { header: ReactNode; render: (row: FundingItem) => ReactNode };
};

const rateFormats = new Map<Language, Intl.NumberFormat>();
/** "10.3219" from "10.3219416667": a rate to four decimals is plenty to read; the exact one is stored. */
function formatRate(rate: string, language: Language): string {
  let format = rateFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 4 });
    rateFormats.set(language, format);
  }
  return isDecimal(rate) ? format.format(rate) : rate;
}

/**
 * Funding rows as recorded: flow, who gives to whom, the amount in its own currency and price basis, the
 * value date, the USD value with the rate and where the rate comes from ("no rate" when there is none:
 * then there is no USD value either), the estimated flag and the row's source. Nothing is summed here.
 */
export function FundingTable({ rows, language, sources, initialRows = 25, caption, rowActions }: Props) {
  const { t } = useTranslation('project');
  const [showAll, setShowAll] = useState(false);
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('funding.none')}
      </Text>
    );
  }
  const shown = showAll ? rows : rows.slice(0, initialRows);
  const withProject = rows.some((r) => r.projectId);
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing={6} fz="sm" data-testid="funding-table">
          <caption className={classes.caption}>{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('funding.flow')}</Table.Th>
              {withProject && <Table.Th>{t('funding.project')}</Table.Th>}
              <Table.Th>{t('funding.funder')}</Table.Th>
              <Table.Th className={classes.numeric}>{t('funding.amount')}</Table.Th>
              <Table.Th>{t('funding.valueDate')}</Table.Th>
              <Table.Th className={classes.numeric}>{t('funding.usd')}</Table.Th>
              <Table.Th>{t('funding.rate')}</Table.Th>
              <Table.Th>{t('funding.estimated')}</Table.Th>
              {sources && <Table.Th>{t('funding.source')}</Table.Th>}
              {rowActions && <Table.Th>{rowActions.header}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.id} data-testid="funding-row" data-flow={r.flow}>
                <Table.Td>
                  <Text size="sm">{label(FUNDING_FLOWS, r.flow, language)}</Text>
                  {r.instrument && (
                    <Text size="xs" c="dimmed">
                      {label(INSTRUMENTS, r.instrument, language)}
                    </Text>
                  )}
                </Table.Td>
                {withProject && (
                  <Table.Td className={classes.wide}>
                    {r.projectId ? (
                      <AnchorLink to="/projects/$id" params={{ id: r.projectId }} size="sm">
                        {r.projectTitle ?? r.projectId}
                      </AnchorLink>
                    ) : null}
                  </Table.Td>
                )}
                <Table.Td className={classes.wide}>
                  <Text size="sm">{r.funderName ?? t('funding.unknownFunder')}</Text>
                  {r.recipientName && (
                    <Text size="xs" c="dimmed">
                      {t('funding.to', { name: r.recipientName })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className={classes.numeric}>
                  <Text size="sm">{formatMoney(r.amount, r.currency, language)}</Text>
                  {r.priceBasis !== NOMINAL && (
                    <Text size="xs" c="grape.8" data-testid="price-basis">
                      {priceBasisLabel(r.priceBasis, language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className={classes.nowrap}>
                  {r.valueDate ? formatDate(r.valueDate, language) : t('funding.noDate')}
                </Table.Td>
                <Table.Td className={classes.numeric}>
                  {r.amountUsd === null ? (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  ) : (
                    formatUsd(r.amountUsd, language)
                  )}
                </Table.Td>
                <Table.Td className={classes.wide}>
                  {r.usdRate === null ? (
                    <Text size="sm" c="orange.8" data-testid="no-rate">
                      {t('funding.noRate')}
                    </Text>
                  ) : (
                    <>
                      <Text size="sm" className={classes.nowrap}>
                        {r.currency === 'USD'
                          ? t('funding.rateNone')
                          : t('funding.ratePerUsd', {
                              rate: formatRate(r.usdRate, language),
                              currency: r.currency,
                            })}
                      </Text>
                      {r.rateSource && (
                        <Text size="xs" c="dimmed">
                          {r.rateSource}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.estimated ? (
                    <Tooltip label={t('funding.estimatedHint')} multiline w={240} withArrow>
                      <Badge size="sm" color="yellow" variant="light" tabIndex={0}>
                        {t('funding.estimatedYes')}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('funding.estimatedNo')}
                    </Text>
                  )}
                </Table.Td>
                {sources && (
                  <Table.Td className={classes.wide}>
                    <RowSources sources={sources.get(r.id) ?? []} />
                  </Table.Td>
                )}
                {rowActions && <Table.Td>{rowActions.render(r)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length > initialRows && (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => setShowAll((v) => !v)}>
            {showAll ? t('funding.showFewer') : t('funding.showAll', { count: rows.length })}
          </Button>
        </Group>
      )}
    </>
  );
}

function RowSources({ sources }: { sources: readonly FundingSource[] }) {
  const { t } = useTranslation('project');
  if (sources.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('funding.noSource')}
      </Text>
    );
  }
  return (
    <>
      {sources.map((s) =>
        isWebUrl(s.url) ? (
          <Anchor
            key={s.sourceId}
            href={s.url}
            target="_blank"
            rel="noopener noreferrer"
            size="xs"
            display="block"
          >
            {s.title}
          </Anchor>
        ) : (
          <Text key={s.sourceId} size="xs">
            {s.title}
          </Text>
        ),
      )}
    </>
  );
}
