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
import type { ActivationSpec, BatchNormSpec, DropoutSpec } from '../model/ir';
import { keepProbability } from '../model/ir';
import { checkPositiveInts, passThrough, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape, product } from './names';

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
  const params = c === null ? null : {
    trainable: 2 * c,
    nonTrainable: 2 * c,
    total: 4 * c,
    formula: `2·${c} (γ, β) + 2·${c} (moving mean and variance, non-trainable) = ${4 * c}`,
  };
  // At inference batch norm folds into one scale and shift per element.
  return passThrough(input, { params, macs: shape === null ? null : product(shape) });
}
