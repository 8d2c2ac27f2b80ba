import { randomUUID } from 'node:crypto';
import type { Db } from '@srt/db/client';
import {
  eventOrganizations,
  eventProjects,
  events,
  funding,
  locations,
  organizations,
  participants,
  projectCountries,
  projectInitiatives,
  projectSectors,
  projects,
  sourceLinks,
  sources,
} from '@srt/db/schema';
import { sectorCategoryOf } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import { normalizeSearchText, searchTextOf } from '@srt/shared/search';

/**
 * A small, hand-made data set for the router tests: projects across the four countries (and one outside),
 * sectors with and without percentages, both initiatives and bases, funders, years, statuses, funding of
 * several flows, currencies and price bases, events, sources — plus a soft-deleted project, event and
 * funding row that must never show. The specs are exported so tests can compute what a query should
 * return independently of the SQL.
 */

const ORGS = {
  chinaGov: { name: 'Government of the Peopleʼs Republic of China', type: 10, country: 'CN' },
  chexim: { name: 'Export-Import Bank of China', acronym: 'CHEXIM', type: 15, country: 'CN' },
  unido: {
    name: 'United Nations Industrial Development Organization',
    acronym: 'UNIDO',
    type: 40,
    iatiRef: 'XM-DAC-41123',
  },
  adb: { name: 'Asian Development Bank', acronym: 'ADB', type: 40 },
  azerenerji: { name: 'Azərenerji', nameLocal: 'Азерэнержи', type: 70, country: 'AZ' },
  uzMinistry: {
    name: 'Oʻzbekiston Respublikasi Investitsiyalar vazirligi',
    nameLocal: 'Министерство инвестиций Республики Узбекистан',
    type: 10,
    country: 'UZ',
  },
} as const;
export type OrgKey = keyof typeof ORGS;

const SOURCES = {
  unidoNews: {
    title: 'UNIDO Director General strengthens partnership with the Belt and Road Initiative',
    url: 'https://www.unido.org/news/example',
    publisher: 'UNIDO',
    publishedDate: '2018-04-21',
    language: 'th',
    kind: 'news',
  },
  aiddata: {
    title: 'AidData Global Chinese Development Finance Dataset 3.0',
    url: 'https://www.aiddata.org/data/example',
    publisher: 'AidData',
    publishedDate: '2023-09-01',
    language: 'en',
    kind: 'dataset',
  },
  decree: {
    title: 'Постановление о строительстве железной дороги',
    publisher: 'Правительство Республики Узбекистан',
    language: 'ru',
    kind: 'official',
  },
} as const;
export type SourceKey = keyof typeof SOURCES;

export type FundingSpec = {
  key?: string;
  flow: string;
  amount: string;
  currency: string;
  priceBasis?: string;
  valueDate?: string;
  amountUsd?: string;
  usdRate?: string;
  rateSource?: string;
  funder?: OrgKey;
  recipient?: OrgKey;
  instrument?: string;
  estimated?: boolean;
  event?: EventKey;
  deleted?: boolean;
  sources?: SourceKey[];
};

export type NamedProjectKey = 'silkRoad' | 'ganca' | 'railway' | 'solar' | 'pipeline' | 'deleted';

export type ProjectSpec = {
  key: string;
  title: string;
  titleOriginal?: string;
  titleLanguage?: string;
  iatiIdentifier?: string;
  description?: string;
  status?: number;
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
  countries: { country: string; percentage?: string }[];
  sectors: { sector: string; percentage?: string }[];
  initiatives: { initiative: string; basis: string; source?: SourceKey; note?: string }[];
  participants: { org: OrgKey; role: number }[];
  locations: {
    name: string;
    country: string;
    precision: string;
    lat?: number;
    lon?: number;
    admin1Code?: string;
  }[];
  funding: FundingSpec[];
  sources: { source: SourceKey; quote?: string }[];
  qualityScore: number;
  updatedAt: string;
  deleted?: boolean;
};

const USD = { currency: 'USD', usdRate: '1', rateSource: 'identity' } as const;

const NAMED_PROJECTS: (ProjectSpec & { key: NamedProjectKey })[] = [
  {
    key: 'silkRoad',
    title: 'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt',
    titleOriginal: 'การส่งเสริมการพัฒนาอุตสาหกรรมที่ครอบคลุมและยั่งยืนในแถบเศรษฐกิจเส้นทางสายไหมใหม่',
    titleLanguage: 'th',
    iatiIdentifier: 'XM-DAC-41123-SAP-170123',
    description: 'Industrial corridors and industrial parks in the four countries.',
    status: 2,
    plannedStart: '2018-04-20',
    plannedEnd: '2022-12-31',
    countries: [{ country: 'AZ' }, { country: 'TJ' }, { country: 'TM' }, { country: 'UZ' }],
    sectors: [{ sector: '32120' }, { sector: '25010' }],
    initiatives: [
      { initiative: 'bri', basis: 'official', source: 'unidoNews', note: 'Named a Belt and Road project' },
      { initiative: 'unido', basis: 'official', source: 'unidoNews' },
    ],
    participants: [
      { org: 'chinaGov', role: 1 },
      { org: 'unido', role: 4 },
    ],
    locations: [
      { name: 'Azerbaijan', country: 'AZ', precision: 'country' },
      { name: 'Tashkent', country: 'UZ', precision: 'exact', lat: 41.31, lon: 69.28, admin1Code: 'UZ.TK' },
      { name: 'Far away', country: 'TJ', precision: 'near', lat: 10, lon: 10 },
    ],
    funding: [
      {
        key: 'forumPledge',
        flow: 'pledge',
        amount: '2000000.00',
        ...USD,
        amountUsd: '2000000.00',
        valueDate: '2018-04-20',
        funder: 'chinaGov',
        recipient: 'unido',
        instrument: 'grant',
        event: 'forum',
        sources: ['unidoNews'],
      },
      {
        flow: 'commitment',
        amount: '1500000.50',
        ...USD,
        amountUsd: '1500000.50',
        valueDate: '2019-01-15',
        funder: 'chinaGov',
        recipient: 'unido',
        instrument: 'grant',
      },
      {
        flow: 'disbursement',
        amount: '500000.00',
        ...USD,
        amountUsd: '500000.00',
        valueDate: '2020-06-30',
        funder: 'chinaGov',
        estimated: true,
      },
      {
        flow: 'disbursement',
        amount: '999.99',
        ...USD,
        amountUsd: '999.99',
        valueDate: '2020-07-01',
        deleted: true,
      },
    ],
    sources: [{ source: 'unidoNews', quote: 'ส่งเสริมการพัฒนาอุตสาหกรรม' }],
    qualityScore: 83,
    updatedAt: '2026-01-02 10:00:00.123456+00',
  },
  {
    key: 'ganca',
    title: 'Gəncə Industrial Park',
    titleOriginal: 'Gəncə Sənaye Parkı',
    titleLanguage: 'az',
    description: 'Şəmkir and Gəncə industrial zone.',
    status: 2,
    actualStart: '2019-03-01',
    plannedEnd: '2023-12-31',
    countries: [{ country: 'AZ', percentage: '100' }],
    sectors: [{ sector: '32130', percentage: '100' }],
    initiatives: [{ initiative: 'bri', basis: 'assessed', note: 'Chinese lender, corridor location' }],
    participants: [
      { org: 'azerenerji', role: 4 },
      { org: 'chexim', role: 3 },
    ],
    locations: [{ name: 'Gəncə', country: 'AZ', precision: 'admin1', admin1Code: 'AZ.GA' }],
    funding: [
      {
        flow: 'commitment',
        amount: '10000000.00',
        currency: 'CNY',
        usdRate: '6.8967',
        rateSource: 'World Bank WDI 2019',
        amountUsd: '1449969.00',
        valueDate: '2019-03-01',
        funder: 'chexim',
        instrument: 'loan',
      },
      {
        flow: 'commitment',
        amount: '2000000.00',
        ...USD,
        priceBasis: 'constant-2021',
        amountUsd: '2000000.00',
        valueDate: '2019-03-01',
        funder: 'chexim',
        instrument: 'loan',
        sources: ['aiddata'],
      },
    ],
    sources: [{ source: 'aiddata' }],
    qualityScore: 67,
    updatedAt: '2026-01-02 10:00:00.123456+00',
  },
  {
    key: 'railway',
    title: 'Tashkent–Andijan railway upgrade',
    titleOriginal: 'Модернизация железной дороги Ташкент — Андижан',
    titleLanguage: 'ru',
    status: 4,
    actualStart: '2015-05-01',
    actualEnd: '2017-06-30',
    countries: [
      { country: 'UZ', percentage: '70' },
      { country: 'TJ', percentage: '30' },
    ],
    sectors: [{ sector: '21030', percentage: '100' }],
    initiatives: [{ initiative: 'bri', basis: 'official', source: 'decree' }],
    participants: [
      { org: 'chexim', role: 1 },
      { org: 'uzMinistry', role: 2 },
    ],
    locations: [{ name: 'Andijan', country: 'UZ', precision: 'near', lat: 40.78, lon: 72.34 }],
    funding: [
      {
        flow: 'disbursement',
        amount: '100000000.00',
        ...USD,
        amountUsd: '100000000.00',
        valueDate: '2016-02-01',
        funder: 'chexim',
        recipient: 'uzMinistry',
        instrument: 'loan',
      },
      // No known rate: kept in its own currency, without a USD value.
      { flow: 'expenditure', amount: '5000000000.00', currency: 'UZS', valueDate: '2017-01-01' },
    ],
    sources: [{ source: 'decree', quote: 'строительство железной дороги' }],
    qualityScore: 100,
    updatedAt: '2026-01-03 08:00:00+00',
  },
  {
    key: 'solar',
    title: 'Dushanbe solar power plant',
    status: 1,
    plannedStart: '2024-01-01',
    countries: [{ country: 'TJ' }],
    sectors: [
      { sector: '23210', percentage: '60' },
      { sector: '23630', percentage: '40' },
    ],
    initiatives: [{ initiative: 'unido', basis: 'assessed' }],
    participants: [{ org: 'unido', role: 4 }],
    locations: [],
    funding: [
      {
        flow: 'pledge',
        amount: '750000.25',
        currency: 'EUR',
        usdRate: '0.9375',
        rateSource: 'ECB 2024',
        amountUsd: '800000.27',
        valueDate: '2024-05-01',
        funder: 'adb',
      },
      { flow: 'incoming_funds', amount: '100.00', ...USD, amountUsd: '100.00', valueDate: '2024-06-01' },
    ],
    sources: [],
    qualityScore: 50,
    updatedAt: '2026-01-01 00:00:00+00',
  },
  {
    key: 'pipeline',
    title: 'Türkmenistan gas pipeline Line D',
    countries: [{ country: 'TM' }],
    sectors: [{ sector: '23110' }],
    initiatives: [],
    participants: [],
    locations: [],
    funding: [{ flow: 'commitment', amount: '300000.00', ...USD, amountUsd: '300000.00' }],
    sources: [],
    qualityScore: 0,
    updatedAt: '2026-01-01 00:00:00+00',
  },
  {
    key: 'deleted',
    title: 'Deleted Uzbek project Gəncə Ташкент',
    status: 2,
    actualStart: '2018-01-01',
    countries: [{ country: 'UZ' }],
    sectors: [{ sector: '32120' }],
    initiatives: [{ initiative: 'bri', basis: 'official' }],
    participants: [{ org: 'adb', role: 1 }],
    locations: [],
    funding: [
      {
        flow: 'pledge',
        amount: '123456789.00',
        ...USD,
        amountUsd: '123456789.00',
        valueDate: '2018-05-01',
        funder: 'adb',
        event: 'forum',
      },
    ],
    sources: [{ source: 'aiddata' }],
    qualityScore: 100,
    updatedAt: '2026-01-05 00:00:00+00',
    deleted: true,
  },
];

const FILLER_COUNTRIES = ['AZ', 'TJ', 'TM', 'UZ', 'KZ'];
const FILLER_SECTORS = ['11330', '14020', '21020', '31120', '43010'];
const FILLER_QUALITY = [0, 17, 33, 50, 50, 67, 83, 100];

/** Twenty more projects with ties in every sort key, so pagination is tested where it breaks. */
const FILLERS: ProjectSpec[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  const year = 2010 + (i % 8);
  const dated = i % 5 !== 4;
  const country = FILLER_COUNTRIES[i % FILLER_COUNTRIES.length] ?? 'UZ';
  return {
    key: `filler${n}`,
    // Duplicate titles (every tenth pair) make the id tie-break matter for the title sort too.
    title: `Filler project ${i % 10 === 0 ? 'twin' : n}`,
    status: i % 7 === 6 ? undefined : (i % 6) + 1,
    plannedStart: dated ? `${year}-01-01` : undefined,
    plannedEnd: dated ? `${year + 2}-12-31` : undefined,
    countries: [{ country }],
    sectors: [{ sector: FILLER_SECTORS[i % FILLER_SECTORS.length] ?? '43010' }],
    initiatives:
      i % 3 === 0
        ? [{ initiative: 'bri', basis: 'official' }]
        : i % 3 === 1
          ? [{ initiative: 'unido', basis: 'assessed' }]
          : [],
    participants: i % 4 === 0 ? [{ org: 'adb', role: 1 }] : [],
    locations: [],
    funding:
      i % 3 === 0
        ? [
            {
              flow: 'commitment',
              amount: `${1000 * (i + 1)}.50`,
              ...USD,
              amountUsd: `${1000 * (i + 1)}.50`,
              valueDate: `${year}-07-01`,
              funder: i % 2 === 0 ? 'adb' : undefined,
            },
            {
              flow: 'disbursement',
              amount: `${100 * (i + 1)}.25`,
              ...USD,
              priceBasis: 'constant-2021',
              amountUsd: `${100 * (i + 1)}.25`,
              valueDate: `${year + 1}-07-01`,
            },
          ]
        : [],
    sources: [],
    qualityScore: FILLER_QUALITY[i % FILLER_QUALITY.length] ?? 0,
    updatedAt: `2026-01-0${1 + (i % 4)} 12:00:00.${String(500000 + (i % 2)).padStart(6, '0')}+00`,
  };
});

export type EventKey = 'forum' | 'fair' | 'signing' | 'launch' | 'visit' | 'deletedEvent' | 'orphanMilestone';

type EventSpec = {
  key: EventKey;
  type: string;
  title: string;
  titleOriginal?: string;
  titleLanguage?: string;
  date: string;
  datePrecision?: string;
  placeName?: string;
  country?: string;
  lat?: number;
  lon?: number;
  projects: string[];
  organizations: { org: OrgKey; role?: string }[];
  sources: { source: SourceKey; quote?: string }[];
  deleted?: boolean;
};

const EVENTS: EventSpec[] = [
  {
    key: 'forum',
    type: 'forum',
    title: 'Belt and Road forum on UNIDO’s anniversary',
    date: '2018-04-20',
    placeName: 'Shanghai',
    country: 'CN',
    lat: 31.23,
    lon: 121.47,
    projects: ['silkRoad', 'deleted'],
    organizations: [
      { org: 'unido', role: 'co-organiser' },
      { org: 'chinaGov', role: 'host' },
    ],
    sources: [{ source: 'unidoNews', quote: 'Belt and Road forum' }],
  },
  {
    key: 'fair',
    type: 'conference',
    title: '6th China (Shanghai) International Technology Fair',
    date: '2018-04-21',
    placeName: 'Shanghai',
    country: 'CN',
    projects: [],
    organizations: [{ org: 'unido', role: 'speaker' }],
    sources: [{ source: 'unidoNews' }],
  },
  {
    key: 'signing',
    type: 'signing',
    title: 'Signing of the Gəncə park loan agreement',
    date: '2019-03-01',
    placeName: 'Gəncə',
    country: 'AZ',
    projects: ['ganca'],
    organizations: [{ org: 'chexim' }, { org: 'azerenerji' }],
    sources: [],
  },
  {
    key: 'launch',
    type: 'launch',
    title: 'Launch of the Tashkent–Andijan line',
    date: '2016-05-01',
    datePrecision: 'month',
    country: 'UZ',
    projects: ['railway'],
    organizations: [{ org: 'uzMinistry' }],
    sources: [{ source: 'decree' }],
  },
  {
    key: 'visit',
    type: 'visit',
    title: 'Ministerial visit to Dushanbe',
    titleOriginal: 'Визит министра в Душанбе',
    titleLanguage: 'ru',
    date: '2024-02-10',
    country: 'TJ',
    projects: ['solar'],
    organizations: [],
    sources: [],
  },
  {
    key: 'deletedEvent',
    type: 'meeting',
    title: 'Deleted meeting',
    date: '2018-04-22',
    country: 'UZ',
    projects: ['silkRoad'],
    organizations: [],
    sources: [],
    deleted: true,
  },
  {
    key: 'orphanMilestone',
    type: 'milestone',
    title: 'Milestone of a deleted project',
    date: '2018-06-01',
    country: 'UZ',
    projects: ['deleted'],
    organizations: [],
    sources: [],
  },
];

export const PROJECT_SPECS: readonly ProjectSpec[] = [...NAMED_PROJECTS, ...FILLERS];
export const EVENT_SPECS: readonly EventSpec[] = EVENTS;

export type Fixtures = {
  org: Record<OrgKey, string>;
  source: Record<SourceKey, string>;
  project: Record<NamedProjectKey, string>;
  event: Record<EventKey, string>;
  funding: Record<string, string>;
  /** Every project spec (the deleted one too) with its id. */
  projects: (ProjectSpec & { id: string })[];
};

const mapIds = <K extends string>(keys: K[]): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<K, string>;

const DELETED_AT = '2026-02-01 00:00:00+00';

const at = (ids: Record<string, string>, key: string) => {
  const id = ids[key];
  if (!id) throw new Error(`fixture: unknown key ${key}`);
  return id;
};

/** Inserts the fixture data set; the database should be empty (createTestDatabase gives one). */
export async function insertFixtures(db: Db): Promise<Fixtures> {
  const org = mapIds(Object.keys(ORGS) as OrgKey[]);
  const source = mapIds(Object.keys(SOURCES) as SourceKey[]);
  const projectIds: Record<string, string> = mapIds(PROJECT_SPECS.map((p) => p.key));
  const project = Object.fromEntries(NAMED_PROJECTS.map((p) => [p.key, at(projectIds, p.key)])) as Record<
    NamedProjectKey,
    string
  >;
  const event = mapIds(EVENTS.map((e) => e.key));
  const fundingIds: Record<string, string> = {};

  await db.insert(organizations).values(
    (Object.entries(ORGS) as [OrgKey, (typeof ORGS)[OrgKey]][]).map(([key, o]) => ({
      id: org[key],
      ...o,
      nameKey: normalizeSearchText(o.name),
    })),
  );
  await db.insert(sources).values(
    (Object.entries(SOURCES) as [SourceKey, (typeof SOURCES)[SourceKey]][]).map(([key, s]) => ({
      id: source[key],
      ...s,
    })),
  );
  await db.insert(projects).values(
    PROJECT_SPECS.map((p) => ({
      id: at(projectIds, p.key),
      title: p.title,
      titleOriginal: p.titleOriginal,
      titleLanguage: p.titleLanguage,
      iatiIdentifier: p.iatiIdentifier,
      description: p.description,
      status: p.status,
      plannedStart: p.plannedStart,
      plannedEnd: p.plannedEnd,
      actualStart: p.actualStart,
      actualEnd: p.actualEnd,
      qualityScore: p.qualityScore,
      searchText: searchTextOf(p.title, p.titleOriginal, p.iatiIdentifier, p.description),
      updatedAt: p.updatedAt,
      deletedAt: p.deleted ? DELETED_AT : null,
    })),
  );
  const rows = <T>(make: (p: ProjectSpec, id: string) => T[]) =>
    PROJECT_SPECS.flatMap((p) => make(p, at(projectIds, p.key)));

  const countryRows = rows((p, projectId) => p.countries.map((c) => ({ projectId, ...c })));
  const sectorRows = rows((p, projectId) => p.sectors.map((s) => ({ projectId, ...s })));
  const initiativeRows = rows((p, projectId) =>
    p.initiatives.map((i) => ({
      projectId,
      initiative: i.initiative,
      basis: i.basis,
      note: i.note,
      sourceId: i.source ? source[i.source] : null,
    })),
  );
  const participantRows = rows((p, projectId) =>
    p.participants.map((pt) => ({ projectId, organizationId: org[pt.org], role: pt.role })),
  );
  const locationRows = rows((p, projectId) => p.locations.map((l) => ({ projectId, ...l })));
  if (countryRows.length) await db.insert(projectCountries).values(countryRows);
  if (sectorRows.length) await db.insert(projectSectors).values(sectorRows);
  if (initiativeRows.length) await db.insert(projectInitiatives).values(initiativeRows);
  if (participantRows.length) await db.insert(participants).values(participantRows);
  if (locationRows.length) await db.insert(locations).values(locationRows);

  await db.insert(events).values(
    EVENTS.map((e) => ({
      id: event[e.key],
      type: e.type,
      title: e.title,
      titleOriginal: e.titleOriginal,
      titleLanguage: e.titleLanguage,
      date: e.date,
      datePrecision: e.datePrecision ?? 'day',
      placeName: e.placeName,
      country: e.country,
      lat: e.lat,
      lon: e.lon,
      searchText: searchTextOf(e.title, e.titleOriginal, e.placeName),
      deletedAt: e.deleted ? DELETED_AT : null,
    })),
  );
  await db
    .insert(eventProjects)
    .values(
      EVENTS.flatMap((e) => e.projects.map((p) => ({ eventId: event[e.key], projectId: at(projectIds, p) }))),
    );
  await db
    .insert(eventOrganizations)
    .values(
      EVENTS.flatMap((e) =>
        e.organizations.map((o) => ({ eventId: event[e.key], organizationId: org[o.org], role: o.role })),
      ),
    );

  const links: (typeof sourceLinks.$inferInsert)[] = [];
  for (const p of PROJECT_SPECS) {
    const projectId = at(projectIds, p.key);
    for (const s of p.sources) links.push({ sourceId: source[s.source], projectId, quote: s.quote });
    for (const f of p.funding) {
      const id = randomUUID();
      if (f.key) fundingIds[f.key] = id;
      await db.insert(funding).values({
        id,
        projectId,
        eventId: f.event ? event[f.event] : null,
        flow: f.flow,
        funderOrgId: f.funder ? org[f.funder] : null,
        recipientOrgId: f.recipient ? org[f.recipient] : null,
        amount: f.amount,
        currency: f.currency,
        priceBasis: f.priceBasis ?? 'nominal',
        valueDate: f.valueDate,
        amountUsd: f.amountUsd,
        usdRate: f.usdRate,
        rateSource: f.rateSource,
        instrument: f.instrument,
        estimated: f.estimated ?? false,
        deletedAt: f.deleted ? DELETED_AT : null,
      });
      for (const s of f.sources ?? []) links.push({ sourceId: source[s], fundingId: id });
    }
  }
  for (const e of EVENTS) {
    for (const s of e.sources)
      links.push({ sourceId: source[s.source], eventId: event[e.key], quote: s.quote });
  }
  await db.insert(sourceLinks).values(links);

  return {
    org,
    source,
    project,
    event,
    funding: fundingIds,
    projects: PROJECT_SPECS.map((p) => ({ ...p, id: at(projectIds, p.key) })),
  };
}

// ---- What the shared filter should select, computed in JS from the specs (an oracle for the SQL) ----

const yearOf = (date: string | undefined) => (date ? Number(date.slice(0, 4)) : null);
export const startYearOf = (p: ProjectSpec) => yearOf(p.actualStart ?? p.plannedStart);
export const endYearOf = (p: ProjectSpec) =>
  yearOf(p.actualEnd ?? p.plannedEnd ?? p.actualStart ?? p.plannedStart);

export function matchesFilter(p: ProjectSpec, f: ProjectFilter, orgIds: Record<OrgKey, string>): boolean {
  if (p.deleted) return false;
  if (f.countries?.length && !p.countries.some((c) => f.countries?.includes(c.country))) return false;
  if (f.initiatives?.length || f.initiativeBasis) {
    const ok = p.initiatives.some(
      (i) =>
        (!f.initiatives?.length || f.initiatives.includes(i.initiative as 'bri' | 'unido')) &&
        (!f.initiativeBasis || i.basis === f.initiativeBasis),
    );
    if (!ok) return false;
  }
  if (
    f.sectors?.length &&
    !p.sectors.some((s) =>
      f.sectors?.some((code) =>
        code.length === 3 ? sectorCategoryOf(s.sector) === sectorCategoryOf(code) : s.sector === code,
      ),
    )
  )
    return false;
  if (f.statuses?.length && (p.status === undefined || !(f.statuses as number[]).includes(p.status)))
    return false;
  if (f.funders?.length) {
    const funders = new Set(f.funders);
    const ok =
      p.participants.some((pt) => pt.role === 1 && funders.has(orgIds[pt.org])) ||
      p.funding.some((fu) => !fu.deleted && fu.funder && funders.has(orgIds[fu.funder]));
    if (!ok) return false;
  }
  const start = startYearOf(p);
  const end = endYearOf(p);
  if (f.yearFrom !== undefined && ((end ?? start) === null || (end ?? start ?? 0) < f.yearFrom)) return false;
  if (f.yearTo !== undefined && ((start ?? end) === null || (start ?? end ?? 0) > f.yearTo)) return false;
  if (f.q) {
    const text = searchTextOf(p.title, p.titleOriginal, p.iatiIdentifier, p.description);
    if (!text.includes(normalizeSearchText(f.q))) return false;
  }
  if (f.minQuality !== undefined && p.qualityScore < f.minQuality) return false;
  return true;
}

/** Sum of decimal strings, exactly (in cents), as a decimal string; null for no values. */
export function sumDecimals(values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => v !== null && v !== undefined);
  if (present.length === 0) return null;
  const cents = present.reduce((sum, v) => sum + toCents(v), 0n);
  return fromCents(cents);
}

export function toCents(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2)));
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
