import { Anchor, Table, VisuallyHidden } from '@mantine/core';
import type { ChartDimension, ChartRow, ChartSeries } from '@srt/shared/charts';
import { useTranslation } from 'react-i18next';
import { formatUsd } from '../format.ts';
import type { Language } from '../i18n/index.ts';
import { seriesLabel } from './labels.ts';

type Props = {
  caption: string;
  dimension: ChartDimension;
  series: readonly ChartSeries[];
  rows: readonly ChartRow<string | number>[];
  labels: readonly string[];
  selectable: readonly boolean[];
  language: Language;
  onSelect?: (index: number) => void;
};

/**
 * The chart's data as a table: the same rows and series, with the exact amounts. A row's name is a button
 * that filters by it, so the drill-down works from the keyboard too.
 */
export function ChartTable({
  caption,
  dimension,
  series,
  rows,
  labels,
  selectable,
  language,
  onSelect,
}: Props) {
  const { t } = useTranslation('charts');
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table striped highlightOnHover withTableBorder fz="sm" data-testid={`chart-table-${dimension}`}>
        {/* The card's heading shows the title; the caption names the table for screen readers. */}
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(`columns.${dimension}`)}</Table.Th>
            {series.map((s) => (
              <Table.Th key={s.key} scope="col" style={{ textAlign: 'end' }}>
                {seriesLabel(s, language)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => {
            const name = labels[i] ?? '';
            return (
              <Table.Tr key={row.isOther ? 'other' : String(row.key)}>
                <Table.Th scope="row" fw={400}>
                  {onSelect && selectable[i] ? (
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="start"
                      onClick={() => onSelect(i)}
                      aria-label={t('filterBy', { name })}
                    >
                      {name}
                    </Anchor>
                  ) : (
                    name
                  )}
                </Table.Th>
                {series.map((s) => {
                  const amount = row.amounts[s.key] ?? null;
                  return (
                    <Table.Td key={s.key} style={{ textAlign: 'end', fontVariantNumeric: 'tabular-nums' }}>
                      {amount === null ? '—' : formatUsd(amount, language)}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
