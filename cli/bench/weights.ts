/**
 * Initial weights and layout conversions for the benchmark's systems: Glorot-uniform
 * (Keras' default) from ConvLab's seeded generator, so that every system starts from
 * weights of the same distribution, and the NCHW ↔ NHWC moves between ConvLab and tfjs.
 */
import type { Random } from '../../core/random';

/** `count` weights uniform in ±√(6 / (fanIn + fanOut)) (Glorot and Bengio, 2010). */
export function glorotUniform(rng: Random, count: number, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(count);
  for (let i = 0; i < count; i++) w[i] = rng.uniform(-limit, limit);
  return w;
}

/**
 * OIHW [out, in, kh, kw] (ConvLab, PyTorch) to HWIO [kh, kw, in, out] (TensorFlow): the
 * same filters in the layout the other library expects.
 */
export function oihwToHwio(w: Float32Array, out: number, inC: number, kh: number, kw: number): Float32Array {
  const r = new Float32Array(w.length);
  for (let o = 0; o < out; o++)
    for (let c = 0; c < inC; c++)
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) r[((i * kw + j) * inC + c) * out + o] = w[((o * inC + c) * kh + i) * kw + j]!;
  return r;
}

/** NCHW [c, h, w] of one image to HWC (NHWC without the batch). */
export function chwToHwc(x: Float32Array, c: number, h: number, w: number): Float32Array {
  const r = new Float32Array(x.length);
  for (let k = 0; k < c; k++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) r[(i * w + j) * c + k] = x[(k * h + i) * w + j]!;
  return r;
}
