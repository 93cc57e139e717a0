/**
 * Analysis of the layers that change a map's height and width without a sliding window of
 * weights over it, or that undo one: transposed convolution, upsampling, padding, cropping
 * and resizing — the decoder half of U-Nets, autoencoders and GAN generators.
 *
 * Receptive fields: a transposed convolution or an upsampling maps output units to inputs
 * by a step function, not by the linear "start + u·jump" of the recurrence, so their field
 * is left unknown (the views say so) instead of approximated. Padding and cropping only
 * move the field's origin, which is exact.
 */
import type { Conv2DTransposeSpec, Cropping2DSpec, Padding2DSpec, ResizeSpec, UpSampling2DSpec } from '../model/ir';
import { checkPositiveInts, formatValue, NO_PARAMS, trainableParams, UNKNOWN, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape, hw } from './names';
import type { ReceptiveField } from './types';
import { featureMap } from './windowLayers';

const unknown = (params: LayerResult['params']): LayerResult => ({ out: UNKNOWN, params, macs: null, outputSizeFormula: null, window: null, dropout: null });

function mapOut(shape: readonly number[], rf: ReceptiveField | null): Flow {
  return { shape, rf, flattenedFrom: null, pristine: false };
}

/** A field whose origin moves by `rows`, `cols` input steps (negative: padding added before). */
function shifted(rf: ReceptiveField | null, rows: number, cols: number): ReceptiveField | null {
  if (!rf) return null;
  return { rows: { ...rf.rows, start: rf.rows.start + rows * rf.rows.jump }, cols: { ...rf.cols, start: rf.cols.start + cols * rf.cols.jump }, global: rf.global };
}

/**
 * One axis of a transposed convolution, with the formula filled in:
 *   PyTorch, padding p:                 (n − 1)·s − 2p + d·(k − 1) + output_padding + 1
 *   Keras 'valid', no output_padding:   n·s + max(d·(k − 1) + 1 − s, 0)
 *   Keras 'same',  no output_padding:   n·s
 *   Keras with output_padding:          (n − 1)·s + d·(k − 1) + 1 − 2·pad + output_padding,
 *                                       pad = 0 ('valid') or ⌊(d·(k − 1) + 1) / 2⌋ ('same')
 * Keras' output_padding=None is written [0, 0] in the IR (an explicit 0 differs from None
 * only when the kernel is smaller than the stride).
 */
export function transposedAxis(n: number, k: number, s: number, d: number, spec: Conv2DTransposeSpec, axis: 0 | 1): [number, string] {
  const kd = d * (k - 1) + 1;
  const op = spec.outputPadding[axis];
  const padding = spec.padding;
  if (Array.isArray(padding)) {
    const p = padding[axis]!;
    const out = (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
    return [out, `(${n} − 1)·${s} − 2·${p} + ${d}·(${k} − 1) + ${op} + 1 = ${out}`];
  }
  if (op === 0) {
    if (padding === 'same') return [n * s, `${n}·${s} = ${n * s} (same padding)`];
    const out = n * s + Math.max(kd - s, 0);
    return [out, `${n}·${s} + max(${kd} − ${s}, 0) = ${out}`];
  }
  const pad = padding === 'same' ? Math.floor(kd / 2) : 0;
  const out = (n - 1) * s + kd - 2 * pad + op;
  return [out, `(${n} − 1)·${s} + ${kd} − 2·${pad} + ${op} = ${out}`];
}

export function conv2dTranspose(spec: Conv2DTransposeSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { filters, kernelSize: k, strides: s, dilation: d, groups } = spec;
  const valid = checkPositiveInts(ctx, { filters, kernel_size: k, strides: s, dilation: d, groups });
  const map = featureMap(input, ctx);
  const received = map ? map[0] : null;
  if (spec.inChannels !== undefined && received !== null && spec.inChannels !== received) {
    ctx.report('error', 'inChannelsMismatch', `${ctx.type} expects ${spec.inChannels} input channels but receives ${received} (input ${displayShape(input.shape, ctx.source)})`);
  }
  const c = spec.inChannels ?? received;
  let params = null;
  if (valid && c !== null) {
    if (c % groups !== 0 || filters % groups !== 0) {
      ctx.report('error', 'invalidSetting', `${ctx.type}: in_channels (${c}) and out_channels (${filters}) must both be divisible by groups (${groups}).`);
    } else {
      const perGroup = groups === 1 ? `${c}` : `(${c}/${groups})`;
      params = trainableParams(k[0] * k[1] * (c / groups) * filters + (spec.useBias ? filters : 0), `${k[0]}·${k[1]}·${perGroup}·${filters}${spec.useBias ? ` + ${filters}` : ''}`);
    }
  }
  if (!valid || !map || c === null) return unknown(params);
  const [oh, rowsFormula] = transposedAxis(map[1], k[0], s[0], d[0], spec, 0);
  const [ow, colsFormula] = transposedAxis(map[2], k[1], s[1], d[1], spec, 1);
  if (oh <= 0 || ow <= 0) {
    ctx.report('error', 'nonPositiveOutput', `${ctx.type} gives an output of ${hw(oh, ow)}: ${rowsFormula}; ${colsFormula}.`);
    return unknown(params);
  }
  // Every input value scatters one k×k kernel per output channel.
  const macs = map[1] * map[2] * (c / groups) * filters * k[0] * k[1];
  const formula = rowsFormula === colsFormula ? rowsFormula : `rows: ${rowsFormula}; cols: ${colsFormula}`;
  return { out: mapOut([filters, oh, ow], null), params, macs, outputSizeFormula: formula, window: null, dropout: null };
}

export function upSampling2d(spec: UpSampling2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const map = featureMap(input, ctx);
  if (!map) return unknown(NO_PARAMS);
  const [c, h, w] = map;
  if (spec.size) {
    if (!checkPositiveInts(ctx, { size: spec.size })) return unknown(NO_PARAMS);
    return { out: mapOut([c, spec.size[0], spec.size[1]], null), params: NO_PARAMS, macs: 0, outputSizeFormula: `fixed size ${hw(spec.size[0], spec.size[1])}`, window: null, dropout: null };
  }
  const [sh, sw] = spec.scale ?? [2, 2];
  if (!(sh > 0 && sw > 0)) {
    ctx.report('error', 'invalidSetting', `${ctx.type}: the scale factor must be positive, got ${formatValue([sh, sw])}.`);
    return unknown(NO_PARAMS);
  }
  // PyTorch floors a fractional scale's product; Keras takes integer factors only.
  const oh = Math.floor(h * sh);
  const ow = Math.floor(w * sw);
  return { out: mapOut([c, oh, ow], null), params: NO_PARAMS, macs: 0, outputSizeFormula: `${h}·${sh} = ${oh}${h === w && sh === sw ? '' : `; ${w}·${sw} = ${ow}`} (${spec.interpolation})`, window: null, dropout: null };
}

export function padding2d(spec: Padding2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const [t, b, l, r] = spec.padding;
  if (!spec.padding.every((p) => Number.isInteger(p) && p >= 0)) {
    ctx.report('error', 'invalidSetting', `${ctx.type}: padding must be non-negative integers, got ${formatValue(spec.padding)}.`);
    return unknown(NO_PARAMS);
  }
  const map = featureMap(input, ctx);
  if (!map) return unknown(NO_PARAMS);
  const [c, h, w] = map;
  if (spec.mode === 'reflect' && (Math.max(t, b) >= h || Math.max(l, r) >= w)) {
    // Reflection mirrors the map without its edge row, so it needs more rows than it adds.
    ctx.report('error', 'invalidSetting', `${ctx.type}: reflection padding ${formatValue(spec.padding)} must be smaller than the input ${hw(h, w)}.`);
  }
  const oh = h + t + b;
  const ow = w + l + r;
  return { out: mapOut([c, oh, ow], shifted(input.rf, -t, -l)), params: NO_PARAMS, macs: 0, outputSizeFormula: `${h} + ${t} + ${b} = ${oh}; ${w} + ${l} + ${r} = ${ow}`, window: null, dropout: null };
}

export function cropping2d(spec: Cropping2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const [t, b, l, r] = spec.cropping;
  const map = featureMap(input, ctx);
  if (!map) return unknown(NO_PARAMS);
  const [c, h, w] = map;
  const oh = h - t - b;
  const ow = w - l - r;
  if (oh <= 0 || ow <= 0) {
    ctx.report('error', 'nonPositiveOutput', `${ctx.type} crops ${formatValue(spec.cropping)} from ${hw(h, w)}, leaving ${hw(oh, ow)}.`);
    return unknown(NO_PARAMS);
  }
  return { out: mapOut([c, oh, ow], shifted(input.rf, t, l)), params: NO_PARAMS, macs: 0, outputSizeFormula: `${h} − ${t} − ${b} = ${oh}; ${w} − ${l} − ${r} = ${ow}`, window: null, dropout: null };
}

export function resize(spec: ResizeSpec, input: Flow, ctx: LayerContext): LayerResult {
  if (!checkPositiveInts(ctx, { height: spec.height, width: spec.width })) return unknown(NO_PARAMS);
  const map = featureMap(input, ctx);
  if (!map) return unknown(NO_PARAMS);
  const [c, h, w] = map;
  const crops = spec.method === 'centerCrop' && h >= spec.height && w >= spec.width;
  // A centre crop only moves the origin (Keras' offset ⌊(H − h) / 2⌋); a resize rescales.
  const rf = crops ? shifted(input.rf, Math.floor((h - spec.height) / 2), Math.floor((w - spec.width) / 2)) : null;
  return { out: mapOut([c, spec.height, spec.width], rf), params: NO_PARAMS, macs: 0, outputSizeFormula: `${hw(h, w)} → ${hw(spec.height, spec.width)}`, window: null, dropout: null };
}
