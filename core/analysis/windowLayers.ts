/**
 * Analysis of the layers that slide a window over a feature map: convolution, pooling,
 * the locally connected layer, and global average pooling (a window as large as the map).
 *
 * Parameter counts, as Keras and PyTorch report them:
 *   Conv2D              kh·kw·(C/groups)·F + F                (one kernel shared by all positions)
 *   LocallyConnected2D  oh·ow·(kh·kw·C·F) + oh·ow·F           (its own kernel at every position:
 *                                                              the lecture's contrast to sharing)
 * Multiply-adds: every output value is one dot product of the kernel with a window.
 */
import type { AdaptivePool2DSpec, Conv2DSpec, GlobalAvgPool2DSpec, LocallyConnected2DSpec, Padding, Pair, Pool2DSpec } from '../model/ir';
import { checkPositiveInts, formatValue, NO_PARAMS, trainableParams, UNKNOWN, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape, hw } from './names';
import { throughWholeMap, throughWindows } from './receptiveField';
import type { AxisWindow } from './types';
import { axisFormula, extent, resolveAxis, windowFormula, windowTooLarge } from './window';

export interface Windows {
  readonly rows: AxisWindow;
  readonly cols: AxisWindow;
}

/** The input's channels, or null (reported) when it is not a [C, H, W] map. */
export function featureMap(input: Flow, ctx: LayerContext): readonly [number, number, number] | null {
  const s = input.shape;
  if (s === null) return null;
  if (s.length !== 3) {
    ctx.report('error', 'rankMismatch', `${ctx.type} expects a feature map (height, width, channels) but receives ${displayShape(s, ctx.source)}${s.length === 1 ? ': a vector, as after Flatten or Dense' : ''}.`);
    return null;
  }
  return [s[0]!, s[1]!, s[2]!];
}

export function checkPadding(ctx: LayerContext, padding: Padding): boolean {
  if (typeof padding === 'string' || padding.every((p) => Number.isInteger(p) && p >= 0)) return true;
  ctx.report('error', 'invalidSetting', `${ctx.type}: padding must be 'valid', 'same' or non-negative integers, got ${formatValue(padding)}.`);
  return false;
}

/**
 * Resolves both axes and reports a window that reaches past its padded input: no output
 * position exists, and the formula says by how much (its result is ≤ 0).
 */
export function slide(ctx: LayerContext, what: string, h: number, w: number, k: Pair, s: Pair, d: Pair, padding: Padding, ceil = false): Windows | null {
  const rows = resolveAxis(h, k[0], s[0], d[0], padding, 0, ceil);
  const cols = resolveAxis(w, k[1], s[1], d[1], padding, 1, ceil);
  const tooLarge = [rows, cols].filter(windowTooLarge);
  if (tooLarge.length > 0) {
    const dilated = d[0] > 1 || d[1] > 1 ? ` (dilation ${formatValue(d)} spreads it over ${hw(extent(rows), extent(cols))})` : '';
    const padded = hw(h + rows.padBefore + rows.padAfter, w + cols.padBefore + cols.padAfter);
    const sums = [...new Set(tooLarge.map(axisFormula))].join('; ');
    ctx.report('error', 'kernelLargerThanInput',
      `The ${hw(k[0], k[1])} ${what}${dilated} is larger than its input ${hw(h, w)} (${padded} with padding): the output size would be ${sums}.`);
    return null;
  }
  if (rows.outSize <= 0 || cols.outSize <= 0) {
    ctx.report('error', 'nonPositiveOutput', `${ctx.type} gives an output of ${hw(rows.outSize, cols.outSize)}: ${windowFormula(rows, cols)}.`);
    return null;
  }
  return { rows, cols };
}

export function spatialOut(input: Flow, channels: number, win: Windows): Flow {
  return { shape: [channels, win.rows.outSize, win.cols.outSize], rf: input.rf && throughWindows(input.rf, win.rows, win.cols), flattenedFrom: null, pristine: false };
}

export function conv2d(spec: Conv2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { filters, kernelSize: k, strides: s, dilation: d, groups } = spec;
  const valid = checkPositiveInts(ctx, { filters, kernel_size: k, strides: s, dilation_rate: d, groups }) && checkPadding(ctx, spec.padding);
  if (valid && ctx.source === 'keras' && Math.max(...s) > 1 && Math.max(...d) > 1) {
    ctx.report('error', 'invalidSetting', `Conv2D: Keras does not support strides > 1 together with dilation_rate > 1 (strides=${formatValue(s)}, dilation_rate=${formatValue(d)}).`);
  }
  if (valid && ctx.source === 'pytorch' && spec.padding === 'same' && Math.max(...s) > 1) {
    ctx.report('error', 'invalidSetting', `nn.Conv2d: padding='same' is not supported for strided convolutions (stride=${formatValue(s)}).`);
  }
  if (valid && filters % groups !== 0) {
    ctx.report('error', 'invalidSetting', `${ctx.type}: ${ctx.source === 'pytorch' ? 'out_channels' : 'filters'} (${filters}) must be divisible by groups (${groups}).`);
  }
  const map = featureMap(input, ctx);
  const received = map ? map[0] : null;
  if (spec.inChannels !== undefined && received !== null && spec.inChannels !== received) {
    ctx.report('error', 'inChannelsMismatch', `${ctx.type} expects ${spec.inChannels} input channels but receives ${received} (input ${displayShape(input.shape, ctx.source)})`);
  }
  // PyTorch allocates the kernel for the channels written in the code, so count those.
  const channels = spec.inChannels ?? received;
  let params = null;
  if (valid && channels !== null) {
    if (channels % groups !== 0) {
      ctx.report('error', 'invalidSetting', `${ctx.type}: the ${channels} input channels must be divisible by groups (${groups}).`);
    } else {
      const perGroup = groups === 1 ? `${channels}` : `(${channels}/${groups})`;
      const weights = k[0] * k[1] * (channels / groups) * filters;
      const formula = `${k[0]}·${k[1]}·${perGroup}·${filters}${spec.useBias ? ` + ${filters}` : ''}`;
      params = trainableParams(weights + (spec.useBias ? filters : 0), formula);
    }
  }
  const win = valid && map ? slide(ctx, 'kernel', map[1], map[2], k, s, d, spec.padding) : null;
  if (!win) return { out: UNKNOWN, params, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const out = spatialOut(input, filters, win);
  const macs = channels === null ? null : win.rows.outSize * win.cols.outSize * filters * k[0] * k[1] * Math.floor(channels / groups);
  return { out, params, macs, outputSizeFormula: windowFormula(win.rows, win.cols), window: win, dropout: null };
}

export function pool2d(spec: Pool2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { poolSize: k, strides: s, padding } = spec;
  const valid = checkPositiveInts(ctx, { pool_size: k, strides: s }) && checkPadding(ctx, padding);
  if (valid && Array.isArray(padding) && padding.some((p: number, axis: number) => p > Math.floor(k[axis]! / 2))) {
    // PyTorch refuses this: a window could then lie entirely in the padding.
    ctx.report('error', 'invalidSetting', `${ctx.type}: padding ${formatValue(padding)} must be at most half of the pool size ${formatValue(k)}.`);
  }
  const map = featureMap(input, ctx);
  const win = valid && map ? slide(ctx, 'pool window', map[1], map[2], k, s, [1, 1], padding, spec.ceilMode === true && padding !== 'same') : null;
  if (!map || !win) return { out: UNKNOWN, params: NO_PARAMS, macs: null, outputSizeFormula: null, window: null, dropout: null };
  return { out: spatialOut(input, map[0], win), params: NO_PARAMS, macs: 0, outputSizeFormula: windowFormula(win.rows, win.cols), window: win, dropout: null };
}

export function locallyConnected2d(spec: LocallyConnected2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { filters, kernelSize: k, strides: s } = spec;
  const valid = checkPositiveInts(ctx, { filters, kernel_size: k, strides: s });
  const map = featureMap(input, ctx);
  // Keras' LocallyConnected2D supports only 'valid' padding.
  const win = valid && map ? slide(ctx, 'kernel', map[1], map[2], k, s, [1, 1], 'valid') : null;
  if (!map || !win) return { out: UNKNOWN, params: null, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const positions = win.rows.outSize * win.cols.outSize;
  const perPosition = k[0] * k[1] * map[0] * filters;
  const pos = `${win.rows.outSize}·${win.cols.outSize}`;
  const formula = `${pos}·(${k[0]}·${k[1]}·${map[0]}·${filters})${spec.useBias ? ` + ${pos}·${filters}` : ''}`;
  const params = trainableParams(positions * perPosition + (spec.useBias ? positions * filters : 0), formula);
  return { out: spatialOut(input, filters, win), params, macs: positions * perPosition, outputSizeFormula: windowFormula(win.rows, win.cols), window: win, dropout: null };
}

export function globalAvgPool2d(spec: GlobalAvgPool2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const map = featureMap(input, ctx);
  if (!map) return { out: UNKNOWN, params: NO_PARAMS, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const [c, h, w] = map;
  const out: Flow = { shape: spec.keepDims ? [c, 1, 1] : [c], rf: input.rf && throughWholeMap(input.rf, h, w), flattenedFrom: null, pristine: false };
  const op = spec.kind === 'globalMaxPool2d' ? 'maximum' : 'mean';
  return { out, params: NO_PARAMS, macs: 0, outputSizeFormula: `the ${op} over each ${hw(h, w)} map: ${c} values`, window: null, dropout: null };
}

/**
 * AdaptiveAvgPool2d / AdaptiveMaxPool2d to [oh, ow]: output row i pools input rows
 * ⌊i·H/oh⌋ … ⌈(i+1)·H/oh⌉ − 1, so the windows differ in size unless oh divides H. When it
 * does, this is a pool of H/oh with the same stride, and the receptive field follows;
 * otherwise the field is left unknown rather than guessed.
 */
export function adaptivePool2d(spec: AdaptivePool2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const valid = checkPositiveInts(ctx, { output_size: spec.outputSize });
  const map = featureMap(input, ctx);
  if (!map || !valid) return { out: UNKNOWN, params: NO_PARAMS, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const [c, h, w] = map;
  const [oh, ow] = spec.outputSize;
  const exact = h % oh === 0 && w % ow === 0;
  const rows = exact ? resolveAxis(h, h / oh, h / oh, 1, 'valid', 0) : null;
  const cols = exact ? resolveAxis(w, w / ow, w / ow, 1, 'valid', 1) : null;
  const rf = rows && cols && input.rf ? throughWindows(input.rf, rows, cols) : null;
  const formula = exact
    ? `fixed output ${hw(oh, ow)}: windows of ${hw(h / oh, w / ow)} with stride ${hw(h / oh, w / ow)}`
    : `fixed output ${hw(oh, ow)} from ${hw(h, w)}: windows of about ${hw(Math.ceil(h / oh), Math.ceil(w / ow))}`;
  return { out: { shape: [c, oh, ow], rf, flattenedFrom: null, pristine: false }, params: NO_PARAMS, macs: 0, outputSizeFormula: formula, window: rows && cols ? { rows, cols } : null, dropout: null };
}
