/**
 * How the lessons write numbers into the formulas a learner reads: true minus signs (as
 * the analysis formulas write them), thousands grouped with a thin space, and at most a few
 * decimals, so "0.30000000000000004" never reaches a view.
 */

/** A number for a formula: integers exactly, others to `decimals` places with trailing zeros cut. */
export function num(v: number, decimals = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const rounded = Number.isInteger(v) ? v : Number(v.toFixed(decimals));
  // toFixed then Number() drops trailing zeros: 0.5000 → 0.5; −0 prints as 0.
  return rounded < 0 ? `−${String(-rounded)}` : String(Math.abs(rounded));
}

/** A count with its thousands grouped: 16959488 → "16,959,488". */
export function count(n: number): string {
  if (!Number.isFinite(n)) return num(n);
  const sign = n < 0 ? '−' : '';
  return sign + Math.abs(Math.round(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A factor inside a product: parenthesised when negative, so "3·(−1)" reads right. */
export function factor(v: number): string {
  return v < 0 ? `(${num(v)})` : num(v);
}

/** Singular or plural: plural(1, 'row') → "1 row", plural(2, 'row') → "2 rows". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The largest absolute value of an array (0 for an empty one). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/** The smallest and largest value (both 0 for an empty array). */
export function range(values: ArrayLike<number>): { readonly min: number; readonly max: number } {
  if (values.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * A number for one cell of a grid, where space is short: integers exactly, others to three
 * significant digits (one decimal from 100 on), so 1/9 reads 0.111 and 1234.56 reads 1234.6.
 */
export function compact(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return num(v);
  return Math.abs(v) >= 100 ? num(v, 1) : num(Number(v.toPrecision(3)), 8);
}
