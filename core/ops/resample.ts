/**
 * One way to run every layer that moves pixels around within a channel: upsampling
 * (nearest, bilinear), padding (zeros, constant, reflect, replicate), cropping, resizing,
 * adaptive pooling, and pooling with PyTorch's ceil_mode or count_include_pad. Each is a
 * fixed sparse linear map from an input plane to an output plane (or, for max, a fixed set
 * of candidates per output pixel), written once as a table, and applied to every channel
 * of every example:
 *
 *   sum:  y[o] = Σₜ w[t]·x[tap[t]]   (no taps: y[o] = fill, constant padding's value)
 *   max:  y[o] = maxₜ x[tap[t]]      (argmax kept for backward)
 *
 * Backward is the map's transpose: dx[tap[t]] += w[t]·dy[o] (or dy[o] to the winner).
 *
 * All of these maps are separable: the output pixel (oy, ox) reads the input rows that row
 * oy reads times the input columns that column ox reads, with the product of the weights.
 * So each layer describes one AxisMap per axis (./resampleAxes), and planeMap multiplies
 * them out.
 */

/** Per output coordinate along one axis: the input coordinates it reads, with weights. */
export interface AxisMap {
  readonly inSize: number;
  readonly taps: readonly (readonly number[])[];
  readonly weights: readonly (readonly number[])[];
}

export interface PlaneMap {
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly op: 'sum' | 'max';
  /** CSR: output pixel o reads taps[start[o] … start[o + 1] − 1]. */
  readonly start: Int32Array;
  readonly taps: Int32Array;
  readonly weights: Float32Array;
  /** What an output pixel with no taps holds (constant padding); 0 otherwise. */
  readonly fill: number;
}

/** The map of a plane from its two axes. */
export function planeMap(rows: AxisMap, cols: AxisMap, op: 'sum' | 'max', fill = 0): PlaneMap {
  const outH = rows.taps.length;
  const outW = cols.taps.length;
  let count = 0;
  for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) count += rows.taps[oy]!.length * cols.taps[ox]!.length;
  const start = new Int32Array(outH * outW + 1);
  const taps = new Int32Array(count);
  const weights = new Float32Array(count);
  let t = 0;
  for (let oy = 0; oy < outH; oy++) {
    const ry = rows.taps[oy]!;
    const wy = rows.weights[oy]!;
    for (let ox = 0; ox < outW; ox++) {
      start[oy * outW + ox] = t;
      const rx = cols.taps[ox]!;
      const wx = cols.weights[ox]!;
      for (let a = 0; a < ry.length; a++) {
        for (let b = 0; b < rx.length; b++, t++) {
          taps[t] = ry[a]! * cols.inSize + rx[b]!;
          weights[t] = wy[a]! * wx[b]!;
        }
      }
    }
  }
  start[outH * outW] = t;
  return { inH: rows.inSize, inW: cols.inSize, outH, outW, op, start, taps, weights, fill };
}

/** y for `planes` consecutive planes (batch × channels); argmax is needed for 'max'. */
export function resampleForward(map: PlaneMap, planes: number, x: Float32Array, y: Float32Array, argmax: Int32Array | null): void {
  const inSize = map.inH * map.inW;
  const outSize = map.outH * map.outW;
  const { start, taps, weights } = map;
  for (let p = 0; p < planes; p++) {
    const xo = p * inSize;
    const yo = p * outSize;
    for (let o = 0; o < outSize; o++) {
      const lo = start[o]!;
      const hi = start[o + 1]!;
      if (lo === hi) {
        y[yo + o] = map.fill;
        if (argmax) argmax[yo + o] = -1;
        continue;
      }
      if (map.op === 'max') {
        let best = lo;
        let bestValue = x[xo + taps[lo]!]!;
        for (let t = lo + 1; t < hi; t++) {
          const v = x[xo + taps[t]!]!;
          if (v > bestValue || Number.isNaN(v)) { bestValue = v; best = t; } // NaN wins, as in PyTorch
        }
        y[yo + o] = bestValue;
        argmax![yo + o] = xo + taps[best]!;
      } else {
        let s = 0;
        for (let t = lo; t < hi; t++) s += weights[t]! * x[xo + taps[t]!]!;
        y[yo + o] = s;
      }
    }
  }
}

/** dx = the map's transpose applied to dy (dx is overwritten). */
export function resampleBackward(map: PlaneMap, planes: number, dy: Float32Array, dx: Float32Array, argmax: Int32Array | null): void {
  const inSize = map.inH * map.inW;
  const outSize = map.outH * map.outW;
  const { start, taps, weights } = map;
  dx.fill(0, 0, planes * inSize);
  for (let p = 0; p < planes; p++) {
    const xo = p * inSize;
    const yo = p * outSize;
    for (let o = 0; o < outSize; o++) {
      const g = dy[yo + o]!;
      if (map.op === 'max') {
        const winner = argmax![yo + o]!;
        if (winner >= 0) dx[winner] = dx[winner]! + g;
        continue;
      }
      for (let t = start[o]!, hi = start[o + 1]!; t < hi; t++) {
        const i = xo + taps[t]!;
        dx[i] = dx[i]! + weights[t]! * g;
      }
    }
  }
}
