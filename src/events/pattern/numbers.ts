/**
 * Numbers in `numeric` and `anything-but` conditions: EventBridge compares them within
 * -5.0e9 … +5.0e9 and to six decimal places, and refuses others with these reasons.
 */
export const NUMERIC_LIMIT = 5e9;

/** The value of a JSON number text a numeric comparison may use; throws AWS's reason otherwise. */
export function comparableNumber(text: string): number {
  if (decimalPlaces(text) > 6) {
    // Unconfirmed wording: EventBridge's engine appends internal representations to this sentence.
    throw new Error('Only values upto 6 decimals are supported');
  }
  const value = Number(text);
  if (!(value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT)) throw new Error('Value must be between -5.0E9 and 5.0E9, inclusive');
  return value;
}

/** Digits after the decimal point once trailing zeros are dropped (`1.50e-3` → 4). */
function decimalPlaces(text: string): number {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || Number(text) === 0) return 0;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  const exponent = Number(m[3] ?? 0);
  let places = fraction.length - exponent;
  if (fraction.length === 0) {
    // An integer mantissa: trailing zeros of the integer part absorb a negative exponent.
    const trailingZeros = /0*$/.exec(m[1]!)![0].length;
    places = Math.max(0, -exponent - trailingZeros);
  }
  return Math.max(0, places);
}
