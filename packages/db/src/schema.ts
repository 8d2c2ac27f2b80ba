import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Accounts, sessions and sign-in counters: better-auth's tables, in a file of their own.
export { accounts, rateLimits, sessions, users, verifications } from './auth-schema.ts';

/** Columns every editable record carries: optimistic concurrency, who/when, soft delete. */
const editable = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdBy: text('created_by'),
  updatedBy: text('updated_by'),
  deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
};

const trigramIndex = (name: string, column: { name: string }) =>
  index(name).using('gin', sql`${sql.identifier(column.name)} gin_trgm_ops`);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameLocal: text('name_local'),
    acronym: text('acronym'),
    /** IATI OrganisationType code. */
    type: smallint('type'),
    country: char('country', { length: 2 }),
    iatiRef: text('iati_ref'),
    /** Lower-cased, accent-folded name: how imports match organisations that carry no IATI ref. */
    nameKey: text('name_key').notNull(),
    ...editable,
  },
  (t) => [
    index('organizations_iati_ref_idx').on(t.iatiRef),
    index('organizations_name_key_idx').on(t.nameKey),
  ],
);

export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url'),
    title: text('title').notNull(),
    publisher: text('publisher'),
    publishedDate: date('published_date', { mode: 'string' }),
    language: text('language'),
    kind: text('kind').notNull(),
    /** Stable key of a source that an import or the seed created, e.g. `iati-file:unido_az-tj-tm-uz.xml`. */
    externalRef: text('external_ref').unique(),
    ...editable,
  },
  (t) => [index('sources_url_idx').on(t.url)],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iatiIdentifier: text('iati_identifier').unique(),
    /** The record ID in a non-IATI source, e.g. `aiddata:39644`. */
    externalRef: text('external_ref').unique(),
    title: text('title').notNull(),
    titleOriginal: text('title_original'),
    titleLanguage: text('title_language'),
    description: text('description'),
    /** IATI ActivityStatus 1–6. */
    status: smallint('status'),
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedEnd: date('planned_end', { mode: 'string' }),
    actualStart: date('actual_start', { mode: 'string' }),
    actualEnd: date('actual_end', { mode: 'string' }),
    startYear: smallint('start_year').generatedAlwaysAs(
      sql`(extract(year from coalesce(actual_start, planned_start)))::smallint`,
    ),
    endYear: smallint('end_year').generatedAlwaysAs(
      sql`(extract(year from coalesce(actual_end, planned_end, actual_start, planned_start)))::smallint`,
    ),
    /** Stored result of `projectQuality` (packages/shared), refreshed by every write path. */
    qualityScore: smallint('quality_score').notNull().default(0),
    /** `normalizeSearchText` of titles, identifier and description, for locale-independent LIKE search. */
    searchText: text('search_text').notNull().default(''),
    /** Whatever an import could not map, kept rather than dropped. */
    raw: jsonb('raw'),
    ...editable,
  },
  (t) => [
    // Serves the total count of the unfiltered list: an index-only scan of live projects, not the table.
    index('projects_live_idx').on(t.id, t.startYear, t.endYear).where(sql`${t.deletedAt} is null`),
    index('projects_start_year_idx').on(t.startYear),
    index('projects_status_idx').on(t.status),
    index('projects_quality_idx').on(t.qualityScore),
    index('projects_title_idx').on(t.title, t.id),
    index('projects_updated_idx').on(t.updatedAt, t.id),
    trigramIndex('projects_search_trgm_idx', t.searchText),
  ],
);

const projectRef = () =>
  uuid('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' });

export const projectCountries = pgTable(
  'project_countries',
  {
    projectId: projectRef(),
    country: char('country', { length: 2 }).notNull(),
    percentage: numeric('percentage', { precision: 5, scale: 2 }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.country] }),
    index('project_countries_country_idx').on(t.country, t.projectId),
  ],
);

export const projectSectors = pgTable(
  'project_sectors',
  {
    projectId: projectRef(),
    /** DAC-5 purpose code, or a 3-digit DAC category when the source gives no finer code. */
    sector: text('sector').notNull(),
    percentage: numeric('percentage', { precision: 5, scale: 2 }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.sector] }),
    index('project_sectors_sector_idx').on(t.sector, t.projectId),
  ],
);

export const projectInitiatives = pgTable(
  'project_initiatives',
  {
    projectId: projectRef(),
    initiative: text('initiative').notNull(),
    /** `official` (a source labels it so) or `assessed` (an analyst's attribution, rule in `note`). */
    basis: text('basis').notNull(),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.initiative] }),
    index('project_initiatives_idx').on(t.initiative, t.basis, t.projectId),
  ],
);

export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** IATI OrganisationRole 1–4. */
    role: smallint('role').notNull(),
  },
  (t) => [
    unique('participants_unique').on(t.projectId, t.organizationId, t.role),
    index('participants_org_idx').on(t.organizationId, t.role, t.projectId),
  ],
);

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    name: text('name').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    precision: text('precision').notNull(),
    /** Natural Earth `code_hasc` of the admin-1 region, e.g. `UZ.BU`. */
    admin1Code: text('admin1_code'),
    country: char('country', { length: 2 }).notNull(),
    /** Set when the location cannot be trusted (e.g. outside its country): listed, never drawn. */
    problem: text('problem'),
    raw: jsonb('raw'),
  },
  (t) => [
    index('locations_project_idx').on(t.projectId),
    index('locations_country_idx').on(t.country, t.precision),
    index('locations_admin1_idx').on(t.admin1Code),
  ],
);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    titleOriginal: text('title_original'),
    titleLanguage: text('title_language'),
    date: date('date', { mode: 'string' }).notNull(),
    datePrecision: text('date_precision').notNull().default('day'),
    placeName: text('place_name'),
    country: char('country', { length: 2 }),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    description: text('description'),
    externalRef: text('external_ref').unique(),
    searchText: text('search_text').notNull().default(''),
    ...editable,
  },
  (t) => [index('events_date_idx').on(t.date, t.id), trigramIndex('events_search_trgm_idx', t.searchText)],
);

export const eventProjects = pgTable(
  'event_projects',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    projectId: projectRef(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.projectId] }),
    index('event_projects_project_idx').on(t.projectId),
  ],
);

export const eventOrganizations = pgTable(
  'event_organizations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Free text: host, co-organiser, speaker, participant… */
    role: text('role'),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.organizationId] }),
    index('event_orgs_org_idx').on(t.organizationId),
  ],
);

export const funding = pgTable(
  'funding',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    flow: text('flow').notNull(),
    funderOrgId: uuid('funder_org_id').references(() => organizations.id),
    recipientOrgId: uuid('recipient_org_id').references(() => organizations.id),
    amount: numeric('amount', { precision: 20, scale: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** `nominal` or `constant-YYYY`; amounts of different bases are never summed silently. */
    priceBasis: text('price_basis').notNull().default('nominal'),
    valueDate: date('value_date', { mode: 'string' }),
    valueYear: smallint('value_year').generatedAlwaysAs(sql`(extract(year from value_date))::smallint`),
    /** Null when no rate is known for the currency and year: never a guessed number. */
    amountUsd: numeric('amount_usd', { precision: 20, scale: 2 }),
    /** Units of `currency` per 1 USD, as the rate table publishes it. */
    usdRate: numeric('usd_rate', { precision: 24, scale: 10 }),
    rateSource: text('rate_source'),
    instrument: text('instrument'),
    estimated: boolean('estimated').notNull().default(false),
    externalRef: text('external_ref').unique(),
    raw: jsonb('raw'),
    ...editable,
  },
  (t) => [
    index('funding_project_idx').on(t.projectId, t.flow),
    index('funding_funder_idx').on(t.funderOrgId),
    index('funding_event_idx').on(t.eventId).where(sql`${t.eventId} is not null`),
    // Saving an exchange rate re-computes the USD value of the funding in that currency and year.
    index('funding_currency_year_idx').on(t.currency, t.valueYear),
    check('funding_amount_usd_needs_rate', sql`${t.amountUsd} is null or ${t.rateSource} is not null`),
  ],
);

export const sourceLinks = pgTable(
  'source_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    fundingId: uuid('funding_id').references(() => funding.id, { onDelete: 'cascade' }),
    quote: text('quote'),
  },
  (t) => [
    check('source_links_one_target', sql`num_nonnulls(${t.projectId}, ${t.eventId}, ${t.fundingId}) = 1`),
    // One index per kind of target, led by the target and only over that kind's rows: it finds a
    // record's links and keeps a source from being cited twice. A link row is entered in two indexes
    // besides its key (it was five, three of them for the NULLs of the other kinds).
    uniqueIndex('source_links_project_uq').on(t.projectId, t.sourceId).where(sql`${t.projectId} is not null`),
    uniqueIndex('source_links_event_uq').on(t.eventId, t.sourceId).where(sql`${t.eventId} is not null`),
    uniqueIndex('source_links_funding_uq').on(t.fundingId, t.sourceId).where(sql`${t.fundingId} is not null`),
    index('source_links_source_idx').on(t.sourceId),
  ],
);

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** User id, or a process such as `seed` or `import:<run id>`. */
    actor: text('actor').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_at_idx').on(t.at),
    // The public feed filtered by one person (`audit.changes({ actor })`).
    index('audit_actor_idx').on(t.actor, t.at),
  ],
);

/** Annual average exchange rates, the one table every USD conversion reads. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    currency: char('currency', { length: 3 }).notNull(),
    year: smallint('year').notNull(),
    /** Units of `currency` per 1 USD, as published. */
    perUsd: numeric('per_usd', { precision: 24, scale: 10 }).notNull(),
    source: text('source').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.currency, t.year] })],
);

/** One file brought in through the import pipeline (or its dry run). */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    actor: text('actor').notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's bytes. */
    fileHash: text('file_hash').notNull(),
    format: text('format').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    /** running, succeeded, failed */
    status: text('status').notNull(),
    /** { new, updated, unchanged, rejected } */
    counts: jsonb('counts'),
    /** Per-record reasons for rejected or doubtful records. */
    report: jsonb('report'),
    error: text('error'),
  },
  (t) => [index('import_runs_started_idx').on(t.startedAt)],
);
