/**
 * Exact decimal strings for money: parsed and rounded on digits (BigInt), never through a float, so
 * 542976319.022248 becomes "542976319.02" and not 542976319.0222479701.
 */

/** A plain decimal (optionally with an exponent, as statistics tools write large numbers): 12, 1.5, 2.1e7. */
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

type Exact = { negative: boolean; digits: bigint; scale: number };

function parseExact(text: string): Exact | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  let scale = fraction.length - Number(exponent);
  let digits = BigInt(whole + fraction);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { negative: sign === '-' && digits !== 0n, digits, scale };
}

/** Whether the text is a decimal number this module can read exactly. */
export const isDecimal = (text: string): boolean => parseExact(text) !== null;

/**
 * Rounds to `places` decimals, half away from zero, and formats with exactly that many decimals;
 * null when the text is not a number.
 */
export function roundDecimal(text: string, places = 2): string | null {
  const exact = parseExact(text);
  if (!exact) return null;
  let { digits } = exact;
  if (exact.scale > places) {
    const divisor = 10n ** BigInt(exact.scale - places);
    const remainder = digits % divisor;
    digits /= divisor;
    if (remainder * 2n >= divisor) digits += 1n;
  } else {
    digits *= 10n ** BigInt(places - exact.scale);
  }
  const padded = digits.toString().padStart(places + 1, '0');
  const body = places === 0 ? padded : `${padded.slice(0, -places)}.${padded.slice(-places)}`;
  return exact.negative && digits !== 0n ? `-${body}` : body;
}

/** Sign of the number: -1, 0 or 1; null when not a number. */
export function decimalSign(text: string): -1 | 0 | 1 | null {
  const exact = parseExact(text);
  if (!exact) return null;
  if (exact.digits === 0n) return 0;
  return exact.negative ? -1 : 1;
}
