/**
 * The contract between the format readers (IATI, AidData, CSV) and the one writer that every import
 * goes through. A reader turns a file into `ImportRecord`s — plain data, no database access — and
 * reports what it could not read; the writer matches, converts to USD, diffs, and writes.
 */

/** Where in the file a record or a problem is: XML line, or CSV row and column. */
export type FileLocation = { line?: number; row?: number; column?: string };

export type ImportIssue = {
  /** The record's key when known (iati-identifier, AidData record ID, CSV key column). */
  recordKey?: string;
  at?: FileLocation;
  /**
   * `error`: the record is rejected (a reader yields the error *instead of* the record); `warning`:
   * loaded, but a reader should look (doubtful).
   */
  severity: 'error' | 'warning';
  /** Field path within the record, e.g. `transaction[3].value`. */
  field?: string;
  message: string;
};

/** An organisation as a file names it; the writer matches it by IATI ref, then by normalised name. */
export type OrganizationRef = {
  name: string;
  nameLocal?: string | null;
  acronym?: string | null;
  iatiRef?: string | null;
  type?: number | null;
  country?: string | null;
};

export type SourceRef = {
  /** Stable key so re-imports find the same source, e.g. `iati-file:undp_az-tj-tm-uz.xml`. */
  externalRef: string;
  url?: string | null;
  title: string;
  publisher?: string | null;
  publishedDate?: string | null;
  language?: string | null;
  kind: 'news' | 'official' | 'dataset' | 'document';
  quote?: string | null;
};

export type FundingRecord = {
  /** Stable key within the project, e.g. `<iati-id>#tx3` or `aiddata:39644#commitment`. */
  externalRef: string;
  flow: 'pledge' | 'commitment' | 'disbursement' | 'expenditure' | 'incoming_commitment' | 'incoming_funds';
  amount: string;
  currency: string;
  /** `nominal` or `constant-YYYY`. */
  priceBasis: string;
  valueDate?: string | null;
  funder?: OrganizationRef | null;
  recipient?: OrganizationRef | null;
  instrument?: 'grant' | 'loan' | 'equity' | 'guarantee' | 'other' | null;
  estimated?: boolean;
  /**
   * Set when the file itself states the USD value (AidData publishes USD): the writer stores it with
   * this rate source instead of converting. Otherwise the writer converts with the annual rate table.
   */
  usd?: { amountUsd: string; rate: string; rateSource: string } | null;
  raw?: Record<string, unknown> | null;
  /** Sources for this row; when absent the writer links the record's `dataset` sources (the file). */
  sources?: SourceRef[] | null;
  at?: FileLocation;
};

export type LocationRecord = {
  name: string;
  country: string;
  precision: 'exact' | 'near' | 'admin2' | 'admin1' | 'country';
  lat?: number | null;
  lon?: number | null;
  /** When the file gives it; otherwise the writer derives it from the point and the shipped shapes. */
  admin1Code?: string | null;
  raw?: Record<string, unknown> | null;
};

export type ProjectRecord = {
  /**
   * `full` (the default): the record describes the whole project, funding included — funding rows an
   * earlier import brought for it that are no longer in the record are soft-deleted (an IATI activity).
   * `project`: the record describes the whole project except its funding: its `funding` rows (often none)
   * are added or updated by `externalRef`, and no stored funding row is removed (a CSV projects sheet).
   * `merge-funding`: the record only carries `funding` rows for a project that must already exist — in
   * the database or earlier in the same import (a CSV funding sheet). The writer adds or updates those
   * rows by their `externalRef` and changes nothing else; the other fields are empty and ignored. No such
   * project → an error at the row's `at`.
   */
  mode?: 'full' | 'project' | 'merge-funding';
  /** Exactly one of these identifies the record across imports. */
  iatiIdentifier?: string | null;
  externalRef?: string | null;
  title: string;
  titleOriginal?: string | null;
  titleLanguage?: string | null;
  description?: string | null;
  status?: number | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  countries: { country: string; percentage?: number | null }[];
  sectors: { sector: string; percentage?: number | null }[];
  initiatives: {
    initiative: 'bri' | 'unido';
    basis: 'official' | 'assessed';
    note?: string | null;
    source?: SourceRef | null;
  }[];
  participants: { organization: OrganizationRef; role: 1 | 2 | 3 | 4 }[];
  locations: LocationRecord[];
  funding: FundingRecord[];
  /** Sources cited for the whole project (the file itself, document links, the dataset). */
  sources: SourceRef[];
  /** What the reader could not map, kept rather than dropped. */
  raw?: Record<string, unknown> | null;
  at?: FileLocation;
};

export type ImportFormat = 'iati' | 'aiddata' | 'csv';

/**
 * Readers stream: they yield records one by one as the file is parsed (never the whole document in
 * memory), problems as they find them, and at most one `fatal` (wrong root, IATI 1.x, a DOCTYPE, over
 * the size limit…) after which they stop and nothing of the file may be written.
 */
export type ReadItem =
  | { kind: 'record'; record: ProjectRecord }
  | { kind: 'issue'; issue: ImportIssue }
  | { kind: 'fatal'; message: string; at?: FileLocation };

export type Reader = (input: AsyncIterable<Uint8Array>, options: ReaderOptions) => AsyncIterable<ReadItem>;

export type ReaderOptions = {
  /** The file's name, for source records and messages. */
  fileName: string;
  /** Refuse the file past this many bytes (default 50 MB). */
  maxBytes?: number;
};
