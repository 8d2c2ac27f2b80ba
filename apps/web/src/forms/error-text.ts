/**
 * Field errors in the user's language. The shared zod schemas (and the server, which validates with the
 * same schemas) speak English: a message the schemas set themselves ("Title is required") or zod's own
 * English wording ("Too big: expected number to be <=100"). Both are turned into a key of the lazy
 * `forms` namespace plus its values here; anything unknown is shown as it came (better English than
 * nothing). Used for client-side and server-mapped errors alike, because both carry only the message.
 */
export type ErrorText = { key: string; values?: Record<string, string | number> };

/** Messages the shared schemas set themselves → key in `forms:errors`. */
const KNOWN: Record<string, string> = {
  'Title is required': 'required',
  'Name is required': 'required',
  'End before start': 'endBeforeStart',
  'Country percentages must sum to 100': 'countriesSum',
  'Sector percentages must sum to 100': 'sectorsSum',
  'Must be ≥ 0': 'notNegative',
  'Must be ≤ 100': 'atMost100',
  'Cite at least one source': 'citeSource',
  'A source is cited twice': 'sourceTwice',
  'Unknown country code (ISO 3166-1 alpha-2 expected)': 'country',
  'Unknown currency code (ISO 4217 expected)': 'currency',
  'Unknown sector (DAC-5 purpose code or 3-digit DAC category expected)': 'sector',
  'Expected "nominal" or "constant-YYYY"': 'priceBasis',
  'Expected a decimal number with at most 2 decimals, e.g. "1234567.89"': 'decimal',
  'Too many digits: at most 18 before the decimal point': 'decimalDigits',
  'Expected a language code such as "en", "ru", "th"': 'language',
  'An exact or near location needs coordinates': 'coordinates',
  'Amount must not be negative': 'amountNegative',
  'Expected an http(s) URL': 'url',
  'Version must be ≥ 1': 'invalid',
  'The region must lie in the country': 'regionCountry',
  'The point lies outside the chosen country: confirm it or move it': 'outsideCountry',
  // What only the server can check (packages/db/src/mutations): duplicates and taken identifiers.
  'Country listed twice': 'listedTwice',
  'Sector listed twice': 'listedTwice',
  'Initiative listed twice': 'listedTwice',
  'Project listed twice': 'listedTwice',
  'Organisation listed twice': 'listedTwice',
  'The organisation is listed twice in this role': 'listedTwiceInRole',
  'Another project has this IATI identifier': 'iatiIdentifierTaken',
  'An organisation with this IATI ref already exists': 'iatiRefTaken',
  'An organisation with this name already exists': 'nameTaken',
};

type Rule = [RegExp, (m: RegExpExecArray) => ErrorText];

const num = (value: string | undefined) => Number(value);

/** zod 4's English messages (zod/v4/locales/en), as the server sends them and the client produces them. */
const RULES: Rule[] = [
  // A value that is not there at all (an empty select, a cleared number input).
  [/^Invalid input: expected \w+, received (undefined|null)$/, () => ({ key: 'required' })],
  [/^Invalid input: expected number, received (NaN|string)$/, () => ({ key: 'number' })],
  [/^Too small: expected string to have >=1 characters$/, () => ({ key: 'required' })],
  [
    /^Too small: expected string to have >=?(\d+) characters$/,
    (m) => ({ key: 'tooShort', values: { count: num(m[1]) } }),
  ],
  [
    /^Too big: expected string to have <=?(\d+) characters$/,
    (m) => ({ key: 'tooLong', values: { count: num(m[1]) } }),
  ],
  [
    /^Too small: expected array to have >=?(\d+) items$/,
    (m) => ({ key: 'tooFew', values: { count: num(m[1]) } }),
  ],
  [
    /^Too big: expected array to have <=?(\d+) items$/,
    (m) => ({ key: 'tooMany', values: { count: num(m[1]) } }),
  ],
  [
    /^Too small: expected (?:number|int|bigint) to be >=?(-?[\d.]+)$/,
    (m) => ({ key: 'min', values: { min: num(m[1]) } }),
  ],
  [
    /^Too big: expected (?:number|int|bigint) to be <=?(-?[\d.]+)$/,
    (m) => ({ key: 'max', values: { max: num(m[1]) } }),
  ],
  [/^Invalid input: expected int, received number$/, () => ({ key: 'integer' })],
  [/^Invalid input: expected \w+, received \w+$/, () => ({ key: 'invalid' })],
  // An enum or a literal: a value outside the list (a select's options).
  [/^Invalid option: expected one of /, () => ({ key: 'choose' })],
  [/^Invalid input: expected \S+$/, () => ({ key: 'choose' })],
  [/^Invalid ISO date$/, () => ({ key: 'date' })],
  [/^Invalid (?:UUID|GUID)$/, () => ({ key: 'choose' })],
  [/^Invalid URL$/, () => ({ key: 'url' })],
  [/^Invalid string: must match pattern /, () => ({ key: 'format' })],
  // A reference to a record that is gone (the server checks every id).
  [/^No such (source|organisation|project|event)$/, (m) => ({ key: `missing.${m[1]}` })],
  [/^The (source|organisation|project|event) was deleted$/, (m) => ({ key: `deleted.${m[1]}` })],
  // A union of literals (status, role, organisation type) reports only this.
  [/^Invalid input$/, () => ({ key: 'choose' })],
];

/** The `forms:errors.*` key (and its values) for an English message, or null when it is not one we know. */
export function errorText(message: string): ErrorText | null {
  const known = KNOWN[message];
  if (known) return { key: `errors.${known}` };
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(message);
    if (match) {
      const text = build(match);
      return { ...text, key: `errors.${text.key}` };
    }
  }
  return null;
}

/** The message in the user's language: `t` of the `forms` namespace; unknown messages pass through. */
export function translateError(
  message: string,
  t: (key: string, values?: Record<string, string | number>) => string,
): string {
  const text = errorText(message);
  return text ? t(text.key, text.values) : message;
}
