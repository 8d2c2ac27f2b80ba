import { Badge, Group, Skeleton, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import {
  ACTIVITY_STATUS,
  countryName,
  label,
  NOMINAL,
  priceBasisLabel,
  SECTOR_CATEGORIES,
  type SectorCategory,
  sectorCategoryOf,
} from '@srt/shared/codes';
import { Link } from '@tanstack/react-router';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUsd } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import type { trpc } from '../../trpc.ts';
import type { ProjectSort, ProjectsSearch, SortDirection } from './-search.ts';
import classes from './projects.module.css';

export type ProjectRow = inferOutput<typeof trpc.project.list>['rows'][number];

type Props = {
  rows: ProjectRow[] | undefined;
  sort: { sort: ProjectSort; direction: SortDirection };
  onSort: (column: ProjectSort) => void;
  language: Language;
  /** Rows shown are the previous filter's while the new ones load. */
  stale: boolean;
  /** The list's URL search: a project page opened from here keeps it (previous/next, back to the list). */
  search: ProjectsSearch;
};

const MAX_LISTED = 3;

/**
 * The list of projects: a plain table (keyboard and screen-reader friendly), sortable where the API can.
 * Memoised, as are its rows: the page re-renders on every change of its three queries' states.
 */
export const ProjectTable = memo(function ProjectTable({
  rows,
  sort,
  onSort,
  language,
  stale,
  search,
}: Props) {
  const { t } = useTranslation('projects');
  const header = (column: ProjectSort | null, key: string, numeric = false) => {
    const text = t(`table.${key}`);
    if (column === null) {
      return (
        <Table.Th key={key} className={numeric ? classes.numeric : undefined}>
          {numeric ? (
            <Tooltip label={t('table.notSortable')} multiline w={260} withArrow>
              <span className={classes.unsortable}>{text}</span>
            </Tooltip>
          ) : (
            text
          )}
        </Table.Th>
      );
    }
    const active = sort.sort === column;
    return (
      <Table.Th
        key={key}
        aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
        className={numeric ? classes.numeric : undefined}
      >
        <UnstyledButton className={classes.sortButton} onClick={() => onSort(column)} data-sort={column}>
          {text}
          <span aria-hidden="true" className={classes.sortIcon} data-active={active || undefined}>
            {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
          </span>
          <VisuallyHidden>
            {active
              ? `, ${t(sort.direction === 'asc' ? 'table.sortedAsc' : 'table.sortedDesc')}`
              : `, ${t('table.sortBy', { column: text })}`}
          </VisuallyHidden>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="xs"
        className={classes.table}
        data-stale={stale || undefined}
        aria-busy={stale || rows === undefined}
      >
        <caption className={classes.caption}>{t('table.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            {header('title', 'title')}
            {header(null, 'countries')}
            {header(null, 'initiative')}
            {header(null, 'sector')}
            {header(null, 'status')}
            {header('startYear', 'startYear', true)}
            {header('committed', 'committed', true)}
            {header('disbursed', 'disbursed', true)}
            {header('quality', 'quality', true)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows === undefined
            ? Array.from({ length: 8 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={i} data-testid="skeleton-row">
                  {Array.from({ length: 9 }, (_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={j}>
                      <Skeleton height={14} width={j === 0 ? '90%' : '60%'} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : rows.map((row) => <Row key={row.id} row={row} language={language} search={search} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});

const Row = memo(function Row({
  row,
  language,
  search,
}: {
  row: ProjectRow;
  language: Language;
  search: ProjectsSearch;
}) {
  const { t } = useTranslation('projects');
  const categories = [...new Set(row.sectors.map(sectorCategoryOf))];
  return (
    <Table.Tr data-testid="project-row" data-countries={row.countries.join(' ')} data-id={row.id}>
      <Table.Td className={classes.titleCell}>
        <Link to="/projects/$id" params={{ id: row.id }} search={search} className={classes.titleLink}>
          {row.title}
        </Link>
        {row.titleOriginal && row.titleOriginal !== row.title && (
          <Text size="xs" c="dimmed" lang={row.titleLanguage ?? undefined} lineClamp={2}>
            {row.titleOriginal}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Listed
          values={row.countries.map((code) => countryName(code, language))}
          empty={t('table.unknown')}
          more={(n) => t('table.more', { count: n })}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {row.initiatives.map((i) => (
            <Badge
              key={i.initiative}
              size="sm"
              variant="default"
              className={classes.tag}
              data-basis={i.basis}
              leftSection={<span aria-hidden="true" className={classes.dot} data-initiative={i.initiative} />}
              title={i.basis === 'assessed' ? t('table.assessedHint') : undefined}
            >
              {t(`initiativeShort.${i.initiative}`, { defaultValue: i.initiative })}
              {i.basis === 'assessed' && ` · ${t('table.assessed')}`}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Listed
          values={categories.map((c) => SECTOR_CATEGORIES[c as SectorCategory]?.[language] ?? c)}
          empty={t('table.unknown')}
          more={(n) => t('table.more', { count: n })}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {row.status === null ? t('table.unknown') : label(ACTIVITY_STATUS, row.status, language)}
        </Text>
      </Table.Td>
      <Table.Td className={classes.numeric}>{row.startYear ?? t('table.unknown')}</Table.Td>
      <Table.Td className={classes.numeric}>
        <Money usd={row.committedUsd} bases={row.priceBases} language={language} />
      </Table.Td>
      <Table.Td className={classes.numeric}>
        <Money usd={row.disbursedUsd} bases={row.priceBases} language={language} />
      </Table.Td>
      <Table.Td className={classes.numeric}>
        <Text
          size="sm"
          fw={600}
          title={t('table.qualityHint', { score: row.qualityScore })}
          className={classes.quality}
        >
          <span
            aria-hidden="true"
            className={classes.dot}
            data-quality={row.qualityScore >= 67 ? 'high' : row.qualityScore >= 34 ? 'medium' : 'low'}
          />
          {row.qualityScore}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
});

function Listed({ values, empty, more }: { values: string[]; empty: string; more: (n: number) => string }) {
  if (values.length === 0) return <Text size="sm">{empty}</Text>;
  const shown = values.slice(0, MAX_LISTED).join(', ');
  const rest = values.length - MAX_LISTED;
  return (
    <Text size="sm" title={rest > 0 ? values.join(', ') : undefined}>
      {shown}
      {rest > 0 && (
        <Text span size="xs" c="dimmed">
          {' '}
          {more(rest)}
        </Text>
      )}
    </Text>
  );
}

/**
 * A row's USD sum. The list sums a flow over the project's funding records whatever their price basis,
 * so a sum that includes constant-price amounts carries a visible marker saying so.
 */
function Money({ usd, bases, language }: { usd: string | null; bases: string[]; language: Language }) {
  const { t } = useTranslation('projects');
  if (usd === null) return <Text size="sm">{t('table.unknown')}</Text>;
  const constant = bases.filter((b) => b !== NOMINAL);
  const hint =
    constant.length === 0
      ? undefined
      : bases.length > 1
        ? t('table.mixedHint', { bases: bases.map((b) => priceBasisLabel(b, language)).join(', ') })
        : t('table.constantHint', { years: constant.map((b) => b.replace('constant-', '')).join(', ') });
  return (
    <Text size="sm" className={classes.money} title={hint} data-usd={usd}>
      {formatUsd(usd, language)}
      {hint && (
        <>
          <span aria-hidden="true" className={classes.marker}>
            *
          </span>
          <VisuallyHidden>{` (${hint})`}</VisuallyHidden>
        </>
      )}
    </Text>
  );
}
