import { readFileSync } from 'node:fs';
import { SECTORS } from '@srt/shared/codes';
import { projectQuality } from '@srt/shared/quality';
import { normalizeSearchText, searchTextOf } from '@srt/shared/search';
import { EXCHANGE_RATES_FILE, parseRatesCsv, type RateTable, rateTable } from '../import/rates.ts';
import { loadRegions, type Region, type Regions, randomPointIn, randomRegion } from './geo.ts';
import { hashString, Random } from './random.ts';
import type { Batch, Cell } from './rows.ts';
import {
  ACTIONS,
  type Action,
  CHINESE_COMPANY_KINDS,
  CHINESE_PROVINCES,
  CITIES,
  type City,
  COUNTRY_TEXT,
  DESCRIPTION_OUTPUTS,
  DESCRIPTION_RU,
  FACILITIES,
  type Facility,
  FOREIGN_VENUES,
  type FocusCountry,
  INTERNATIONAL_FUNDS,
  LOCAL_COMPANY_KINDS,
  LOCAL_COMPANY_ROOTS,
  MINISTRIES,
} from './vocab.ts';

/** `external_ref` of the one source every synthetic record cites; how the corpus is found and removed. */
export const SYNTHETIC_SOURCE_REF = 'synthetic';
/** `created_by` of every synthetic record. */
export const SYNTHETIC_ACTOR = 'synthetic';

const FOCUS: readonly FocusCountry[] = ['AZ', 'TJ', 'TM', 'UZ'];
const OTHER_COUNTRIES = ['KZ', 'KG', 'CN', 'AF', 'TR', 'RU'];
const LAST_DAY = Date.UTC(2025, 10, 27);
const DAY = 86_400_000;

const ALL_SECTORS = Object.keys(SECTORS);
const ACTION_CHOICES = ACTIONS.map((a) => [a, a.weight] as const);
/** Start years 2000–2025, most after the Belt and Road began in 2013. */
const START_YEARS = Array.from({ length: 26 }, (_, k) => [2000 + k, k < 13 ? 2 : k < 20 ? 6 : 4] as const);

const PROJECT_STREAM = 0x50524f4a;
const NAMED_STREAM = 0x4e414d45;

type Org = { id: string; country: string | null };

export type OrgPool = {
  chinese: Org[];
  funds: Org[];
  local: Map<string, Org[]>;
  ministries: Map<string, Org[]>;
  all: Org[];
};

export type SynthContext = {
  seed: number;
  sourceId: string;
  orgs: OrgPool;
  regions: Regions;
  rates: RateTable;
  citiesByCountry: Map<string, City[]>;
};

const namedRandom = (seed: number, name: string) => new Random(seed, NAMED_STREAM, hashString(name));
const projectRandom = (seed: number, index: number) => new Random(seed, PROJECT_STREAM, index);

/** The id of project `index`: the first draw of its generator. */
export const projectId = (seed: number, index: number): string => projectRandom(seed, index).uuid();

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const randomDay = (r: Random, fromMs: number, toMs: number) =>
  isoDate(fromMs + Math.floor(r.next() * Math.max(1, (toMs - fromMs) / DAY)) * DAY);

function timestamps(r: Random): [string, string] {
  const created = Date.UTC(2023, 0, 1) + Math.floor(r.next() * (LAST_DAY - Date.UTC(2023, 0, 1)));
  const updated = Math.min(LAST_DAY, created + Math.floor(r.next() * 200 * DAY));
  const ts = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00`;
  return [ts(created), ts(updated)];
}

const initials = (name: string) =>
  name
    .split(/[\s,.]+/)
    .filter((w) => /^[A-Z]/.test(w) && w !== 'Co' && w !== 'Ltd')
    .map((w) => w[0])
    .join('');

const editableCells = (r: Random): Cell[] => [...timestamps(r), SYNTHETIC_ACTOR, SYNTHETIC_ACTOR];

/** The synthetic source row; returns its id. */
export function generateSource(seed: number, batch: Batch): string {
  const r = namedRandom(seed, 'source');
  const id = r.uuid();
  batch.sources.add([
    id,
    null,
    'Synthetic scale corpus',
    'Silk Road Tracker (generated)',
    null,
    'en',
    'dataset',
    SYNTHETIC_SOURCE_REF,
    ...editableCells(r),
  ]);
  return id;
}

const RU_COUNTRY_GENITIVE: Record<FocusCountry, string> = {
  AZ: 'Азербайджанской Республики',
  TJ: 'Республики Таджикистан',
  TM: 'Туркменистана',
  UZ: 'Республики Узбекистан',
};

/** A few hundred organisations: Chinese companies, local companies, ministries and funds. */
export function generateOrganizations(seed: number, batch: Batch): OrgPool {
  const r = namedRandom(seed, 'organizations');
  const pool: OrgPool = { chinese: [], funds: [], local: new Map(), ministries: new Map(), all: [] };
  const add = (
    list: Org[],
    country: string | null,
    name: string,
    nameLocal: string | null,
    acronym: string | null,
    type: number,
    iatiRef: string | null,
  ) => {
    const org = { id: r.uuid(), country };
    batch.organizations.add([
      org.id,
      name,
      nameLocal,
      acronym,
      type,
      country,
      iatiRef,
      normalizeSearchText(name),
      ...editableCells(r),
    ]);
    list.push(org);
    pool.all.push(org);
  };

  for (const province of CHINESE_PROVINCES) {
    for (const kind of CHINESE_COMPANY_KINDS) {
      const name = `${province.en} ${kind.en}`;
      add(pool.chinese, 'CN', name, `${province.zh}${kind.zh}`, initials(name), kind.type, null);
    }
  }
  INTERNATIONAL_FUNDS.forEach((fund, i) => {
    add(
      pool.funds,
      fund.country,
      fund.en,
      null,
      fund.acronym,
      fund.type,
      `XM-SYN-${String(i + 1).padStart(3, '0')}`,
    );
  });
  for (const country of FOCUS) {
    const text = COUNTRY_TEXT[country];
    const local: Org[] = [];
    for (const root of LOCAL_COMPANY_ROOTS[country]) {
      for (const kind of LOCAL_COMPANY_KINDS[country])
        add(local, country, `«${root}» ${kind}`, null, null, 72, null);
    }
    pool.local.set(country, local);
    const ministries: Org[] = [];
    for (const m of MINISTRIES) {
      const of = country === 'TM' ? 'of Turkmenistan' : `of the Republic of ${text.en}`;
      add(ministries, country, `${m.en} ${of}`, `${m.ru} ${RU_COUNTRY_GENITIVE[country]}`, null, 10, null);
    }
    pool.ministries.set(country, ministries);
  }
  return pool;
}

export function createContext(seed: number, sourceId: string, orgs: OrgPool): SynthContext {
  const citiesByCountry = new Map<string, City[]>();
  for (const c of CITIES) citiesByCountry.set(c.country, [...(citiesByCountry.get(c.country) ?? []), c]);
  const rates = rateTable(parseRatesCsv(readFileSync(EXCHANGE_RATES_FILE, 'utf8')));
  return { seed, sourceId, orgs, regions: loadRegions(), rates, citiesByCountry };
}

function listFor<T>(map: Map<string, T[]>, key: string): T[] {
  const list = map.get(key);
  if (!list?.length) throw new Error(`nothing for ${key}`);
  return list;
}

/** Splits 100 into `n` shares that are multiples of `step`, each at least `step`. */
function shares(r: Random, n: number, step: number): number[] {
  const units = 100 / step;
  const out: number[] = [];
  let left = units;
  for (let k = n; k > 1; k--) {
    const maxTake = left - (k - 1);
    const take = r.int(Math.ceil(maxTake / 2), maxTake);
    out.push(take * step);
    left -= take;
  }
  out.push(left * step);
  return out;
}

function originalTitle(
  r: Random,
  country: FocusCountry,
  action: Action,
  facility: Facility,
  city: City,
): { text: string; language: string } | null {
  const text = COUNTRY_TEXT[country];
  const choice = r.weighted([
    ['none', 45],
    ['ru', 25],
    ['local', 20],
    ['zh', 6],
    ['th', 4],
  ] as const);
  switch (choice) {
    case 'none':
      return null;
    case 'ru':
      return { text: `${action.ru} ${facility.ru} в г. ${city.ru}`, language: 'ru' };
    case 'zh':
      return { text: `${text.zh}${facility.zh}${action.zh}项目`, language: 'zh' };
    case 'th':
      return { text: `โครงการ${action.th}${facility.th}ใน${text.th}`, language: 'th' };
    case 'local':
      switch (country) {
        case 'AZ':
          return { text: `${city.local} ${facility.az} ${action.az}`, language: 'az' };
        case 'UZ':
          return { text: `${city.local} shahrida ${facility.uz} ${action.uz}`, language: 'uz' };
        case 'TJ':
          return { text: `${action.tg} ${facility.tg} дар шаҳри ${city.local}`, language: 'tg' };
        case 'TM':
          return { text: `${city.local} şäherinde ${facility.tk} ${action.tk}`, language: 'tk' };
      }
  }
}

/** A point within `km` of the city and inside its country; the region it falls in gives admin-1. */
function pointNear(
  r: Random,
  regions: Regions,
  city: City,
  km: number,
): { lon: number; lat: number; region: Region } {
  for (let attempt = 0; attempt < 30; attempt++) {
    const distance = km * Math.sqrt(r.next());
    const angle = r.next() * 2 * Math.PI;
    const lat = city.lat + (distance / 111.32) * Math.sin(angle);
    const lon = city.lon + (distance / (111.32 * Math.cos((city.lat * Math.PI) / 180))) * Math.cos(angle);
    const region = regions.regionAt(lon, lat, city.country);
    if (region) return { lon: round6(lon), lat: round6(lat), region };
  }
  const region = randomRegion(r, regions, city.country);
  const p = randomPointIn(r, region);
  return { lon: round6(p.lon), lat: round6(p.lat), region };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

const EVENT_TYPES = [
  ['signing', 25],
  ['meeting', 20],
  ['forum', 12],
  ['conference', 10],
  ['launch', 13],
  ['visit', 10],
  ['milestone', 10],
] as const;

function eventTitle(
  type: (typeof EVENT_TYPES)[number][0],
  facility: Facility,
  city: City,
  country: FocusCountry,
  year: string,
): { en: string; ru: string } {
  const c = COUNTRY_TEXT[country];
  switch (type) {
    case 'signing':
      return {
        en: `Signing of the financing agreement for the ${facility.en} in ${city.en}`,
        ru: `Подписание соглашения о финансировании ${facility.ru} в г. ${city.ru}`,
      };
    case 'meeting':
      return {
        en: `Intergovernmental working group on the ${facility.en} in ${city.en}`,
        ru: `Заседание межправительственной рабочей группы по проекту ${facility.ru}`,
      };
    case 'forum':
      return {
        en: `${c.en}–China Industrial Cooperation Forum ${year}`,
        ru: `Форум промышленного сотрудничества «${c.ru} — Китай» ${year}`,
      };
    case 'conference':
      return {
        en: `Conference on industrial corridors of the New Silk Road Economic Belt, ${city.en}`,
        ru: `Конференция по промышленным коридорам Экономического пояса Шёлкового пути, ${city.ru}`,
      };
    case 'launch':
      return {
        en: `Groundbreaking ceremony of the ${facility.en} in ${city.en}`,
        ru: `Церемония закладки первого камня ${facility.ru} в г. ${city.ru}`,
      };
    case 'visit':
      return {
        en: `Site visit of the financiers' delegation to ${city.en}`,
        ru: `Визит делегации финансирующих организаций в г. ${city.ru}`,
      };
    case 'milestone':
      return {
        en: `Commissioning of the first stage of the ${facility.en} in ${city.en}`,
        ru: `Ввод в эксплуатацию первой очереди ${facility.ru} в г. ${city.ru}`,
      };
  }
}

type FundingFlow = 'pledge' | 'commitment' | 'disbursement' | 'expenditure';

/** Any rate of the currency, nearest year first: only to give amounts a plausible magnitude. */
function scaleRate(ctx: SynthContext, currency: string, year: number): number {
  if (currency === 'USD') return 1;
  for (let d = 0; d < 30; d++) {
    const rate = ctx.rates.rate(currency, year - d) ?? ctx.rates.rate(currency, year + d);
    if (rate) return Number(rate.perUsd);
  }
  return 1;
}

/** Like AidData's constant-2021 USD amounts: already USD, in another price basis. */
const CONSTANT_RATE_SOURCE = 'Synthetic: constant 2021 USD as published (no conversion)';

const LOCAL_CURRENCY: Record<FocusCountry, string> = { AZ: 'AZN', TJ: 'TJS', TM: 'TMT', UZ: 'UZS' };

export type ProjectCounts = { events: number; funding: number; locations: number };

/**
 * Writes project `index` with everything around it into the batch. All randomness comes from the
 * project's own generator, in a fixed order, so the project is the same in every run with this seed.
 */
export function generateProject(ctx: SynthContext, index: number, batch: Batch): void {
  const r = projectRandom(ctx.seed, index);
  const id = r.uuid();
  const { orgs, regions } = ctx;

  // Countries: mostly one of the four, sometimes shared with neighbours or other focus countries.
  const primary = r.weighted([
    ['UZ', 35],
    ['TJ', 25],
    ['AZ', 22],
    ['TM', 18],
  ] as const);
  const countries: string[] = [primary];
  const nCountries = r.weighted([
    [1, 70],
    [2, 20],
    [3, 10],
  ] as const);
  while (countries.length < nCountries) {
    const next = r.chance(0.7) ? r.pick(FOCUS) : r.pick(OTHER_COUNTRIES);
    if (!countries.includes(next)) countries.push(next);
  }
  const focusCountries = countries.filter((c): c is FocusCountry => (FOCUS as readonly string[]).includes(c));
  const countryShares = r.chance(0.05) ? null : shares(r, countries.length, 5);

  const facility = r.pick(FACILITIES);
  const action = r.weighted(ACTION_CHOICES);
  const city = r.pick(listFor(ctx.citiesByCountry, primary));
  const phase = r.chance(0.15) ? r.pick([' (Phase II)', ' (Phase III)', ', second stage']) : '';
  const title = `${action.en} ${facility.en} in ${city.en}${phase}`;
  const original = originalTitle(r, primary, action, facility, city);
  const identifier = r.chance(0.6) ? `XM-SYN-${ctx.seed}-${String(index + 1).padStart(7, '0')}` : null;

  const initiatives = r.weighted([
    [['bri'], 55],
    [['unido'], 22],
    [['bri', 'unido'], 18],
    [[], 5],
  ] as const);
  const isBri = initiatives.some((i) => i === 'bri');
  const country = COUNTRY_TEXT[primary];
  const description = r.chance(0.85)
    ? [
        `The project will ${action.en.split(' ')[0]?.toLowerCase() === 'construction' ? 'build' : 'upgrade'} the ${facility.en} near ${city.en} (${city.local}), ${country.en}.`,
        `Expected results: ${r.pick(DESCRIPTION_OUTPUTS)}.`,
        isBri
          ? 'Financed under the Belt and Road Initiative.'
          : 'Implemented with UNIDO technical cooperation.',
        r.chance(0.25) ? r.pick(DESCRIPTION_RU) : '',
      ]
        .filter(Boolean)
        .join(' ')
    : null;

  const status = r.weighted([
    [1, 10],
    [2, 40],
    [3, 10],
    [4, 30],
    [5, 5],
    [6, 3],
    [null, 2],
  ] as const);

  // Dates: 2000–2025, most after the Belt and Road began in 2013; a few projects carry none.
  let plannedStart: string | null = null;
  let plannedEnd: string | null = null;
  let actualStart: string | null = null;
  let actualEnd: string | null = null;
  if (!r.chance(0.03)) {
    const year = r.weighted(START_YEARS);
    const startMs = Date.UTC(year, 0, 1) + r.int(0, 364) * DAY;
    plannedStart = isoDate(startMs);
    plannedEnd = isoDate(startMs + r.int(365, 8 * 365) * DAY);
    if ((status === 2 || status === 3 || status === 4 || status === 6) && r.chance(0.75)) {
      actualStart = isoDate(Math.min(LAST_DAY, startMs + r.int(-60, 240) * DAY));
      if (status === 4) {
        actualEnd = isoDate(
          Math.min(LAST_DAY, Math.max(dayMs(actualStart), dayMs(plannedEnd) + r.int(-90, 540) * DAY)),
        );
      }
    }
  }
  const spanFrom = dayMs(actualStart ?? plannedStart ?? '2010-01-01');
  const spanTo = Math.min(
    LAST_DAY,
    Math.max(spanFrom + 180 * DAY, dayMs(actualEnd ?? plannedEnd ?? '2024-12-31')),
  );

  // Sectors: the facility's own codes first, sometimes one unrelated code.
  const nSectors = r.weighted([
    [0, 4],
    [1, 50],
    [2, 30],
    [3, 16],
  ] as const);
  const sectors: string[] = [];
  while (sectors.length < nSectors) {
    const code = sectors.length === 0 || r.chance(0.7) ? r.pick(facility.sectors) : r.pick(ALL_SECTORS);
    if (!sectors.includes(code)) sectors.push(code);
    else if (sectors.length >= facility.sectors.length)
      sectors.push(r.pick(ALL_SECTORS.filter((s) => !sectors.includes(s))));
  }
  const sectorShares = shares(r, Math.max(1, sectors.length), 10);

  // Organisations: who pays, who answers for it, who builds it.
  const funders: Org[] = [];
  if (isBri) funders.push(r.pick(orgs.chinese));
  if (!isBri || r.chance(0.3)) funders.push(r.pick(orgs.funds));
  const ministry = r.chance(0.6) ? r.pick(listFor(orgs.ministries, primary)) : null;
  const implementer = r.pick(listFor(orgs.local, primary));
  const firstFunder = funders[0];
  if (!firstFunder) throw new Error('project without a funder');

  const [createdAt, updatedAt] = timestamps(r);

  // Locations.
  const nLocations = r.weighted([
    [0, 8],
    [1, 25],
    [2, 37],
    [3, 20],
    [4, 10],
  ] as const);
  let preciseLocations = 0;
  for (let k = 0; k < nLocations; k++) {
    const locationCountry = focusCountries.length > 1 && r.chance(0.2) ? r.pick(focusCountries) : primary;
    const precision = r.weighted([
      ['exact', 20],
      ['near', 25],
      ['admin2', 15],
      ['admin1', 25],
      ['country', 15],
    ] as const);
    const locationId = r.uuid();
    if (precision === 'country') {
      batch.locations.add([
        locationId,
        id,
        COUNTRY_TEXT[locationCountry].en,
        null,
        null,
        precision,
        null,
        locationCountry,
      ]);
      continue;
    }
    preciseLocations++;
    if (precision === 'exact' || precision === 'near') {
      const near = locationCountry === primary ? city : r.pick(listFor(ctx.citiesByCountry, locationCountry));
      const p = pointNear(r, regions, near, precision === 'exact' ? 8 : 25);
      const name =
        precision === 'exact' ? `${facility.en} site, ${near.en}` : `Near ${near.en} (${near.local})`;
      batch.locations.add([locationId, id, name, p.lat, p.lon, precision, p.region.code, locationCountry]);
    } else {
      const region = randomRegion(r, regions, locationCountry);
      const p = randomPointIn(r, region);
      const name = precision === 'admin1' ? region.name : `District ${r.int(1, 12)}, ${region.name}`;
      batch.locations.add([
        locationId,
        id,
        name,
        round6(p.lat),
        round6(p.lon),
        precision,
        region.code,
        locationCountry,
      ]);
    }
  }

  // Events around the project.
  const nEvents = r.weighted([
    [2, 25],
    [3, 50],
    [4, 25],
  ] as const);
  const eventIds: { id: string; type: string; date: string }[] = [];
  const previousProject = index > 0 ? projectId(ctx.seed, index - 1) : null;
  for (let k = 0; k < nEvents; k++) {
    const eventId = r.uuid();
    const type = r.weighted(EVENT_TYPES);
    const precision = r.weighted([
      ['day', 80],
      ['month', 15],
      ['year', 5],
    ] as const);
    let date = randomDay(r, spanFrom - 180 * DAY, spanTo);
    if (precision === 'month') date = `${date.slice(0, 7)}-01`;
    if (precision === 'year') date = `${date.slice(0, 4)}-01-01`;
    const venueCountry = r.pick(focusCountries);
    const venue = r.chance(0.2)
      ? r.pick(FOREIGN_VENUES)
      : { ...r.pick(listFor(ctx.citiesByCountry, venueCountry)), country: venueCountry };
    const names = eventTitle(type, facility, city, primary, date.slice(0, 4));
    const ruOriginal = r.chance(0.35);
    const eventDescription = r.chance(0.5)
      ? `Delegations from ${country.en} and their partners discussed the ${facility.en} project in ${venue.en}.`
      : null;
    batch.events.add([
      eventId,
      type,
      names.en,
      ruOriginal ? names.ru : null,
      ruOriginal ? 'ru' : null,
      date,
      precision,
      venue.en,
      venue.country,
      venue.lat,
      venue.lon,
      eventDescription,
      searchTextOf(names.en, ruOriginal ? names.ru : null, venue.en, eventDescription),
      ...editableCells(r),
    ]);
    batch.eventProjects.add([eventId, id]);
    if (previousProject && r.chance(0.08)) batch.eventProjects.add([eventId, previousProject]);
    const eventOrgs = r.sample([firstFunder, implementer, ...(ministry ? [ministry] : [])], r.int(1, 2));
    for (const org of eventOrgs) {
      batch.eventOrganizations.add([
        eventId,
        org.id,
        org === ministry ? 'host' : r.pick(['participant', 'signatory', 'speaker']),
      ]);
    }
    batch.sourceLinks.add([r.uuid(), ctx.sourceId, null, eventId, null, null]);
    eventIds.push({ id: eventId, type, date });
  }

  // Funding: a pledge or two, commitments, then tranches disbursed and spent.
  const nFunding = r.int(5, 15);
  const sizeUsd = isBri ? r.logUniform(1e6, 2e9) : r.logUniform(1e5, 5e7);
  const funderIsChinese = orgs.chinese.includes(firstFunder);
  const currency = r.chance(0.1)
    ? LOCAL_CURRENCY[primary]
    : funderIsChinese
      ? r.weighted([
          ['CNY', 45],
          ['USD', 45],
          ['EUR', 5],
          ['XDR', 5],
        ] as const)
      : r.weighted([
          ['USD', 55],
          ['EUR', 20],
          ['XDR', 6],
          ['KWD', 4],
          ['SAR', 4],
          ['JPY', 4],
          ['KRW', 3],
          ['GBP', 2],
          ['RUB', 1],
          ['KZT', 1],
        ] as const);
  const instrument = isBri
    ? r.weighted([
        ['loan', 70],
        ['grant', 10],
        ['equity', 10],
        ['guarantee', 5],
        ['other', 5],
      ] as const)
    : r.weighted([
        ['grant', 80],
        ['loan', 10],
        ['other', 10],
      ] as const);
  const flows: FundingFlow[] = [];
  if (r.chance(0.5)) flows.push('pledge');
  const commitments = r.int(1, 2);
  for (let k = 0; k < commitments; k++) flows.push('commitment');
  while (flows.length < nFunding) flows.push(r.chance(0.7) ? 'disbursement' : 'expenditure');
  const tranches = flows.filter((f) => f === 'disbursement' || f === 'expenditure').length || 1;
  const pledgeEvents = eventIds.filter(
    (e) => e.type === 'forum' || e.type === 'signing' || e.type === 'conference',
  );
  let datedFunding = 0;

  for (const flow of flows) {
    const fundingId = r.uuid();
    const constant = r.chance(0.01);
    const rowCurrency = constant ? 'USD' : r.chance(0.05) ? 'USD' : currency;
    const valueDate = r.chance(0.03)
      ? null
      : flow === 'pledge'
        ? randomDay(r, spanFrom - 365 * DAY, spanFrom + 30 * DAY)
        : flow === 'commitment'
          ? randomDay(r, spanFrom - 90 * DAY, spanFrom + 180 * DAY)
          : randomDay(r, spanFrom, spanTo);
    if (valueDate) datedFunding++;
    const year = valueDate ? Number(valueDate.slice(0, 4)) : 2015;
    const shareUsd =
      flow === 'pledge'
        ? sizeUsd * (0.9 + r.next() * 0.4)
        : flow === 'commitment'
          ? sizeUsd / commitments
          : (sizeUsd / tranches) * (0.5 + r.next());
    const raw = shareUsd * scaleRate(ctx, rowCurrency, year);
    const amount = (raw >= 100_000 ? Math.round(raw / 1000) * 1000 : Math.round(raw * 100) / 100).toFixed(2);
    // The import pipeline's conversion: exact decimals, the table's own source label, no guessed rates.
    const usd = constant
      ? { amountUsd: amount, usdRate: '1', rateSource: CONSTANT_RATE_SOURCE }
      : ctx.rates.usdFor(rowCurrency, amount, valueDate);
    const eventId =
      flow === 'pledge' && pledgeEvents.length && r.chance(0.6) ? r.pick(pledgeEvents).id : null;
    const funder = funders.length > 1 && r.chance(0.25) ? (funders[1] ?? firstFunder) : firstFunder;
    batch.funding.add([
      fundingId,
      id,
      eventId,
      flow,
      funder.id,
      r.chance(0.8) ? implementer.id : null,
      amount,
      rowCurrency,
      constant ? 'constant-2021' : 'nominal',
      valueDate,
      usd.amountUsd,
      usd.usdRate,
      usd.rateSource,
      instrument,
      r.chance(0.05),
      ...editableCells(r),
    ]);
    batch.sourceLinks.add([r.uuid(), ctx.sourceId, null, null, fundingId, null]);
  }

  const quality = projectQuality({
    sourceCount: 1,
    hasStatus: status !== null,
    hasDates: (actualStart ?? plannedStart) !== null,
    preciseLocationCount: preciseLocations,
    datedFundingCount: datedFunding,
    hasSector: sectors.length > 0,
  });

  batch.projects.add([
    id,
    identifier,
    `synthetic:${ctx.seed}:${index}`,
    title,
    original?.text ?? null,
    original?.language ?? null,
    description,
    status,
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
    quality.score,
    searchTextOf(title, original?.text, identifier, description),
    createdAt,
    updatedAt,
    SYNTHETIC_ACTOR,
    SYNTHETIC_ACTOR,
  ]);
  countries.forEach((c, k) => {
    batch.projectCountries.add([id, c, countryShares ? (countryShares[k] ?? null) : null]);
  });
  sectors.forEach((s, k) => {
    batch.projectSectors.add([id, s, sectorShares[k] ?? null]);
  });
  for (const initiative of initiatives) {
    const official = r.chance(0.65);
    batch.projectInitiatives.add([
      id,
      initiative,
      official ? 'official' : 'assessed',
      ctx.sourceId,
      official ? null : 'Synthetic: attributed by rule (financier and period)',
    ]);
  }
  const roles: [Org, number][] = funders.map((f) => [f, 1]);
  if (r.chance(0.2)) roles.push([firstFunder, 3]);
  if (ministry) roles.push([ministry, 2]);
  roles.push([implementer, 4]);
  for (const [org, role] of roles) batch.participants.add([r.uuid(), id, org.id, role]);
  batch.sourceLinks.add([r.uuid(), ctx.sourceId, id, null, null, null]);
}
