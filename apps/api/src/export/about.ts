import type { ExportSource } from '@srt/db/queries/export';
import type { Locale } from '@srt/shared/codes';
import { EXPORT_COLUMN_INFO, type ExportRequest, type ExportVariant } from '@srt/shared/export';

/**
 * What a file says about itself: the filter in words, when it was taken, how many rows, how to read the
 * money, and whom to credit. CSV writes it as leading `#` lines, XLSX as its first sheet.
 */
export type About = {
  title: string;
  /** Label → value, in the request's language. */
  facts: [string, string][];
  notes: string[];
  sources: ExportSource[];
  sourcesTotal: number;
  columns: { key: string; description: string }[];
  labels: Record<
    'rowsWritten' | 'note' | 'sources' | 'columns' | 'publisher' | 'source' | 'url' | 'projects',
    string
  >;
};

const T = {
  title: { en: 'Silk Road Tracker — export', ru: 'Silk Road Tracker — выгрузка' },
  variant: { en: 'Rows', ru: 'Строки' },
  filter: { en: 'Filter', ru: 'Фильтр' },
  filterJson: { en: 'Filter (JSON)', ru: 'Фильтр (JSON)' },
  asOf: { en: 'As of', ru: 'По состоянию на' },
  rows: { en: 'Row count', ru: 'Число строк' },
  request: { en: 'Request', ru: 'Запрос' },
  rowsWritten: { en: 'Rows written', ru: 'Записано строк' },
  note: { en: 'Note', ru: 'Примечание' },
  sources: { en: 'Sources', ru: 'Источники' },
  columns: { en: 'Columns', ru: 'Столбцы' },
  publisher: { en: 'Publisher', ru: 'Издатель' },
  source: { en: 'Source', ru: 'Источник' },
  url: { en: 'URL', ru: 'URL' },
  projects: { en: 'Projects citing it', ru: 'Проектов со ссылкой' },
} as const satisfies Record<string, Record<Locale, string>>;

const VARIANT: Record<ExportVariant, Record<Locale, string>> = {
  projects: { en: 'one per project', ru: 'по одной на проект' },
  'project-country': { en: 'one per project and country', ru: 'по одной на проект и страну' },
  funding: { en: 'one per funding transaction', ru: 'по одной на операцию финансирования' },
};

const NOTES: Record<'money' | 'share' | 'funding' | 'attribution', Record<Locale, string>> = {
  money: {
    en: 'Money is exact decimal numbers. Nominal and constant-price amounts are never added together: *_usd_nominal columns sum nominal USD, *_usd_constant columns sum USD at the prices of constant_price_basis (e.g. constant-2021, as AidData publishes). Pledged, committed, disbursed and spent are separate flows and are never added together. Funding without a known USD rate keeps its own currency and is not in the USD sums.',
    ru: 'Суммы — точные десятичные числа. Номинальные суммы и суммы в постоянных ценах не складываются: столбцы *_usd_nominal — номинальные USD, *_usd_constant — USD в постоянных ценах года из constant_price_basis (например constant-2021, как публикует AidData). Обещания, обязательства, выплаты и расходы — разные потоки и не складываются. Финансирование без известного курса остаётся в своей валюте и не входит в суммы в USD.',
  },
  share: {
    en: 'Country shares: the project’s sums times the country’s percentage; a project with one country and no stated percentage counts 100 %; several countries without percentages leave the share empty. A project with no country has one row with an empty country.',
    ru: 'Доли стран: суммы проекта, умноженные на процент страны; у проекта с одной страной без процента — 100 %; при нескольких странах без процентов доля пуста. Проект без стран даёт одну строку с пустой страной.',
  },
  funding: {
    en: 'Each row is one funding transaction in its own currency and price basis; amount_usd is in the same price basis, converted at usd_rate (units per USD) from rate_source.',
    ru: 'Каждая строка — одна операция в своей валюте и базе цен; amount_usd — в той же базе цен, пересчитано по курсу usd_rate (единиц за USD) из rate_source.',
  },
  attribution: {
    en: 'Cite as: Silk Road Tracker, and the sources below. AidData data: “AidData, Global Chinese Development Finance Dataset, Version 3.0” (ODC-By 1.0); IATI data: the reporting organisation, under its licence on the IATI Registry; exchange rates: International Monetary Fund.',
    ru: 'Ссылка: Silk Road Tracker и источники ниже. Данные AidData: «AidData, Global Chinese Development Finance Dataset, Version 3.0» (ODC-By 1.0); данные IATI: отчитывающаяся организация, по её лицензии в реестре IATI; курсы валют: Международный валютный фонд.',
  },
};

/** `2026-11-28 05:50:17 UTC` */
export const asOfText = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function buildAbout(input: {
  request: ExportRequest;
  filterText: string;
  asOf: Date;
  rowCount: number;
  requestPath: string;
  sources: ExportSource[];
  sourcesTotal: number;
}): About {
  const { request } = input;
  const lang = request.lang;
  const t = (key: keyof typeof T) => T[key][lang];
  const notes = [
    NOTES[request.variant === 'funding' ? 'funding' : 'money'][lang],
    ...(request.variant === 'project-country' ? [NOTES.share[lang]] : []),
    NOTES.attribution[lang],
  ];
  return {
    title: t('title'),
    facts: [
      [t('variant'), VARIANT[request.variant][lang]],
      [t('filter'), input.filterText],
      [t('filterJson'), JSON.stringify(request.filter)],
      [t('asOf'), asOfText(input.asOf)],
      [t('rows'), String(input.rowCount)],
      [t('request'), input.requestPath],
    ],
    notes,
    sources: input.sources,
    sourcesTotal: input.sourcesTotal,
    columns: request.columns.map((key) => ({ key, description: EXPORT_COLUMN_INFO[key][lang] })),
    labels: {
      rowsWritten: t('rowsWritten'),
      note: t('note'),
      sources: t('sources'),
      columns: t('columns'),
      publisher: t('publisher'),
      source: t('source'),
      url: t('url'),
      projects: t('projects'),
    },
  };
}
