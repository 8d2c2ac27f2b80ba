import { NOMINAL } from '@srt/shared/codes';

/**
 * A project's key figures from its funding rows: per flow, the USD value per price basis and the amount
 * per original currency. Flows are never added to each other (a pledge is not a commitment), nor are
 * nominal and constant-price amounts. Sums are exact decimal arithmetic on the API's decimal strings
 * (BigInt), never floats.
 */

export const KEY_FLOWS = ['pledge', 'commitment', 'disbursement', 'expenditure'] as const;
export type KeyFlow = (typeof KEY_FLOWS)[number];
/** Always shown, even when there is none: "none recorded" is information. Spending only when present. */
const ALWAYS_SHOWN: readonly KeyFlow[] = ['pledge', 'commitment', 'disbursement'];

export type FigureRow = {
  flow: string;
  amount: string;
  currency: string;
  priceBasis: string;
  amountUsd: string | null;
};

export type FlowFigure = {
  flow: KeyFlow;
  rows: number;
  /** USD sums, one per price basis (nominal first). */
  usd: { priceBasis: string; amount: string }[];
  /** Rows without a USD value (no exchange rate for their currency and year). */
  withoutUsd: number;
  /** Sums in the original currencies, one per currency and price basis. */
  original: { currency: string; priceBasis: string; amount: string }[];
};

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function parse(value: string): { units: bigint; scale: number } | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign ? -units : units, scale: fraction.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** `a + b` of two decimal strings, exactly, at the larger of their scales; `null` if either is not a decimal. */
export function addDecimal(a: string, b: string): string | null {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  const scale = Math.max(x.scale, y.scale);
  const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
  return format(sum, scale);
}

const isKeyFlow = (flow: string): flow is KeyFlow => KEY_FLOWS.some((f) => f === flow);
const basisOrder = (a: string, b: string) =>
  a === b ? 0 : a === NOMINAL ? -1 : b === NOMINAL ? 1 : a < b ? -1 : 1;

function addTo(sums: Map<string, string>, key: string, amount: string): boolean {
  const total = addDecimal(sums.get(key) ?? '0', amount);
  if (total === null) return false;
  sums.set(key, total);
  return true;
}

export function keyFigures(rows: readonly FigureRow[]): FlowFigure[] {
  const figures: FlowFigure[] = [];
  for (const flow of KEY_FLOWS) {
    const own = rows.filter((r) => r.flow === flow);
    if (own.length === 0 && !ALWAYS_SHOWN.includes(flow)) continue;
    const usd = new Map<string, string>();
    const original = new Map<string, string>();
    let withoutUsd = 0;
    for (const row of own) {
      if (row.amountUsd === null || !addTo(usd, row.priceBasis, row.amountUsd)) withoutUsd++;
      addTo(original, `${row.currency}|${row.priceBasis}`, row.amount);
    }
    figures.push({
      flow,
      rows: own.length,
      usd: [...usd]
        .sort(([a], [b]) => basisOrder(a, b))
        .map(([priceBasis, amount]) => ({ priceBasis, amount })),
      withoutUsd,
      original: [...original]
        .map(([key, amount]) => {
          const [currency = '', priceBasis = NOMINAL] = key.split('|');
          return { currency, priceBasis, amount };
        })
        .sort((a, b) => a.currency.localeCompare(b.currency) || basisOrder(a.priceBasis, b.priceBasis)),
    });
  }
  return figures;
}

/** Whether any row of the project is in a flow the key figures do not show (incoming flows). */
export const hasOtherFlows = (rows: readonly FigureRow[]) => rows.some((r) => !isKeyFlow(r.flow));
