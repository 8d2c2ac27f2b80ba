/**
 * Rows collected as PostgreSQL COPY text (tab-separated, `\N` for null), the fastest format both
 * PostgreSQL (COPY FROM STDIN) and PGlite (COPY FROM '/dev/blob') read.
 */
export type Cell = string | number | boolean | null | undefined;

export type TableSpec = { table: string; columns: readonly string[] };

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  // Most values need no escaping; testing first saves a replace per cell on millions of rows.
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}

export class CopyRows {
  readonly lines: string[] = [];

  constructor(readonly spec: TableSpec) {}

  add(values: readonly Cell[]): void {
    if (values.length !== this.spec.columns.length) {
      throw new Error(`${this.spec.table}: ${values.length} values for ${this.spec.columns.length} columns`);
    }
    let line = cell(values[0]);
    for (let i = 1; i < values.length; i++) line += `\t${cell(values[i])}`;
    this.lines.push(line);
  }

  get count(): number {
    return this.lines.length;
  }

  text(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }

  copySql(source: 'STDIN' | "'/dev/blob'"): string {
    return `COPY ${this.spec.table} (${this.spec.columns.join(', ')}) FROM ${source}`;
  }
}

const editable = ['created_at', 'updated_at', 'created_by', 'updated_by'] as const;

/** The tables the corpus writes, in an order that satisfies every foreign key. */
export const TABLES = {
  sources: {
    table: 'sources',
    columns: [
      'id',
      'url',
      'title',
      'publisher',
      'published_date',
      'language',
      'kind',
      'external_ref',
      ...editable,
    ],
  },
  organizations: {
    table: 'organizations',
    columns: ['id', 'name', 'name_local', 'acronym', 'type', 'country', 'iati_ref', 'name_key', ...editable],
  },
  projects: {
    table: 'projects',
    columns: [
      'id',
      'iati_identifier',
      'external_ref',
      'title',
      'title_original',
      'title_language',
      'description',
      'status',
      'planned_start',
      'planned_end',
      'actual_start',
      'actual_end',
      'quality_score',
      'search_text',
      ...editable,
    ],
  },
  events: {
    table: 'events',
    columns: [
      'id',
      'type',
      'title',
      'title_original',
      'title_language',
      'date',
      'date_precision',
      'place_name',
      'country',
      'lat',
      'lon',
      'description',
      'search_text',
      ...editable,
    ],
  },
  projectCountries: { table: 'project_countries', columns: ['project_id', 'country', 'percentage'] },
  projectSectors: { table: 'project_sectors', columns: ['project_id', 'sector', 'percentage'] },
  projectInitiatives: {
    table: 'project_initiatives',
    columns: ['project_id', 'initiative', 'basis', 'source_id', 'note'],
  },
  participants: { table: 'participants', columns: ['id', 'project_id', 'organization_id', 'role'] },
  locations: {
    table: 'locations',
    columns: ['id', 'project_id', 'name', 'lat', 'lon', 'precision', 'admin1_code', 'country'],
  },
  eventProjects: { table: 'event_projects', columns: ['event_id', 'project_id'] },
  eventOrganizations: { table: 'event_organizations', columns: ['event_id', 'organization_id', 'role'] },
  funding: {
    table: 'funding',
    columns: [
      'id',
      'project_id',
      'event_id',
      'flow',
      'funder_org_id',
      'recipient_org_id',
      'amount',
      'currency',
      'price_basis',
      'value_date',
      'amount_usd',
      'usd_rate',
      'rate_source',
      'instrument',
      'estimated',
      ...editable,
    ],
  },
  sourceLinks: {
    table: 'source_links',
    columns: ['id', 'source_id', 'project_id', 'event_id', 'funding_id', 'quote'],
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;
export const TABLE_ORDER = Object.keys(TABLES) as TableKey[];

export type Batch = Record<TableKey, CopyRows>;

export function newBatch(): Batch {
  const batch = {} as Batch;
  for (const key of TABLE_ORDER) batch[key] = new CopyRows(TABLES[key]);
  return batch;
}
