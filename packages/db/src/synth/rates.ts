import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Annual average rates, units of currency per USD (copied from shared/data, unchanged). */
const RATES_FILE = fileURLToPath(new URL('../../data/exchange_rates_annual.csv', import.meta.url));

export type Rate = { perUsd: number; source: string };

/** Splits one CSV line with optional double-quoted fields. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * The rate table keyed `CUR:YEAR`. The stored rate source is a short label naming the table and the
 * publisher; a million funding rows need not repeat the file's full provenance sentence.
 */
export function loadRates(): Map<string, Rate> {
  const rates = new Map<string, Rate>();
  const [, ...lines] = readFileSync(RATES_FILE, 'utf8').split(/\r?\n/);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [currency, year, perUsd, source = ''] = csvFields(line);
    if (!currency || !year || !perUsd) continue;
    const publisher = source.startsWith('IMF')
      ? 'IMF IFS annual average'
      : 'fallback table, lower confidence';
    rates.set(`${currency}:${year}`, {
      perUsd: Number(perUsd),
      source: `exchange_rates_annual.csv ${currency} ${year} (${publisher})`,
    });
  }
  return rates;
}
