/**
 * The small element tree the reader builds for one `<iati-activity>` at a time (never for the whole
 * file), and the helpers the mapping reads it with.
 */

export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Direct text content (IATI elements never mix text and child elements). */
  text: string;
  /** Line of the element's start tag. */
  line: number;
};

export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.name === name);

export const firstChild = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);

/** A trimmed attribute value, or undefined when absent or blank (d-portal drops empty ones anyway). */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  const value = el?.attrs[name]?.trim();
  return value ? value : undefined;
}

export const textOf = (el: XmlElement | undefined): string | undefined => {
  const value = el?.text.trim();
  return value ? value : undefined;
};

/** Lower-case language code (`EN` → `en`), or undefined when it is not a plausible code. */
export function normaliseLanguage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const lower = code.trim().toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(lower) ? lower : undefined;
}

export const isEnglish = (lang: string | undefined): boolean => lang === 'en' || !!lang?.startsWith('en-');

export type Narrative = { lang: string | undefined; text: string };

/** The non-empty `<narrative>` children, each with its language (or the activity's default). */
export function narratives(el: XmlElement | undefined, defaultLang: string | undefined): Narrative[] {
  if (!el) return [];
  const out: Narrative[] = [];
  for (const n of childrenNamed(el, 'narrative')) {
    const text = textOf(n);
    if (text) out.push({ lang: normaliseLanguage(n.attrs['xml:lang']) ?? defaultLang, text });
  }
  return out;
}

/** The English narrative if there is one, else the first. */
export function preferEnglish(list: Narrative[]): Narrative | undefined {
  return list.find((n) => isEnglish(n.lang)) ?? list[0];
}

/**
 * A compact JSON form of an element for `raw`: attributes as keys (`xml:lang` → `lang`, namespace
 * declarations dropped), children by name (an array when repeated), text as the value itself when the
 * element has nothing else, or as `text`.
 */
export function compact(el: XmlElement): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(el.attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    out[key === 'xml:lang' ? 'lang' : key] = value;
  }
  for (const child of el.children) {
    // compact() never returns an array, so an array here always means a repeated child.
    const value = compact(child);
    const existing = out[child.name];
    if (existing === undefined) out[child.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[child.name] = [existing, value];
  }
  const text = el.text.trim();
  if (text) {
    if (Object.keys(out).length === 0) return text;
    out.text = text;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/** `compact` of an element that has attributes or children, as an object to spread (`{}` otherwise). */
export function compactObject(el: XmlElement): Record<string, unknown> {
  const value = compact(el);
  return value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
}
