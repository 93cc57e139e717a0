/**
 * Analysis of the factorised convolutions of MobileNet and Xception, as Keras counts them:
 *   DepthwiseConv2D   kh·kw·C·m (+ C·m)              one k×k kernel per channel and multiplier
 *   SeparableConv2D   kh·kw·C·m + C·m·F (+ F)        that, then a 1×1 convolution to F maps
 * against kh·kw·C·F (+ F) for the full convolution they replace: the lecture's parameter
 * sharing taken one step further. PyTorch writes the depthwise step as
 * nn.Conv2d(C, C·m, k, groups=C), which is a conv2d with groups here.
 */
import type { DepthwiseConv2DSpec, SeparableConv2DSpec } from '../model/ir';
import { checkPositiveInts, trainableParams, UNKNOWN, type LayerContext, type LayerResult, type Flow } from './flow';
import { windowFormula } from './window';
import { checkPadding, featureMap, slide, spatialOut } from './windowLayers';

export function depthwiseConv2d(spec: DepthwiseConv2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { depthMultiplier: m, kernelSize: k, strides: s, dilation: d } = spec;
  const valid = checkPositiveInts(ctx, { depth_multiplier: m, kernel_size: k, strides: s, dilation_rate: d }) && checkPadding(ctx, spec.padding);
  const map = featureMap(input, ctx);
  const c = map ? map[0] : null;
  const params = valid && c !== null
    ? trainableParams(k[0] * k[1] * c * m + (spec.useBias ? c * m : 0), `${k[0]}·${k[1]}·${c}·${m}${spec.useBias ? ` + ${c}·${m}` : ''}`)
    : null;
  const win = valid && map ? slide(ctx, 'kernel', map[1], map[2], k, s, d, spec.padding) : null;
  if (!win || c === null) return { out: UNKNOWN, params, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const macs = win.rows.outSize * win.cols.outSize * c * m * k[0] * k[1];
  return { out: spatialOut(input, c * m, win), params, macs, outputSizeFormula: windowFormula(win.rows, win.cols), window: win, dropout: null };
}

export function separableConv2d(spec: SeparableConv2DSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { filters: f, depthMultiplier: m, kernelSize: k, strides: s, dilation: d } = spec;
  const valid = checkPositiveInts(ctx, { filters: f, depth_multiplier: m, kernel_size: k, strides: s, dilation_rate: d }) && checkPadding(ctx, spec.padding);
  const map = featureMap(input, ctx);
  const c = map ? map[0] : null;
  const params = valid && c !== null
    ? trainableParams(k[0] * k[1] * c * m + c * m * f + (spec.useBias ? f : 0), `${k[0]}·${k[1]}·${c}·${m} + ${c}·${m}·${f}${spec.useBias ? ` + ${f}` : ''}`)
    : null;
  const win = valid && map ? slide(ctx, 'kernel', map[1], map[2], k, s, d, spec.padding) : null;
  if (!win || c === null) return { out: UNKNOWN, params, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const positions = win.rows.outSize * win.cols.outSize;
  const macs = positions * (c * m * k[0] * k[1] + c * m * f);
  return { out: spatialOut(input, f, win), params, macs, outputSizeFormula: windowFormula(win.rows, win.cols), window: win, dropout: null };
}

