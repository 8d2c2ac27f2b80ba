import type { ChartDimension, ChartRow, ChartSeries } from '@srt/shared/charts';
import { countryName, FUNDING_FLOWS, label, NOMINAL, priceBasisLabel, sectorName } from '@srt/shared/codes';
import type { TFunction } from 'i18next';
import type { Language } from '../i18n/index.ts';

/** "Committed", or "Committed (constant 2021 prices)" for a constant-price series. */
export function seriesLabel(series: ChartSeries, language: Language): string {
  const flow = label(FUNDING_FLOWS, series.flow, language);
  return series.priceBasis === NOMINAL ? flow : `${flow} (${priceBasisLabel(series.priceBasis, language)})`;
}

/** A row's name on the axis, in the tooltip and in the table. */
export function categoryLabel(
  dimension: ChartDimension,
  row: ChartRow<string | number>,
  language: Language,
  t: TFunction<'charts'>,
): string {
  if (row.isOther) return t('other', { count: row.otherCount });
  if (row.key === null) return t(`none.${dimension}`);
  switch (dimension) {
    case 'year':
      return String(row.key);
    case 'country':
      return countryName(String(row.key), language);
    case 'sector':
      return sectorName(String(row.key), language);
    case 'funder':
      return row.label ?? t('unnamedFunder');
  }
}

/** Whether clicking the row can filter by it ("other" and "not recorded" rows cannot). */
export const isSelectable = (row: ChartRow<string | number>): boolean => !row.isOther && row.key !== null;
