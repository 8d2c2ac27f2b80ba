import {
  ACTIVITY_STATUS_CODES,
  isCountryCode,
  isCurrencyCode,
  isSectorCode,
  ORGANIZATION_TYPES,
} from '@srt/shared/codes';
import type { FundingRecord, ImportIssue, OrganizationRef, ProjectRecord, SourceRef } from '../types.ts';
import {
  ACTIVITY_DATE_FIELDS,
  BELT_AND_ROAD,
  DAC3_VOCABULARY,
  DAC5_VOCABULARY,
  FREE_TAG_VOCABULARIES,
  instrumentOf,
  TRANSACTION_FLOWS,
  TRANSACTION_TYPE_NAMES,
  UNIDO_REF,
} from './codelists.ts';
import { mapLocations } from './location.ts';
import {
  attr,
  childrenNamed,
  compact,
  compactObject,
  firstChild,
  isEnglish,
  type Narrative,
  narratives,
  normaliseLanguage,
  preferEnglish,
  textOf,
  type XmlElement,
} from './tree.ts';

export type FileContext = {
  fileName: string;
  /** The root's `xml:lang`, the fallback for activities that state none. */
  rootLang: string | undefined;
  /** The root's `generated-datetime` (date part), when given. */
  generated: string | undefined;
};

export type MappedActivity = { record: ProjectRecord | null; issues: ImportIssue[] };

/** Elements read into the record; every other child of `<iati-activity>` goes to `raw` whole. */
const MAPPED = new Set([
  'iati-identifier',
  'reporting-org',
  'title',
  'description',
  'activity-status',
  'activity-date',
  'participating-org',
  'recipient-country',
  'recipient-region',
  'sector',
  'location',
  'transaction',
  'document-link',
  'tag',
]);

const MAX_TITLE = 1000;
const MAX_DESCRIPTION = 50_000;

/** OrganisationRole codelist: 1 funding, 2 accountable, 3 extending, 4 implementing. */
const ORGANISATION_ROLES: Record<string, 1 | 2 | 3 | 4> = { '1': 1, '2': 2, '3': 3, '4': 4 };

/** Turns one `<iati-activity>` element into a record, or into an error when it has no identifier. */
export function mapActivity(activity: XmlElement, file: FileContext): MappedActivity {
  const issues: ImportIssue[] = [];
  const identifier = textOf(firstChild(activity, 'iati-identifier'));
  if (!identifier || identifier.length > 200) {
    issues.push({
      at: { line: activity.line },
      severity: 'error',
      field: 'iati-identifier',
      message: identifier
        ? 'iati-identifier is longer than 200 characters; activity not imported'
        : 'iati-identifier is missing; activity not imported',
    });
    return { record: null, issues };
  }
  return new ActivityMapper(activity, identifier, file, issues).map();
}

class ActivityMapper {
  private readonly defaultLang: string | undefined;
  private readonly raw: Record<string, unknown> = {};
  /** Organisation names by IATI ref, to name a provider or receiver that gives only a ref. */
  private readonly namesByRef = new Map<string, string>();

  constructor(
    private readonly activity: XmlElement,
    private readonly identifier: string,
    private readonly file: FileContext,
    private readonly issues: ImportIssue[],
  ) {
    this.defaultLang = normaliseLanguage(activity.attrs['xml:lang']) ?? file.rootLang;
  }

  map(): MappedActivity {
    const a = this.activity;
    const attributes = compact({ ...a, children: [], text: '' });
    if (attributes) this.raw.attributes = attributes;
    this.collectOrganisationNames();

    const reportingOrgEl = firstChild(a, 'reporting-org');
    const reportingOrg = reportingOrgEl ? this.organisation(reportingOrgEl, 'reporting-org') : null;
    if (reportingOrgEl) this.raw['reporting-org'] = compact(reportingOrgEl);

    const fileSource: SourceRef = {
      externalRef: `iati-file:${this.file.fileName}`,
      title: `IATI activity file ${this.file.fileName}${reportingOrg ? ` (publisher ${reportingOrg.name})` : ''}`,
      publisher: reportingOrg?.name ?? null,
      publishedDate: this.file.generated ?? null,
      kind: 'dataset',
    };

    const countries = this.countries();
    const record: ProjectRecord = {
      iatiIdentifier: this.identifier,
      ...this.title(),
      description: this.description(),
      status: this.status(),
      ...this.dates(),
      countries,
      sectors: this.sectors(),
      initiatives: [],
      participants: this.participants(),
      locations: [],
      funding: this.transactions(),
      sources: [fileSource, ...this.documentLinks(reportingOrg?.name ?? null)],
      at: { line: a.line },
    };

    const located = mapLocations(childrenNamed(a, 'location'), {
      recordKey: this.identifier,
      defaultLang: this.defaultLang,
      countries: countries.map((c) => c.country),
    });
    record.locations = located.locations;
    this.issues.push(...located.issues);
    for (const el of located.unplaced) this.keep('location', el);

    const unido = this.unidoInitiative(reportingOrg, fileSource);
    if (unido) record.initiatives.push(unido);
    const bri = this.briInitiative(fileSource);
    if (bri) record.initiatives.push(bri);

    for (const child of a.children) if (!MAPPED.has(child.name)) this.keep(child.name, compact(child));
    record.raw = Object.keys(this.raw).length > 0 ? this.raw : null;
    return { record, issues: this.issues };
  }

  // --- helpers ---------------------------------------------------------------------------------

  private warn(el: XmlElement, field: string, message: string): void {
    this.issues.push({
      recordKey: this.identifier,
      at: { line: el.line },
      severity: 'warning',
      field,
      message,
    });
  }

  /** Adds an element (in compact form) to `raw[name]`, an array in file order. */
  private keep(name: string, value: unknown): void {
    const list = this.raw[name];
    if (Array.isArray(list)) list.push(value);
    else this.raw[name] = [value];
  }

  private collectOrganisationNames(): void {
    const orgs = [
      ...childrenNamed(this.activity, 'reporting-org'),
      ...childrenNamed(this.activity, 'participating-org'),
      ...childrenNamed(this.activity, 'transaction').flatMap((t) => [
        ...childrenNamed(t, 'provider-org'),
        ...childrenNamed(t, 'receiver-org'),
      ]),
    ];
    for (const org of orgs) {
      const ref = attr(org, 'ref');
      const name = preferEnglish(narratives(org, this.defaultLang))?.text;
      if (ref && name && !this.namesByRef.has(ref)) this.namesByRef.set(ref, name);
    }
  }

  private organisation(el: XmlElement, field: string): OrganizationRef | null {
    const list = narratives(el, this.defaultLang);
    const ref = attr(el, 'ref');
    const preferred = preferEnglish(list);
    const name = preferred?.text ?? (ref ? (this.namesByRef.get(ref) ?? ref) : undefined);
    if (!name) return null;
    const local = list.find((n) => !isEnglish(n.lang) && n.text !== name);
    let type: number | null = null;
    const typeCode = attr(el, 'type');
    if (typeCode) {
      if (typeCode in ORGANIZATION_TYPES) type = Number(typeCode);
      else this.warn(el, `${field}.type`, `unknown organisation type "${typeCode}"; left empty`);
    }
    return { name, nameLocal: local?.text ?? null, iatiRef: ref ?? null, type };
  }

  private title(): Pick<ProjectRecord, 'title' | 'titleOriginal' | 'titleLanguage'> {
    const el = firstChild(this.activity, 'title');
    const list = narratives(el, this.defaultLang);
    const plain = textOf(el);
    if (list.length === 0 && plain) list.push({ lang: this.defaultLang, text: plain });
    const first = list[0];
    if (!first) {
      this.warn(el ?? this.activity, 'title', 'no title; the iati-identifier stands in for it');
      return { title: this.identifier, titleOriginal: null, titleLanguage: null };
    }
    const english = list.find((n) => isEnglish(n.lang));
    // The first narrative is the original when it is in another (known) language.
    const original = first.lang && !isEnglish(first.lang) ? first : undefined;
    const title = english ?? first;
    const unused = list.filter((n) => n !== title && n !== original);
    if (unused.length > 0) this.raw.title = unused.map(narrativeJson);
    const cut = (text: string) => {
      if (text.length <= MAX_TITLE) return text;
      this.warn(el ?? this.activity, 'title', `title cut to ${MAX_TITLE} characters`);
      return `${text.slice(0, MAX_TITLE - 1)}…`;
    };
    return {
      title: cut(title.text),
      titleOriginal: original ? cut(original.text) : null,
      titleLanguage: original?.lang ?? null,
    };
  }

  private description(): string | null {
    const all = childrenNamed(this.activity, 'description');
    // DescriptionType 1 is the general description; 2 objectives, 3 target groups, 4 other.
    const chosen = all.find((d) => attr(d, 'type') === '1') ?? all.find((d) => !attr(d, 'type')) ?? all[0];
    if (!chosen) return null;
    const list = narratives(chosen, this.defaultLang);
    const text = preferEnglish(list)?.text ?? textOf(chosen);
    const unused = all.filter((d) => d !== chosen).map(compact);
    const otherLanguages = list.filter((n) => n.text !== text).map(narrativeJson);
    if (otherLanguages.length > 0)
      unused.unshift({ type: attr(chosen, 'type') ?? null, narrative: otherLanguages });
    if (unused.length > 0) this.raw.description = unused;
    if (text && text.length > MAX_DESCRIPTION) {
      this.warn(chosen, 'description', `description cut to ${MAX_DESCRIPTION} characters`);
      return text.slice(0, MAX_DESCRIPTION);
    }
    return text ?? null;
  }

  private status(): ProjectRecord['status'] {
    const el = firstChild(this.activity, 'activity-status');
    const code = attr(el, 'code');
    if (!el || !code) return null;
    const status = ACTIVITY_STATUS_CODES.find((s) => String(s) === code);
    if (status === undefined)
      this.warn(el, 'activity-status', `unknown activity status "${code}"; left empty`);
    return status ?? null;
  }

  private dates(): Pick<ProjectRecord, 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'> {
    const dates: Pick<ProjectRecord, 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'> = {
      plannedStart: null,
      actualStart: null,
      plannedEnd: null,
      actualEnd: null,
    };
    childrenNamed(this.activity, 'activity-date').forEach((el, i) => {
      const field = `activity-date[${i}]`;
      const type = attr(el, 'type') ?? '';
      const key = ACTIVITY_DATE_FIELDS[type as keyof typeof ACTIVITY_DATE_FIELDS];
      const date = isoDate(attr(el, 'iso-date'));
      let used = false;
      if (!key) this.warn(el, field, `unknown activity-date type "${type}"`);
      else if (!date) this.warn(el, field, `activity-date type ${type} has no valid iso-date`);
      else if (dates[key]) this.warn(el, field, `second activity-date of type ${type}; the first is used`);
      else {
        dates[key] = date;
        used = true;
      }
      if (!used || firstChild(el, 'narrative')) this.keep('activity-date', compact(el));
    });
    for (const [start, end] of [
      ['plannedStart', 'plannedEnd'],
      ['actualStart', 'actualEnd'],
    ] as const) {
      const s = dates[start];
      const e = dates[end];
      if (s && e && e < s) this.warn(this.activity, end, `${end} ${e} is before ${start} ${s}`);
    }
    return dates;
  }

  private countries(): ProjectRecord['countries'] {
    const out = new Map<string, { country: string; percentage: number | null }>();
    childrenNamed(this.activity, 'recipient-country').forEach((el, i) => {
      const field = `recipient-country[${i}]`;
      const code = attr(el, 'code')?.toUpperCase();
      if (!code || !isCountryCode(code)) {
        this.warn(
          el,
          field,
          code ? `unknown country code "${code}"; kept in raw` : 'recipient-country without a code',
        );
        this.keep('recipient-country', compact(el));
        return;
      }
      const percentage = this.percentage(el, field);
      const existing = out.get(code);
      if (existing) {
        this.warn(el, field, `country ${code} listed twice; percentages added`);
        existing.percentage = addPercentages(existing.percentage, percentage);
      } else out.set(code, { country: code, percentage });
    });
    for (const el of childrenNamed(this.activity, 'recipient-region'))
      this.keep('recipient-region', compact(el));

    if (out.size === 0) {
      // IATI allows the countries on the transactions instead (USAID's file does this).
      for (const tx of childrenNamed(this.activity, 'transaction')) {
        for (const el of childrenNamed(tx, 'recipient-country')) {
          const code = attr(el, 'code')?.toUpperCase();
          if (code && isCountryCode(code) && !out.has(code))
            out.set(code, { country: code, percentage: null });
        }
      }
      if (out.size > 0) this.raw.countriesFrom = 'transactions';
    }
    const list = [...out.values()];
    this.checkTotal(list, 'recipient-country', 'country');
    return list;
  }

  private sectors(): ProjectRecord['sectors'] {
    const dac5 = new Map<string, { sector: string; percentage: number | null }>();
    const dac3 = new Map<string, { sector: string; percentage: number | null }>();
    const dac3Elements: XmlElement[] = [];
    childrenNamed(this.activity, 'sector').forEach((el, i) => {
      const field = `sector[${i}]`;
      const vocabulary = attr(el, 'vocabulary') ?? DAC5_VOCABULARY;
      const code = attr(el, 'code');
      const target =
        vocabulary === DAC5_VOCABULARY ? dac5 : vocabulary === DAC3_VOCABULARY ? dac3 : undefined;
      if (!target) {
        this.keep('sector', compact(el));
        return;
      }
      const digits = vocabulary === DAC5_VOCABULARY ? 5 : 3;
      if (!code || code.length !== digits || !isSectorCode(code)) {
        this.warn(el, field, code ? `unknown DAC sector "${code}"; kept in raw` : 'sector without a code');
        this.keep('sector', compact(el));
        return;
      }
      if (target === dac3) dac3Elements.push(el);
      const percentage = this.percentage(el, field);
      const existing = target.get(code);
      if (existing) {
        this.warn(el, field, `sector ${code} listed twice; percentages added`);
        existing.percentage = addPercentages(existing.percentage, percentage);
      } else target.set(code, { sector: code, percentage });
    });
    // Percentages add up to 100 within one vocabulary: use the purpose codes, else the categories.
    let list = [...(dac5.size > 0 ? dac5 : dac3).values()];
    if (dac5.size > 0) for (const el of dac3Elements) this.keep('sector', compact(el));
    if (list.length === 0) {
      const fromTransactions = new Set<string>();
      for (const tx of childrenNamed(this.activity, 'transaction')) {
        for (const el of childrenNamed(tx, 'sector')) {
          const code = attr(el, 'code');
          const vocabulary = attr(el, 'vocabulary') ?? DAC5_VOCABULARY;
          if (vocabulary === DAC5_VOCABULARY && code?.length === 5 && isSectorCode(code))
            fromTransactions.add(code);
        }
      }
      list = [...fromTransactions].map((sector) => ({ sector, percentage: null }));
      if (list.length > 0) this.raw.sectorsFrom = 'transactions';
    }
    this.checkTotal(list, 'sector', 'sector');
    return list;
  }

  private percentage(el: XmlElement, field: string): number | null {
    const text = attr(el, 'percentage');
    if (text === undefined) return null;
    const value = Number(text);
    if (Number.isFinite(value) && value >= 0 && value <= 100) return value;
    this.warn(el, `${field}.percentage`, `percentage "${text}" is not between 0 and 100; left empty`);
    return null;
  }

  private checkTotal(list: { percentage?: number | null }[], field: string, what: string): void {
    const given = list.flatMap((r) => (r.percentage == null ? [] : [r.percentage]));
    if (given.length === 0) return;
    const total = given.reduce((sum, p) => sum + p, 0);
    if (Math.abs(total - 100) >= 0.01) {
      const regions =
        what === 'country' && this.raw['recipient-region'] ? ' (recipient regions take the rest)' : '';
      this.warn(this.activity, field, `${what} percentages add up to ${round2(total)}, not 100${regions}`);
    }
  }

  private participants(): ProjectRecord['participants'] {
    const out: ProjectRecord['participants'] = [];
    const seen = new Set<string>();
    childrenNamed(this.activity, 'participating-org').forEach((el, i) => {
      const field = `participating-org[${i}]`;
      const roleCode = attr(el, 'role');
      const role = roleCode ? ORGANISATION_ROLES[roleCode] : undefined;
      const organization = this.organisation(el, field);
      if (!organization || !role) {
        const problem = organization
          ? `unknown organisation role "${roleCode ?? ''}"`
          : 'organisation without name or ref';
        this.warn(el, field, `${problem}; kept in raw`);
        this.keep('participating-org', compact(el));
        return;
      }
      const key = `${role}|${organization.iatiRef ?? organization.name.toLowerCase()}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ organization, role });
      // activity-id, crs-channel-code and the like have no column: keep them.
      if (Object.keys(el.attrs).some((k) => !['ref', 'role', 'type', 'xml:lang'].includes(k))) {
        this.keep('participating-org', compact(el));
      }
    });
    return out;
  }

  private transactions(): FundingRecord[] {
    const out: FundingRecord[] = [];
    const defaultCurrency = attr(this.activity, 'default-currency')?.toUpperCase();
    const defaultFinanceType = attr(firstChild(this.activity, 'default-finance-type'), 'code');
    // The index counts every transaction, mapped or not, so `#txN` stays the same across imports.
    childrenNamed(this.activity, 'transaction').forEach((tx, index) => {
      const field = `transaction[${index}]`;
      const skip = (message: string, sub = '') => {
        this.warn(tx, `${field}${sub}`, `${message}; transaction kept in raw only`);
        this.keep('transaction', { index, ...compactObject(tx) });
      };
      const type = attr(firstChild(tx, 'transaction-type'), 'code');
      const flow = type ? TRANSACTION_FLOWS[type] : undefined;
      if (!flow) {
        const name = type ? TRANSACTION_TYPE_NAMES[type] : undefined;
        skip(
          type
            ? `transaction type ${type}${name ? ` (${name})` : ''} is not a funding flow`
            : 'no transaction type',
          '.transaction-type',
        );
        return;
      }
      const valueEl = firstChild(tx, 'value');
      const valueText = textOf(valueEl);
      const amount = valueText ? decimal(valueText) : undefined;
      if (!amount) {
        skip(valueText ? `value "${valueText}" is not a decimal number` : 'no value', '.value');
        return;
      }
      const currency = (attr(valueEl, 'currency') ?? defaultCurrency)?.toUpperCase();
      if (!currency) {
        skip('no currency (neither value/@currency nor the default-currency)', '.value');
        return;
      }
      if (!isCurrencyCode(currency)) {
        skip(`unknown currency "${currency}"`, '.value');
        return;
      }
      const valueDate =
        isoDate(attr(valueEl, 'value-date')) ?? isoDate(attr(firstChild(tx, 'transaction-date'), 'iso-date'));
      if (!valueDate)
        this.warn(tx, `${field}.value`, 'no value-date or transaction-date: no exchange rate can apply');
      const provider = firstChild(tx, 'provider-org');
      const receiver = firstChild(tx, 'receiver-org');
      const financeType = attr(firstChild(tx, 'finance-type'), 'code') ?? defaultFinanceType;
      const rest = compactObject(tx);
      delete rest.value;
      delete rest['transaction-type'];
      out.push({
        externalRef: `${this.identifier}#tx${index}`,
        flow,
        amount,
        currency,
        priceBasis: 'nominal',
        valueDate: valueDate ?? null,
        funder: provider ? this.organisation(provider, `${field}.provider-org`) : null,
        recipient: receiver ? this.organisation(receiver, `${field}.receiver-org`) : null,
        instrument: financeType ? (instrumentOf(financeType) ?? null) : null,
        raw: { transactionType: Number(type), ...rest },
        at: { line: tx.line },
      });
    });
    return out;
  }

  private documentLinks(publisher: string | null): SourceRef[] {
    const out: SourceRef[] = [];
    childrenNamed(this.activity, 'document-link').forEach((el, i) => {
      const field = `document-link[${i}]`;
      const url = attr(el, 'url');
      if (!url || !isWebUrl(url)) {
        this.warn(
          el,
          `${field}.url`,
          url ? `"${url}" is not an http(s) address; kept in raw` : 'document-link without url',
        );
        this.keep('document-link', compact(el));
        return;
      }
      // Format and categories have no column.
      this.keep('document-link', {
        url,
        format: attr(el, 'format') ?? null,
        category: childrenNamed(el, 'category').map((c) => attr(c, 'code') ?? null),
      });
      if (out.some((s) => s.externalRef === url)) return;
      const title = preferEnglish(narratives(firstChild(el, 'title'), this.defaultLang))?.text ?? url;
      out.push({
        externalRef: url,
        url,
        title,
        publisher,
        publishedDate: isoDate(attr(firstChild(el, 'document-date'), 'iso-date')) ?? null,
        language: normaliseLanguage(attr(firstChild(el, 'language'), 'code')) ?? null,
        kind: 'document',
      });
    });
    return out;
  }

  private unidoInitiative(
    reportingOrg: OrganizationRef | null,
    source: SourceRef,
  ): ProjectRecord['initiatives'][number] | null {
    if (reportingOrg?.iatiRef === UNIDO_REF) {
      return {
        initiative: 'unido',
        basis: 'official',
        note: `Reported by UNIDO (reporting-org ${UNIDO_REF})`,
        source,
      };
    }
    const participant = childrenNamed(this.activity, 'participating-org').find(
      (o) => attr(o, 'ref') === UNIDO_REF,
    );
    if (!participant) return null;
    const role = attr(participant, 'role');
    return {
      initiative: 'unido',
      basis: 'official',
      note: `UNIDO (${UNIDO_REF}) is a participating organisation${role ? ` (role ${role})` : ''}`,
      source,
    };
  }

  private briInitiative(source: SourceRef): ProjectRecord['initiatives'][number] | null {
    let found: ProjectRecord['initiatives'][number] | null = null;
    for (const el of childrenNamed(this.activity, 'tag')) {
      const vocabulary = attr(el, 'vocabulary') ?? '';
      const code = attr(el, 'code') ?? '';
      const text = preferEnglish(narratives(el, this.defaultLang))?.text;
      const names =
        FREE_TAG_VOCABULARIES.has(vocabulary) &&
        (BELT_AND_ROAD.test(code) ||
          narratives(el, this.defaultLang).some((n) => BELT_AND_ROAD.test(n.text)));
      if (names && !found) {
        found = {
          initiative: 'bri',
          basis: 'official',
          note: `IATI tag (vocabulary ${vocabulary}) "${code}"${text ? `: ${text}` : ''}`,
          source,
        };
      } else this.keep('tag', compact(el));
    }
    return found;
  }
}

// --- values ----------------------------------------------------------------------------------

const narrativeJson = (n: Narrative) => ({ lang: n.lang ?? null, text: n.text });

const round2 = (n: number) => Math.round(n * 100) / 100;

function addPercentages(a: number | null, b: number | null): number | null {
  return a == null || b == null ? (a ?? b) : round2(a + b);
}

/** `YYYY-MM-DD` from an xsd:date or dateTime (time and zone dropped), when it is a real calendar day. */
export function isoDate(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  if (!m) return undefined;
  const [date, y, mo, d] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return day.getUTCFullYear() === Number(y) &&
    day.getUTCMonth() === Number(mo) - 1 &&
    day.getUTCDate() === Number(d)
    ? date
    : undefined;
}

/**
 * An xsd:decimal as a canonical string, exactly as precise as the file (no float ever touches it):
 * `+0012.50` → `12.50`, `-0` → `0`. Thousands separators and exponents are not decimals.
 */
export function decimal(text: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (!m[2] && !m[3])) return undefined;
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  const negative = m[1] === '-' && /[1-9]/.test(int + frac);
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
