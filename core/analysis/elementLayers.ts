/**
 * Analysis of the layers that keep their input's shape: dropout, activations and batch
 * normalisation.
 *
 * Dropout: the lecture's p is the keep probability; Keras' rate and PyTorch's p are drop
 * rates, so keepProb = 1 − rate. A rate of 1 keeps nothing (and inverted dropout would
 * divide by a keep probability of 0), so only [0, 1) is accepted. One mask covers every
 * unit, or every channel for SpatialDropout2D / nn.Dropout2d: 2^units masks in all.
 *
 * Batch norm, counted as Keras counts it: γ and β are trainable, the moving mean and
 * variance are non-trainable weights — 4·C in all (PyTorch keeps the moving statistics as
 * buffers, which torchinfo leaves out; ConvLab follows Keras for both, and says so).
 */
import type { ActivationSpec, BatchNormSpec, DropoutSpec, IdentitySpec, NormalizationSpec, PReLUSpec } from '../model/ir';
import { keepProbability } from '../model/ir';
import { checkPositiveInts, passThrough, trainableParams, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape, frameworkOrder, product } from './names';
import type { ParamCount } from './types';

export function dropout(spec: DropoutSpec, input: Flow, ctx: LayerContext): LayerResult {
  const { rate, granularity } = spec;
  if (!(rate >= 0 && rate < 1)) {
    const why = rate === 1 ? ': a rate of 1 drops every unit (keep probability 0)' : '';
    ctx.report('error', 'invalidSetting', `${ctx.type}: the drop rate must be in [0, 1), got ${rate}${why}.`);
  }
  const shape = input.shape;
  let maskedUnits: number | null = null;
  if (shape !== null) {
    if (granularity === 'element') maskedUnits = product(shape);
    else if (shape.length === 3) maskedUnits = shape[0]!;
    else ctx.report('error', 'rankMismatch', `${ctx.type} drops whole feature maps and expects (height, width, channels) but receives ${displayShape(shape, ctx.source)}.`);
  }
  // The shape never changes, so analysis continues even past a bad rate.
  return passThrough(input, { dropout: { rate, keepProb: keepProbability(rate), maskedUnits, granularity } });
}

export function activation(_spec: ActivationSpec, input: Flow): LayerResult {
  return passThrough(input);
}

/**
 * The axis batch norm normalises per feature: the channels of a [C, H, W] map, the
 * features of a vector; for a rank-2 tensor, Keras' last axis or PyTorch's BatchNorm1d
 * channel axis (N, C, L).
 */
function featureAxis(rank: number, ctx: LayerContext): number {
  if (rank === 3 || rank === 1) return 0;
  return ctx.source === 'pytorch' ? 0 : rank - 1;
}

export function batchNorm(spec: BatchNormSpec, input: Flow, ctx: LayerContext): LayerResult {
  if (!(spec.momentum >= 0 && spec.momentum <= 1)) {
    ctx.report('error', 'invalidSetting', `${ctx.type}: momentum must be in [0, 1], got ${spec.momentum}.`);
  }
  if (!(spec.epsilon > 0)) ctx.report('error', 'invalidSetting', `${ctx.type}: epsilon must be positive, got ${spec.epsilon}.`);
  const declaredOk = spec.numFeatures === undefined || checkPositiveInts(ctx, { num_features: spec.numFeatures });
  const shape = input.shape;
  const received = shape === null ? null : shape[featureAxis(shape.length, ctx)]!;
  if (declaredOk && spec.numFeatures !== undefined && received !== null && received !== spec.numFeatures) {
    ctx.report('error', 'numFeaturesMismatch', `${ctx.type} expects ${spec.numFeatures} features (channels) but receives ${received} (input ${displayShape(shape, ctx.source)})`);
  }
  const c = (declaredOk ? spec.numFeatures : undefined) ?? received;
  // Keras counts the moving mean and variance as non-trainable weights; PyTorch keeps them
  // as buffers, which model.parameters() (and so every PyTorch count) leaves out.
  const learned = (spec.scale === false ? 0 : 1) + (spec.center === false ? 0 : 1);
  const names = [spec.scale === false ? '' : 'γ', spec.center === false ? '' : 'β'].filter(Boolean).join(', ');
  const params = c === null ? null : ctx.source === 'pytorch'
    ? { trainable: learned * c, nonTrainable: 0, total: learned * c, formula: `${learned}·${c} (${names || 'no affine'}) = ${learned * c}; the running mean and variance are buffers, not parameters` }
    : { trainable: learned * c, nonTrainable: 2 * c, total: (learned + 2) * c, formula: `${learned > 0 ? `${learned}·${c} (${names}) + ` : ''}2·${c} (moving mean and variance, non-trainable) = ${(learned + 2) * c}` };
  // At inference batch norm folds into one scale and shift per element.
  return passThrough(input, { params, macs: shape === null ? null : product(shape) });
}

/**
 * Instance, group and layer normalisation: per example, so no moving statistics (except
 * InstanceNorm2d(track_running_stats=True)); γ and β as PyTorch and Keras allocate them:
 *   instance  affine → 2·C (PyTorch's default affine=False: none)
 *   group     2·C, and C must divide into the groups
 *   layer     PyTorch: 2·∏normalized_shape (its trailing axes); Keras: 2 × the last axis
 */
export function normalization(spec: NormalizationSpec, input: Flow, ctx: LayerContext): LayerResult {
  if (!(spec.epsilon > 0)) ctx.report('error', 'invalidSetting', `${ctx.type}: eps must be positive, got ${spec.epsilon}.`);
  const shape = input.shape;
  const macs = shape === null ? null : product(shape);
  let params: ParamCount | null;
  if (spec.variant === 'layer') {
    params = layerNormParams(spec, shape, ctx);
  } else {
    const received = shape === null ? null : shape[0]!;
    if (spec.numChannels !== undefined && received !== null && received !== spec.numChannels && (spec.affine || spec.variant === 'group')) {
      ctx.report('error', 'numFeaturesMismatch', `${ctx.type} expects ${spec.numChannels} channels but receives ${received} (input ${displayShape(shape, ctx.source)})`);
    }
    const c = spec.numChannels ?? received;
    if (spec.variant === 'group' && spec.groups !== undefined && c !== null && checkPositiveInts(ctx, { num_groups: spec.groups }) && c % spec.groups !== 0) {
      ctx.report('error', 'invalidSetting', `${ctx.type}: the ${c} channels must divide into ${spec.groups} groups.`);
    }
    const running = spec.variant === 'instance' && spec.trackRunningStats === true;
    if (c === null) params = spec.affine || running ? null : { trainable: 0, nonTrainable: 0, total: 0, formula: null };
    else {
      const trainable = spec.affine ? 2 * c : 0;
      // track_running_stats keeps buffers in PyTorch, not parameters (see batchNorm).
      const nonTrainable = running && ctx.source !== 'pytorch' ? 2 * c : 0;
      const parts = [spec.affine ? `2·${c} (γ, β)` : '', nonTrainable > 0 ? `2·${c} (running mean and variance, non-trainable)` : ''].filter(Boolean);
      params = { trainable, nonTrainable, total: trainable + nonTrainable, formula: parts.length > 0 ? `${parts.join(' + ')} = ${trainable + nonTrainable}` : null };
    }
  }
  return passThrough(input, { params, macs });
}

function layerNormParams(spec: NormalizationSpec, shape: readonly number[] | null, ctx: LayerContext): ParamCount | null {
  let axes: readonly number[] | null;
  if (spec.normalizedShape !== undefined) {
    axes = spec.normalizedShape;
    // PyTorch's layout is the core's, so normalized_shape must be the input's trailing axes.
    if (shape !== null && (axes.length > shape.length || axes.some((d, i) => d !== shape[shape.length - axes!.length + i]))) {
      ctx.report('error', 'numFeaturesMismatch', `${ctx.type}: normalized_shape (${axes.join(', ')}) must match the last axes of its input ${displayShape(shape, ctx.source)}.`);
    }
  } else {
    const dims = shape === null ? null : frameworkOrder(shape, ctx.source);
    axes = dims === null ? (spec.numChannels !== undefined ? [spec.numChannels] : null) : [dims[dims.length - 1]!];
  }
  if (axes === null) return null;
  if (!spec.affine) return { trainable: 0, nonTrainable: 0, total: 0, formula: null };
  const n = product(axes);
  return trainableParams(2 * n, `2·${axes.join('·')} (γ, β)`);
}

/**
 * PReLU's learned slopes, one per position not shared: Keras by default learns one for
 * every element of (H, W, C); shared_axes=[1, 2] or nn.PReLU(num_parameters=C) one per
 * channel; nn.PReLU() one in all.
 */
export function prelu(spec: PReLUSpec, input: Flow): LayerResult {
  const shape = input.shape;
  if (spec.sharedAxes === 'all') return passThrough(input, { params: trainableParams(1, '1 slope'), macs: shape && product(shape) });
  if (shape === null) return passThrough(input, { params: null, macs: null });
  const shared = spec.sharedAxes;
  const kept = shape.filter((_, axis) => !shared.includes(axis));
  const n = product(kept);
  return passThrough(input, { params: trainableParams(n, `${kept.join('·') || '1'} slopes`), macs: product(shape) });
}

/**
 * Layers that pass their input on at test time: preprocessing (Rescaling), augmentation
 * (RandomFlip, active only in training), nn.Identity. Keras' Normalization keeps its
 * adapted mean and variance per feature of the last axis, and the sample count, as
 * non-trainable weights: 2·C + 1.
 */
export function identity(spec: IdentitySpec, input: Flow, ctx: LayerContext): LayerResult {
  if (!spec.statefulNormalization) return passThrough(input);
  const shape = input.shape;
  if (shape === null) return passThrough(input, { params: null, macs: null });
  const dims = frameworkOrder(shape, ctx.source);
  const c = dims[dims.length - 1]!;
  const params: ParamCount = { trainable: 0, nonTrainable: 2 * c + 1, total: 2 * c + 1, formula: `2·${c} (mean, variance) + 1 (count), non-trainable = ${2 * c + 1}` };
  return passThrough(input, { params, macs: product(shape) });
}
