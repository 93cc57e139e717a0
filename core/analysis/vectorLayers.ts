/**
 * Analysis of the layers that work on vectors or change the layout: Dense/Linear,
 * Flatten and Reshape.
 *
 * Dense fed a feature map without Flatten — what ConvLab reports, and why:
 * - Keras applies Dense to the last axis, which for its channels-last images is the channel
 *   axis: Dense(10) on (26, 26, 32) gives (26, 26, 10), a 1×1 convolution with 32·10 + 10
 *   weights. The code runs, so this is a *warning* (almost always a forgotten Flatten), and
 *   analysis continues with that shape and count, as model.summary() would print them.
 * - PyTorch's nn.Linear also acts on the last axis, which in NCHW is the image's width:
 *   nn.Linear(9216, 128) on (64, 12, 12) fails unless in_features happens to equal the
 *   width. That is an *error*; the message says the flattened size that would fit. The
 *   output is unknown (it depends on how the learner fixes it).
 * Declared in_features that differ from a vector's size are an error too, but nn.Linear's
 * output is (out_features,) whatever the fix, so analysis continues with it.
 */
import type { DenseSpec, FlattenSpec, ReshapeSpec } from '../model/ir';
import { checkPositiveInts, formatValue, NO_PARAMS, trainableParams, UNKNOWN, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayProduct, displayShape, product } from './names';
import { PIXEL, throughWholeMap } from './receptiveField';

function denseParams(inFeatures: number, spec: DenseSpec): ReturnType<typeof trainableParams> {
  const formula = `${inFeatures}·${spec.units}${spec.useBias ? ` + ${spec.units}` : ''}`;
  return trainableParams(inFeatures * spec.units + (spec.useBias ? spec.units : 0), formula);
}

/** "1600 (64·5·5)" when the vector came from Flatten, else "1600". */
function featureCount(n: number, input: Flow, ctx: LayerContext): string {
  return input.flattenedFrom ? `${n} (${displayProduct(input.flattenedFrom, ctx.source)})` : `${n}`;
}

/** A Dense after Flatten sees every position of the map that was flattened. */
function denseField(input: Flow): Flow['rf'] {
  if (!input.rf) return null;
  const from = input.flattenedFrom;
  if (from && (from.length === 2 || from.length === 3)) return throughWholeMap(input.rf, from[from.length - 2]!, from[from.length - 1]!);
  return { ...input.rf, global: true };
}

export function dense(spec: DenseSpec, input: Flow, ctx: LayerContext): LayerResult {
  const valid = checkPositiveInts(ctx, spec.inFeatures === undefined ? { units: spec.units } : { units: spec.units, in_features: spec.inFeatures });
  const declared = valid ? spec.inFeatures : undefined;
  const unknownOut = (params: LayerResult['params']): LayerResult => ({ out: UNKNOWN, params, macs: null, outputSizeFormula: null, window: null, dropout: null });
  const shape = input.shape;
  if (shape === null) return unknownOut(valid && declared !== undefined ? denseParams(declared, spec) : null);
  if (!valid) return unknownOut(null);

  if (shape.length === 1) {
    const received = shape[0]!;
    if (declared !== undefined && declared !== received) {
      ctx.report('error', 'inFeaturesMismatch', `${ctx.type} expects ${declared} input features but receives ${featureCount(received, input, ctx)}`);
    }
    const inFeatures = declared ?? received; // what the framework allocates
    const out: Flow = { shape: [spec.units], rf: denseField(input), flattenedFrom: null, pristine: false };
    return { out, params: denseParams(inFeatures, spec), macs: inFeatures * spec.units, outputSizeFormula: null, window: null, dropout: null };
  }

  const flatSize = product(shape);
  const flatten = ctx.source === 'pytorch' ? 'torch.flatten(x, 1) or nn.Flatten()' : 'Flatten()';
  if (ctx.source === 'pytorch') {
    const last = shape[shape.length - 1]!;
    if (declared === undefined || declared !== last) {
      const expects = declared === undefined ? `${ctx.type} receives` : `${ctx.type} expects ${declared} input features but receives`;
      const fits = declared === undefined || declared === flatSize ? '' : `, so in_features should be ${flatSize}`;
      ctx.report('error', 'denseOnFeatureMap',
        `${expects} a feature map ${displayShape(shape, ctx.source)} without flattening: it acts on the last axis (${last}). Add ${flatten} before it: that gives ${flatSize} = ${displayProduct(shape, ctx.source)} features${fits}.`);
      return unknownOut(declared !== undefined ? denseParams(declared, spec) : null);
    }
    // Legal but almost never meant: a Linear across the image's width.
    ctx.report('warning', 'denseOnFeatureMap', `${ctx.type} is applied to the last axis (width ${last}) of the feature map ${displayShape(shape, ctx.source)}. To use the whole map, add ${flatten} and set in_features to ${flatSize}.`);
    const out: Flow = { shape: [...shape.slice(0, -1), spec.units], rf: null, flattenedFrom: null, pristine: false };
    return { out, params: denseParams(last, spec), macs: flatSize * spec.units, outputSizeFormula: null, window: null, dropout: null };
  }

  // Keras: the last axis in Keras' order, which for a [C, H, W] map is the channel axis.
  const axis = shape.length === 3 ? 0 : shape.length - 1;
  const features = shape[axis]!;
  if (declared !== undefined && declared !== features) {
    ctx.report('error', 'inFeaturesMismatch', `${ctx.type} expects ${declared} input features but receives ${features} (the last axis of ${displayShape(shape, ctx.source)})`);
  }
  const outShape = shape.map((dim, i) => (i === axis ? spec.units : dim));
  ctx.report('warning', 'denseOnFeatureMap',
    `${ctx.type} receives the feature map ${displayShape(shape, ctx.source)} without Flatten: Keras applies Dense to the last axis only (${features} features at each position), giving ${displayShape(outShape, ctx.source)}. To classify the whole input, add ${flatten} (or GlobalAveragePooling2D()) before it.`);
  const inFeatures = declared ?? features;
  // Acting on channels alone, Dense is a 1×1 convolution: it keeps each unit's field.
  const rf = shape.length === 3 ? input.rf : null;
  return { out: { shape: outShape, rf, flattenedFrom: null, pristine: false }, params: denseParams(inFeatures, spec), macs: (flatSize / features) * inFeatures * spec.units, outputSizeFormula: null, window: null, dropout: null };
}

export function flatten(_spec: FlattenSpec, input: Flow, ctx: LayerContext): LayerResult {
  const shape = input.shape;
  if (shape === null) return { out: UNKNOWN, params: NO_PARAMS, macs: null, outputSizeFormula: null, window: null, dropout: null };
  if (shape.length <= 1) return { out: input, params: NO_PARAMS, macs: 0, outputSizeFormula: null, window: null, dropout: null };
  const n = product(shape);
  // Each value of the vector is still one unit of the map: the field is unchanged.
  const out: Flow = { shape: [n], rf: input.rf, flattenedFrom: shape, pristine: input.pristine };
  return { out, params: NO_PARAMS, macs: 0, outputSizeFormula: `${displayProduct(shape, ctx.source)} = ${n}`, window: null, dropout: null };
}

export function reshape(spec: ReshapeSpec, input: Flow, ctx: LayerContext): LayerResult {
  const unknown: LayerResult = { out: UNKNOWN, params: NO_PARAMS, macs: null, outputSizeFormula: null, window: null, dropout: null };
  const target = spec.targetShape;
  const inferred = target.filter((d) => d === -1).length;
  const fixed = target.filter((d) => d !== -1);
  if (inferred > 1 || !fixed.every((d) => Number.isInteger(d) && d > 0) || target.length === 0) {
    ctx.report('error', 'invalidSetting', `${ctx.type}: the target shape ${formatValue(target)} must hold positive integers and at most one −1.`);
    return unknown;
  }
  const shape = input.shape;
  if (shape === null) return unknown;
  const size = product(shape);
  const known = product(fixed);
  if (inferred === 1 ? size % known !== 0 : size !== known) {
    const needs = inferred === 1 ? `a multiple of ${known}` : `${known}`;
    ctx.report('error', 'reshapeMismatch', `${ctx.type} to ${formatValue(target)} needs ${needs} values but receives ${size} ${displayShape(shape, ctx.source)}.`);
    return unknown;
  }
  const outShape = target.map((d) => (d === -1 ? size / known : d));
  if (outShape.some((d) => d <= 0)) {
    ctx.report('error', 'nonPositiveOutput', `${ctx.type} to ${formatValue(target)} gives an empty shape ${formatValue(outShape)}.`);
    return unknown;
  }
  // Only an untouched input (each unit one pixel) keeps a meaningful field through a reshape.
  const rf = input.pristine && (outShape.length === 2 || outShape.length === 3) ? { rows: PIXEL, cols: PIXEL, global: false } : null;
  return { out: { shape: outShape, rf, flattenedFrom: null, pristine: input.pristine }, params: NO_PARAMS, macs: 0, outputSizeFormula: null, window: null, dropout: null };
}
