import { z } from 'zod';
import { ACTIVITY_STATUS, countryName, type Initiative, type Locale, sectorName } from './codes.ts';
import { type ProjectFilter, projectFilterSchema } from './filter.ts';

/**
 * Export of the current filtered view: `GET /api/export?format=…&variant=…&columns=…&lang=…&filter=…`.
 * The same shared filter as every list, so the file holds exactly the rows the view counts.
 */

export const EXPORT_PATH = '/api/export';
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_VARIANTS = ['projects', 'project-country', 'funding'] as const;
export type ExportVariant = (typeof EXPORT_VARIANTS)[number];
export const EXPORT_LANGS = ['en', 'ru'] as const satisfies readonly Locale[];

/** How a column's values are written: numbers stay numbers in XLSX, dates become dates. */
export type ExportColumnKind = 'text' | 'integer' | 'decimal' | 'date' | 'boolean';
type ColumnInfo = { kind: ExportColumnKind; en: string; ru: string };

const PROJECT_COLUMN_INFO = {
  project_id: { kind: 'text', en: 'Project id (Silk Road Tracker)', ru: 'Идентификатор проекта' },
  iati_identifier: { kind: 'text', en: 'IATI identifier', ru: 'Идентификатор IATI' },
  title: { kind: 'text', en: 'Title', ru: 'Название' },
  title_original: { kind: 'text', en: 'Title in the original language', ru: 'Название на языке оригинала' },
  title_language: { kind: 'text', en: 'Language of the original title', ru: 'Язык оригинального названия' },
  status: { kind: 'integer', en: 'IATI activity status code', ru: 'Код статуса (IATI)' },
  status_name: { kind: 'text', en: 'Status', ru: 'Статус' },
  countries: { kind: 'text', en: 'Country codes (ISO 3166-1)', ru: 'Коды стран (ISO 3166-1)' },
  country_names: { kind: 'text', en: 'Countries', ru: 'Страны' },
  sectors: { kind: 'text', en: 'Sector codes (OECD DAC)', ru: 'Коды отраслей (ОЭСР DAC)' },
  sector_names: { kind: 'text', en: 'Sectors', ru: 'Отрасли' },
  initiatives: {
    kind: 'text',
    en: 'Initiatives: code:basis (official label or assessed by an analyst)',
    ru: 'Инициативы: код:основание (официально или оценка аналитика)',
  },
  initiative_names: { kind: 'text', en: 'Initiatives', ru: 'Инициативы' },
  funders: {
    kind: 'text',
    en: 'Funders (funding participants and funders of funding rows)',
    ru: 'Финансирующие организации',
  },
  planned_start: { kind: 'date', en: 'Planned start', ru: 'Плановое начало' },
  planned_end: { kind: 'date', en: 'Planned end', ru: 'Плановое окончание' },
  actual_start: { kind: 'date', en: 'Actual start', ru: 'Фактическое начало' },
  actual_end: { kind: 'date', en: 'Actual end', ru: 'Фактическое окончание' },
  start_year: { kind: 'integer', en: 'Start year (actual, else planned)', ru: 'Год начала' },
  end_year: { kind: 'integer', en: 'End year (actual, else planned)', ru: 'Год окончания' },
  quality_score: { kind: 'integer', en: 'Data-quality score (0–100)', ru: 'Оценка качества данных (0–100)' },
  updated_at: { kind: 'text', en: 'Last updated (UTC)', ru: 'Последнее изменение (UTC)' },
} as const satisfies Record<string, ColumnInfo>;

const FLOW_SUMS = ['pledged', 'committed', 'disbursed', 'spent'] as const;
const FLOW_SUM_LABEL = {
  pledged: { en: 'Pledged', ru: 'Обещано' },
  committed: { en: 'Committed', ru: 'Обязательства' },
  disbursed: { en: 'Disbursed', ru: 'Выплачено' },
  spent: { en: 'Spent', ru: 'Израсходовано' },
} as const;
type FlowSum = (typeof FLOW_SUMS)[number];
type MoneyColumn = `${FlowSum}_usd_${'nominal' | 'constant'}`;

const moneyInfo = (share: boolean) =>
  Object.fromEntries(
    FLOW_SUMS.flatMap((flow) => {
      const label = FLOW_SUM_LABEL[flow];
      const suffix = share ? '_share' : '';
      const en = share ? ', this country’s share' : '';
      const ru = share ? ', доля страны' : '';
      return [
        [
          `${flow}_usd_nominal${suffix}`,
          {
            kind: 'decimal',
            en: `${label.en}, USD, nominal prices${en}`,
            ru: `${label.ru}, USD, номинал${ru}`,
          },
        ],
        [
          `${flow}_usd_constant${suffix}`,
          {
            kind: 'decimal',
            en: `${label.en}, USD, constant prices of constant_price_basis${en}`,
            ru: `${label.ru}, USD, в постоянных ценах (см. constant_price_basis)${ru}`,
          },
        ],
      ];
    }),
  );

const PRICE_BASIS_INFO = {
  constant_price_basis: {
    kind: 'text',
    en: 'Price basis of the constant-price USD columns, e.g. constant-2021',
    ru: 'База постоянных цен, например constant-2021',
  },
  constant_price_basis_name: { kind: 'text', en: 'Constant price basis', ru: 'База постоянных цен' },
  funding_rows_without_usd: {
    kind: 'integer',
    en: 'Funding rows with no USD value (no known rate): not in the USD sums',
    ru: 'Строки финансирования без суммы в USD (не входят в суммы)',
  },
} as const satisfies Record<string, ColumnInfo>;

const COUNTRY_INFO = {
  country: { kind: 'text', en: 'Country code (ISO 3166-1)', ru: 'Код страны (ISO 3166-1)' },
  country_name: { kind: 'text', en: 'Country', ru: 'Страна' },
  country_percentage: {
    kind: 'decimal',
    en: 'Share of the project in this country, % (empty: not stated)',
    ru: 'Доля проекта в стране, % (пусто: не указана)',
  },
} as const satisfies Record<string, ColumnInfo>;

const FUNDING_INFO = {
  funding_id: { kind: 'text', en: 'Funding row id', ru: 'Идентификатор строки финансирования' },
  project_title: { kind: 'text', en: 'Project title', ru: 'Название проекта' },
  flow: { kind: 'text', en: 'Flow code', ru: 'Код потока' },
  flow_name: { kind: 'text', en: 'Flow', ru: 'Поток' },
  amount: { kind: 'decimal', en: 'Amount in its own currency', ru: 'Сумма в исходной валюте' },
  currency: { kind: 'text', en: 'Currency (ISO 4217)', ru: 'Валюта (ISO 4217)' },
  price_basis: {
    kind: 'text',
    en: 'Price basis: nominal or constant-YYYY',
    ru: 'База цен: nominal или constant-YYYY',
  },
  price_basis_name: { kind: 'text', en: 'Price basis', ru: 'База цен' },
  value_date: { kind: 'date', en: 'Value date', ru: 'Дата' },
  amount_usd: {
    kind: 'decimal',
    en: 'Amount in USD, same price basis (empty: no known rate)',
    ru: 'Сумма в USD в той же базе цен (пусто: курс неизвестен)',
  },
  usd_rate: {
    kind: 'decimal',
    en: 'Rate: units of the currency per 1 USD',
    ru: 'Курс: единиц валюты за 1 USD',
  },
  rate_source: { kind: 'text', en: 'Source of the rate', ru: 'Источник курса' },
  estimated: { kind: 'boolean', en: 'Estimated amount', ru: 'Оценочная сумма' },
  instrument: { kind: 'text', en: 'Instrument code', ru: 'Код инструмента' },
  instrument_name: { kind: 'text', en: 'Instrument', ru: 'Инструмент' },
  funder: { kind: 'text', en: 'Funder', ru: 'Финансирующая организация' },
  recipient: { kind: 'text', en: 'Recipient', ru: 'Получатель' },
} as const satisfies Record<string, ColumnInfo>;

const P = PROJECT_COLUMN_INFO;
type P = keyof typeof P;
const MONEY: MoneyColumn[] = FLOW_SUMS.flatMap((f) => [`${f}_usd_nominal`, `${f}_usd_constant`] as const);

/** The columns of each variant, in their default order (all of them unless the request chooses). */
export const EXPORT_COLUMNS = {
  projects: [
    'project_id',
    'iati_identifier',
    'title',
    'title_original',
    'title_language',
    'status',
    'status_name',
    'countries',
    'country_names',
    'sectors',
    'sector_names',
    'initiatives',
    'initiative_names',
    'funders',
    'planned_start',
    'planned_end',
    'actual_start',
    'actual_end',
    'start_year',
    'end_year',
    ...MONEY,
    'constant_price_basis',
    'constant_price_basis_name',
    'funding_rows_without_usd',
    'quality_score',
    'updated_at',
  ],
  'project-country': [
    'project_id',
    'iati_identifier',
    'title',
    'title_original',
    'title_language',
    'country',
    'country_name',
    'country_percentage',
    'status',
    'status_name',
    'sectors',
    'sector_names',
    'initiatives',
    'initiative_names',
    'funders',
    'planned_start',
    'planned_end',
    'actual_start',
    'actual_end',
    'start_year',
    'end_year',
    ...MONEY.map((m) => `${m}_share` as const),
    'constant_price_basis',
    'constant_price_basis_name',
    'quality_score',
    'updated_at',
  ],
  funding: [
    'funding_id',
    'project_id',
    'iati_identifier',
    'project_title',
    'countries',
    'country_names',
    'flow',
    'flow_name',
    'amount',
    'currency',
    'price_basis',
    'price_basis_name',
    'value_date',
    'amount_usd',
    'usd_rate',
    'rate_source',
    'estimated',
    'instrument',
    'instrument_name',
    'funder',
    'recipient',
  ],
} as const satisfies Record<
  ExportVariant,
  readonly (
    | P
    | MoneyColumn
    | `${MoneyColumn}_share`
    | keyof typeof PRICE_BASIS_INFO
    | keyof typeof COUNTRY_INFO
    | keyof typeof FUNDING_INFO
  )[]
>;

export type ExportColumn<V extends ExportVariant = ExportVariant> = (typeof EXPORT_COLUMNS)[V][number];

/** What each column holds, in both languages, and how its values are typed. */
export const EXPORT_COLUMN_INFO: Record<ExportColumn, ColumnInfo> = {
  ...PROJECT_COLUMN_INFO,
  ...PRICE_BASIS_INFO,
  ...COUNTRY_INFO,
  ...FUNDING_INFO,
  ...(moneyInfo(false) as Record<MoneyColumn, ColumnInfo>),
  ...(moneyInfo(true) as Record<`${MoneyColumn}_share`, ColumnInfo>),
};

export const isExportColumn = <V extends ExportVariant>(variant: V, key: string): key is ExportColumn<V> =>
  (EXPORT_COLUMNS[variant] as readonly string[]).includes(key);

/** The filter travels as URL-encoded JSON, exactly as tRPC GET inputs do. */
const filterParam = z
  .string()
  .max(20_000, 'The filter is limited to 20,000 characters')
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        input: text,
        message: `Malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      return z.NEVER;
    }
  })
  .pipe(projectFilterSchema);

const requestShape = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  variant: z.enum(EXPORT_VARIANTS).default('projects'),
  /** Comma-separated column keys of the variant, in the order wanted; absent: all of them. */
  columns: z.string().max(5_000).optional(),
  lang: z.enum(EXPORT_LANGS).default('en'),
  filter: filterParam.optional(),
});

type RequestFor<V extends ExportVariant> = {
  format: ExportFormat;
  variant: V;
  columns: ExportColumn<V>[];
  lang: Locale;
  filter: ProjectFilter;
};
export type ExportRequest = { [V in ExportVariant]: RequestFor<V> }[ExportVariant];

/**
 * Validates the query string of an export request. Every problem is an issue on the field it concerns:
 * `format`, `variant`, `columns`, `lang`, or the filter field inside `filter` (e.g. `filter.countries.0`).
 */
export const exportRequestSchema = requestShape.transform((request, ctx): ExportRequest => {
  const { variant } = request;
  const known = EXPORT_COLUMNS[variant] as readonly string[];
  const asked =
    request.columns === undefined
      ? [...known]
      : [...new Set(request.columns.split(',').map((c) => c.trim()))].filter(Boolean);
  const unknown = asked.filter((c) => !known.includes(c));
  if (unknown.length) {
    ctx.issues.push({
      code: 'custom',
      input: request.columns,
      path: ['columns'],
      message: `Unknown column${unknown.length > 1 ? 's' : ''} for variant ${variant}: ${unknown.join(', ')} (known: ${known.join(', ')})`,
    });
    return z.NEVER;
  }
  if (asked.length === 0) {
    ctx.issues.push({
      code: 'custom',
      input: request.columns,
      path: ['columns'],
      message: 'Choose at least one column',
    });
    return z.NEVER;
  }
  const base = { format: request.format, lang: request.lang, filter: request.filter ?? {} };
  switch (variant) {
    case 'projects':
      return { ...base, variant, columns: asked.filter((c) => isExportColumn(variant, c)) };
    case 'project-country':
      return { ...base, variant, columns: asked.filter((c) => isExportColumn(variant, c)) };
    case 'funding':
      return { ...base, variant, columns: asked.filter((c) => isExportColumn(variant, c)) };
  }
});

export type ExportRequestInput = {
  format?: ExportFormat;
  variant?: ExportVariant;
  columns?: readonly string[];
  lang?: Locale;
  filter?: ProjectFilter;
};

/** The download link for a view: what the web app puts behind its export button. */
export function exportHref(request: ExportRequestInput): string {
  const params = new URLSearchParams();
  params.set('format', request.format ?? 'csv');
  params.set('variant', request.variant ?? 'projects');
  if (request.columns?.length) params.set('columns', request.columns.join(','));
  params.set('lang', request.lang ?? 'en');
  if (request.filter && Object.keys(request.filter).length)
    params.set('filter', JSON.stringify(request.filter));
  return `${EXPORT_PATH}?${params.toString()}`;
}

/** e.g. `silk-road-tracker_projects_TJ-UZ_2026-11-28.csv`. */
export function exportFileName(request: ExportRequest, asOf: Date): string {
  const countries = request.filter.countries?.length
    ? `_${request.filter.countries.slice(0, 4).join('-')}${request.filter.countries.length > 4 ? '-etc' : ''}`
    : '';
  return `silk-road-tracker_${request.variant}${countries}_${asOf.toISOString().slice(0, 10)}.${request.format}`;
}

const INITIATIVE_SHORT: Record<Initiative, Record<Locale, string>> = {
  bri: { en: 'BRI', ru: '«Пояс и путь»' },
  unido: { en: 'UNIDO', ru: 'ЮНИДО' },
};

const WORDS = {
  none: { en: 'none (all projects)', ru: 'нет (все проекты)' },
  countries: { en: 'Countries', ru: 'Страны' },
  initiative: { en: 'Initiative', ru: 'Инициатива' },
  anyInitiative: { en: 'any', ru: 'любая' },
  officialOnly: { en: 'official only', ru: 'только официальные' },
  assessedOnly: { en: 'assessed only', ru: 'только оценка аналитика' },
  inclAssessed: { en: 'incl. assessed', ru: 'вкл. оценку аналитика' },
  sectors: { en: 'Sectors', ru: 'Отрасли' },
  status: { en: 'Status', ru: 'Статус' },
  funders: { en: 'Funders', ru: 'Финансирующие' },
  years: { en: 'Years', ru: 'Годы' },
  from: { en: 'from', ru: 'с' },
  upTo: { en: 'up to', ru: 'по' },
  text: { en: 'Text', ru: 'Текст' },
  quality: { en: 'Minimum quality', ru: 'Минимальное качество' },
} as const satisfies Record<string, Record<Locale, string>>;

/**
 * The filter in words, e.g. `Countries: Tajikistan; Initiative: BRI (official only); Years: 2010–2020`.
 * Funders are ids in the filter: `funderNames` gives their names (an unknown id is shown as it is).
 */
export function describeFilter(
  filter: ProjectFilter,
  lang: Locale,
  funderNames: ReadonlyMap<string, string> = new Map(),
): string {
  const w = (key: keyof typeof WORDS) => WORDS[key][lang];
  const parts: string[] = [];
  if (filter.countries?.length)
    parts.push(`${w('countries')}: ${filter.countries.map((c) => countryName(c, lang)).join(', ')}`);
  if (filter.initiatives?.length || filter.initiativeBasis) {
    const names = filter.initiatives?.length
      ? filter.initiatives.map((i) => INITIATIVE_SHORT[i][lang]).join(', ')
      : w('anyInitiative');
    const basis =
      filter.initiativeBasis === 'official'
        ? w('officialOnly')
        : filter.initiativeBasis === 'assessed'
          ? w('assessedOnly')
          : w('inclAssessed');
    parts.push(`${w('initiative')}: ${names} (${basis})`);
  }
  if (filter.sectors?.length)
    parts.push(`${w('sectors')}: ${filter.sectors.map((s) => `${sectorName(s, lang)} (${s})`).join(', ')}`);
  if (filter.statuses?.length)
    parts.push(`${w('status')}: ${filter.statuses.map((s) => ACTIVITY_STATUS[s][lang]).join(', ')}`);
  if (filter.funders?.length)
    parts.push(`${w('funders')}: ${filter.funders.map((id) => funderNames.get(id) ?? id).join(', ')}`);
  if (filter.yearFrom !== undefined && filter.yearTo !== undefined)
    parts.push(`${w('years')}: ${filter.yearFrom}–${filter.yearTo}`);
  else if (filter.yearFrom !== undefined) parts.push(`${w('years')}: ${w('from')} ${filter.yearFrom}`);
  else if (filter.yearTo !== undefined) parts.push(`${w('years')}: ${w('upTo')} ${filter.yearTo}`);
  if (filter.q) parts.push(`${w('text')}: “${filter.q}”`);
  if (filter.minQuality !== undefined) parts.push(`${w('quality')}: ${filter.minQuality}`);
  return parts.length ? parts.join('; ') : w('none');
}
