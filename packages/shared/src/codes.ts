// Plain code lists with labels: no zod here, so the browser can import them without the schema library.

export type Locale = 'en' | 'ru';
export type Label = { en: string; ru: string };

/** The four countries the tracker is about. */
export const FOCUS_COUNTRIES = ['AZ', 'TJ', 'TM', 'UZ'] as const;
export type FocusCountry = (typeof FOCUS_COUNTRIES)[number];

/**
 * ISO 3166-1 alpha-2 codes (plus XK, which IATI publishers use for Kosovo). Funders, partners and the
 * other recipients of multi-country IATI activities come from anywhere, so the whole list is accepted.
 */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
  'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
  'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
  'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
  'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
  'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

const countrySet = new Set(COUNTRY_CODES);
export const isCountryCode = (code: string): boolean => countrySet.has(code);

const displayNames = new Map<Locale, Intl.DisplayNames>();
/** Country name in the user's language, from the runtime's CLDR data (Node and every current browser). */
export function countryName(code: string, locale: Locale = 'en'): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region' });
    displayNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** ISO 4217 currencies in circulation, plus the SDR (XDR) that development banks report in. */
export const CURRENCY_CODES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD ' +
  'HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD ' +
  'LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP ' +
  'PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
  'TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XDR XOF XPF YER ZAR ZMW ZWG ZWL'
).split(' ');
const currencySet = new Set(CURRENCY_CODES);
export const isCurrencyCode = (code: string): boolean => currencySet.has(code);

/** IATI ActivityStatus codelist. */
export const ACTIVITY_STATUS = {
  1: { en: 'Pipeline/identification', ru: 'Подготовка/идентификация' },
  2: { en: 'Implementation', ru: 'Реализация' },
  3: { en: 'Finalisation', ru: 'Завершение' },
  4: { en: 'Closed', ru: 'Закрыт' },
  5: { en: 'Cancelled', ru: 'Отменён' },
  6: { en: 'Suspended', ru: 'Приостановлен' },
} as const satisfies Record<number, Label>;
export type ActivityStatus = keyof typeof ACTIVITY_STATUS;
export const ACTIVITY_STATUS_CODES = [1, 2, 3, 4, 5, 6] as const;

/**
 * Funding flows. A pledge is not a commitment, and incoming flows are the implementer's view of another
 * party's outgoing flow: no two flows are ever added together.
 */
export const FUNDING_FLOWS = {
  pledge: { en: 'Pledged', ru: 'Обещано' },
  commitment: { en: 'Committed', ru: 'Обязательства' },
  disbursement: { en: 'Disbursed', ru: 'Выплачено' },
  expenditure: { en: 'Spent', ru: 'Израсходовано' },
  incoming_commitment: { en: 'Incoming commitment', ru: 'Входящие обязательства' },
  incoming_funds: { en: 'Incoming funds', ru: 'Входящие средства' },
} as const satisfies Record<string, Label>;
export type FundingFlow = keyof typeof FUNDING_FLOWS;
export const FUNDING_FLOW_CODES = Object.keys(FUNDING_FLOWS) as FundingFlow[];

export const INSTRUMENTS = {
  grant: { en: 'Grant', ru: 'Грант' },
  loan: { en: 'Loan', ru: 'Кредит' },
  equity: { en: 'Equity', ru: 'Долевое участие' },
  guarantee: { en: 'Guarantee', ru: 'Гарантия' },
  other: { en: 'Other', ru: 'Другое' },
} as const satisfies Record<string, Label>;
export type Instrument = keyof typeof INSTRUMENTS;
export const INSTRUMENT_CODES = Object.keys(INSTRUMENTS) as Instrument[];

/**
 * Price basis of an amount: `nominal` (money of the day) or `constant-YYYY` (deflated to one year's
 * prices, as AidData publishes in constant 2021 USD). Amounts of different bases are never summed silently.
 */
export const NOMINAL = 'nominal';
export const PRICE_BASIS_PATTERN = /^(nominal|constant-(19|20)\d\d)$/;
export function priceBasisLabel(basis: string, locale: Locale = 'en'): string {
  if (basis === NOMINAL) return locale === 'ru' ? 'номинальные цены' : 'nominal prices';
  const year = basis.slice('constant-'.length);
  return locale === 'ru' ? `в постоянных ценах ${year} г.` : `constant ${year} prices`;
}

/** IATI OrganisationRole codelist. */
export const ORGANIZATION_ROLES = {
  1: { en: 'Funding', ru: 'Финансирующая' },
  2: { en: 'Accountable', ru: 'Ответственная' },
  3: { en: 'Extending', ru: 'Предоставляющая' },
  4: { en: 'Implementing', ru: 'Исполняющая' },
} as const satisfies Record<number, Label>;
export type OrganizationRole = keyof typeof ORGANIZATION_ROLES;
export const ORGANIZATION_ROLE_CODES = [1, 2, 3, 4] as const;

/** IATI OrganisationType codelist. */
export const ORGANIZATION_TYPES = {
  10: { en: 'Government', ru: 'Правительство' },
  11: { en: 'Local Government', ru: 'Местные органы власти' },
  15: { en: 'Other Public Sector', ru: 'Другой государственный сектор' },
  21: { en: 'International NGO', ru: 'Международная НКО' },
  22: { en: 'National NGO', ru: 'Национальная НКО' },
  23: { en: 'Regional NGO', ru: 'Региональная НКО' },
  24: { en: 'Partner Country based NGO', ru: 'НКО страны-партнёра' },
  30: { en: 'Public Private Partnership', ru: 'Государственно-частное партнёрство' },
  40: { en: 'Multilateral', ru: 'Многосторонняя организация' },
  60: { en: 'Foundation', ru: 'Фонд' },
  70: { en: 'Private Sector', ru: 'Частный сектор' },
  71: { en: 'Private Sector in Provider Country', ru: 'Частный сектор страны-донора' },
  72: { en: 'Private Sector in Aid Recipient Country', ru: 'Частный сектор страны-получателя' },
  73: { en: 'Private Sector in Third Country', ru: 'Частный сектор третьей страны' },
  80: { en: 'Academic, Training and Research', ru: 'Наука, образование и исследования' },
  90: { en: 'Other', ru: 'Другое' },
} as const satisfies Record<number, Label>;
export type OrganizationType = keyof typeof ORGANIZATION_TYPES;
export const ORGANIZATION_TYPE_CODES = Object.keys(ORGANIZATION_TYPES).map(Number) as OrganizationType[];

/** How exactly a location is known; only `exact` and `near` are ever drawn as pins. */
export const LOCATION_PRECISIONS = {
  exact: { en: 'Exact', ru: 'Точно' },
  near: { en: 'Near (≤ 25 km)', ru: 'Рядом (≤ 25 км)' },
  admin2: { en: 'District (admin-2)', ru: 'Район (уровень 2)' },
  admin1: { en: 'Region (admin-1)', ru: 'Регион (уровень 1)' },
  country: { en: 'Country', ru: 'Страна' },
} as const satisfies Record<string, Label>;
export type LocationPrecision = keyof typeof LOCATION_PRECISIONS;
export const LOCATION_PRECISION_CODES = Object.keys(LOCATION_PRECISIONS) as LocationPrecision[];
export const PIN_PRECISIONS: readonly LocationPrecision[] = ['exact', 'near'];

export const EVENT_TYPES = {
  forum: { en: 'Forum', ru: 'Форум' },
  conference: { en: 'Conference', ru: 'Конференция' },
  meeting: { en: 'Meeting', ru: 'Встреча' },
  signing: { en: 'Signing', ru: 'Подписание' },
  launch: { en: 'Launch', ru: 'Запуск' },
  visit: { en: 'Visit', ru: 'Визит' },
  milestone: { en: 'Milestone', ru: 'Этап' },
} as const satisfies Record<string, Label>;
export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_CODES = Object.keys(EVENT_TYPES) as EventType[];

export const DATE_PRECISIONS = {
  day: { en: 'Day', ru: 'День' },
  month: { en: 'Month', ru: 'Месяц' },
  year: { en: 'Year', ru: 'Год' },
} as const satisfies Record<string, Label>;
export type DatePrecision = keyof typeof DATE_PRECISIONS;
export const DATE_PRECISION_CODES = Object.keys(DATE_PRECISIONS) as DatePrecision[];

export const INITIATIVES = {
  bri: { en: 'Belt and Road Initiative', ru: 'Инициатива «Пояс и путь»' },
  unido: { en: 'UNIDO', ru: 'ЮНИДО' },
} as const satisfies Record<string, Label>;
export type Initiative = keyof typeof INITIATIVES;
export const INITIATIVE_CODES = Object.keys(INITIATIVES) as Initiative[];

/** `official`: a source labels the project as part of the initiative; `assessed`: an analyst's judgement. */
export const ATTRIBUTION_BASES = {
  official: { en: 'Official label', ru: 'Официально' },
  assessed: { en: 'Assessed by analyst', ru: 'Оценка аналитика' },
} as const satisfies Record<string, Label>;
export type AttributionBasis = keyof typeof ATTRIBUTION_BASES;
export const ATTRIBUTION_BASIS_CODES = Object.keys(ATTRIBUTION_BASES) as AttributionBasis[];

export const SOURCE_KINDS = {
  news: { en: 'News', ru: 'Новости' },
  official: { en: 'Official document', ru: 'Официальный документ' },
  dataset: { en: 'Dataset', ru: 'Набор данных' },
  document: { en: 'Document', ru: 'Документ' },
} as const satisfies Record<string, Label>;
export type SourceKind = keyof typeof SOURCE_KINDS;
export const SOURCE_KIND_CODES = Object.keys(SOURCE_KINDS) as SourceKind[];

/**
 * Sector categories — the OECD DAC groups (110 Education, 320 Industry, mining, construction …), which
 * is also the level AidData publishes — and the DAC-5 purpose codes the data uses. A code's category is
 * its first two digits and a zero (32120 → 320, DAC-3 321 → 320); a filter on a category matches every
 * code inside it.
 */
export const SECTOR_CATEGORIES = {
  '110': { en: 'Education', ru: 'Образование' },
  '120': { en: 'Health', ru: 'Здравоохранение' },
  '130': {
    en: 'Population policies and reproductive health',
    ru: 'Народонаселение и репродуктивное здоровье',
  },
  '140': { en: 'Water supply and sanitation', ru: 'Водоснабжение и санитария' },
  '150': { en: 'Government and civil society', ru: 'Государство и гражданское общество' },
  '160': { en: 'Other social infrastructure and services', ru: 'Прочая социальная инфраструктура и услуги' },
  '210': { en: 'Transport and storage', ru: 'Транспорт и хранение' },
  '220': { en: 'Communications', ru: 'Связь' },
  '230': { en: 'Energy', ru: 'Энергетика' },
  '240': { en: 'Banking and financial services', ru: 'Банковские и финансовые услуги' },
  '250': { en: 'Business and other services', ru: 'Бизнес и прочие услуги' },
  '310': { en: 'Agriculture, forestry, fishing', ru: 'Сельское, лесное и рыбное хозяйство' },
  '320': { en: 'Industry, mining, construction', ru: 'Промышленность, добыча, строительство' },
  '330': { en: 'Trade policies and regulations; tourism', ru: 'Торговая политика; туризм' },
  '410': { en: 'General environment protection', ru: 'Охрана окружающей среды' },
  '430': { en: 'Other multisector', ru: 'Прочие межотраслевые' },
  '510': { en: 'General budget support', ru: 'Общая бюджетная поддержка' },
  '520': { en: 'Development food assistance', ru: 'Продовольственная помощь' },
  '530': { en: 'Other commodity assistance', ru: 'Прочая товарная помощь' },
  '600': { en: 'Action relating to debt', ru: 'Операции с долгом' },
  '720': { en: 'Emergency response', ru: 'Экстренное реагирование' },
  '730': { en: 'Reconstruction, relief and rehabilitation', ru: 'Восстановление и реабилитация' },
  '740': { en: 'Disaster prevention and preparedness', ru: 'Предотвращение бедствий' },
  '910': { en: 'Administrative costs of donors', ru: 'Административные расходы доноров' },
  '930': { en: 'Refugees in donor countries', ru: 'Беженцы в странах-донорах' },
  '990': { en: 'Unallocated / unspecified', ru: 'Не распределено / не указано' },
} as const satisfies Record<string, Label>;
export type SectorCategory = keyof typeof SECTOR_CATEGORIES;

export const SECTORS: Record<string, string> = {
  '11110': 'Education policy and administrative management',
  '11130': 'Teacher training',
  '11220': 'Primary education',
  '11230': 'Basic life skills for adults',
  '11231': 'Basic life skills for youth',
  '11320': 'Upper secondary education',
  '11330': 'Vocational training',
  '11420': 'Higher education',
  '12110': 'Health policy and administrative management',
  '12220': 'Basic health care',
  '12230': 'Basic health infrastructure',
  '12250': 'Infectious disease control',
  '12264': 'COVID-19 control',
  '12281': 'Health personnel development',
  '13030': 'Family planning',
  '13040': 'STD control including HIV/AIDS',
  '14010': 'Water sector policy and administrative management',
  '14020': 'Water supply and sanitation - large systems',
  '14040': 'River basins development',
  '15110': 'Public sector policy and administrative management',
  '15111': 'Public finance management',
  '15123': 'Anti-corruption organisations and institutions',
  '15130': 'Legal and judicial development',
  '15131': 'Justice, law and order policy, planning and administration',
  '15144': 'Migration policy, administration and transborder movement',
  '15150': 'Democratic participation and civil society',
  '15151': 'Elections',
  '15160': 'Human rights',
  '15190': 'Facilitation of orderly, safe, regular and responsible migration and mobility',
  '16010': 'Social protection',
  '16011': 'Social protection and welfare services policy, planning and administration',
  '16020': 'Employment creation',
  '16050': 'Multisector aid for basic social services',
  '16062': 'Statistical capacity building',
  '21010': 'Transport policy and administrative management',
  '21020': 'Road transport',
  '21030': 'Rail transport',
  '22040': 'Information and communication technology',
  '23110': 'Energy policy and administrative management',
  '23210': 'Energy generation, renewable sources - multiple technologies',
  '23630': 'Electric power transmission and distribution',
  '24030': 'Formal sector financial intermediaries',
  '25010': 'Business policy and administration',
  '31110': 'Agricultural policy and administrative management',
  '31120': 'Agricultural development',
  '31166': 'Agricultural extension',
  '31181': 'Agricultural education/training',
  '32110': 'Industrial policy and administrative management',
  '32120': 'Industrial development',
  '32130': 'Small and medium-sized enterprises (SME) development',
  '32161': 'Agro-industries',
  '32163': 'Textiles, leather and substitutes',
  '32168': 'Pharmaceutical production',
  '32210': 'Mineral/mining policy and administrative management',
  '33110': 'Trade policy and administrative management',
  '33120': 'Trade facilitation',
  '41010': 'Environmental policy and administrative management',
  '43010': 'Multisector aid',
  '43030': 'Urban development and management',
  '43040': 'Rural development',
  '43060': 'Disaster risk reduction',
  '43072': 'Household food security programmes',
  '43073': 'Food safety and quality',
  '51010': 'General budget support-related aid',
  '53030': 'Import support (capital goods)',
  '60010': 'Action relating to debt',
  '72010': 'Material relief assistance and services',
  '72040': 'Emergency food assistance',
  '72050': 'Relief co-ordination and support services',
  '73010': 'Immediate post-emergency reconstruction and rehabilitation',
  '74020': 'Multi-hazard response preparedness',
  '91010': 'Administrative costs (non-sector allocable)',
  '99810': 'Sectors not specified',
};

/** The category of a DAC-5 purpose code or DAC-3 code. */
export const sectorCategoryOf = (code: string): string => `${code.slice(0, 2)}0`;

export function sectorName(code: string, locale: Locale = 'en'): string {
  if (code.length === 3) {
    const category = SECTOR_CATEGORIES[sectorCategoryOf(code) as SectorCategory];
    return category ? category[locale] : code;
  }
  const name = SECTORS[code];
  if (name && locale === 'en') return name;
  // Purpose-code names are English-only so far; Russian shows the category name with the code.
  const category = SECTOR_CATEGORIES[sectorCategoryOf(code) as SectorCategory];
  if (locale === 'ru' && category) return `${category.ru} (${code})`;
  return name ?? code;
}

/** Accepts a DAC-5 purpose code, a DAC-3 code or a category, within a known category. */
export const isSectorCode = (code: string): boolean =>
  /^\d{3}(\d\d)?$/.test(code) && sectorCategoryOf(code) in SECTOR_CATEGORIES;

export function label(
  table: Record<string | number, Label>,
  code: string | number,
  locale: Locale = 'en',
): string {
  return table[code]?.[locale] ?? String(code);
}
