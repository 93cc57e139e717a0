/**
 * What the training runtime (core/network.ts, core/layers/*) can run today, and why not
 * otherwise: the analysis reads every kind of the IR, the runtime a subset. The lab asks
 * here before it offers Train or feature maps, so a model it cannot run gets a reason, not
 * a worker error.
 */
import { outputsOf } from '../model/graph';
import { RUNNABLE_MERGES } from './merge';
import type { Activation, LayerKind, LayerSpec, ModelIR } from '../model/ir';

const RUNNABLE_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'conv2d', 'maxPool2d', 'avgPool2d', 'globalAvgPool2d', 'globalMaxPool2d', 'dense', 'flatten', 'reshape', 'dropout', 'activation', 'batchNorm',
  'locallyConnected2d', 'merge', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose', 'upSampling2d', 'padding2d', 'cropping2d', 'resize',
  'adaptivePool2d', 'normalization', 'prelu', 'identity',
]);

/** The activations core/ops/activations.ts and core/ops/pointwise.ts compute (forward and backward): all of the IR's. */
export const RUNNABLE_ACTIVATIONS: ReadonlySet<Activation> = new Set<Activation>([
  'relu', 'elu', 'sigmoid', 'tanh', 'linear', 'softmax', 'relu6', 'leakyRelu', 'gelu', 'silu', 'hardSwish', 'hardSigmoid', 'softplus', 'selu', 'mish',
]);

function activationOf(spec: LayerSpec): Activation | null {
  return 'activation' in spec && typeof spec.activation === 'string' ? spec.activation : null;
}

/** Why one layer cannot run, or null. */
export function layerNotRunnable(name: string, spec: LayerSpec): string | null {
  if (!RUNNABLE_KINDS.has(spec.kind)) return `layer '${name}' (${spec.kind}) cannot be trained in ConvLab yet`;
  if (spec.kind === 'upSampling2d' && spec.interpolation === 'bicubic') return `layer '${name}' upsamples bicubically, which ConvLab cannot train yet`;
  if (spec.kind === 'normalization' && spec.trackRunningStats) return `layer '${name}' keeps running statistics, which ConvLab cannot train yet`;
  if (spec.kind === 'identity' && spec.statefulNormalization) return `layer '${name}' normalises with adapted statistics, which ConvLab cannot train yet`;
  if (spec.kind === 'merge' && !RUNNABLE_MERGES.has(spec.op)) return `layer '${name}' is a ${spec.op} merge, which ConvLab cannot train yet`;
  const a = activationOf(spec);
  if (a !== null && !RUNNABLE_ACTIVATIONS.has(a)) return `layer '${name}' uses the ${a} activation, which ConvLab cannot train yet`;
  return null;
}

/**
 * What a learner should know about how ConvLab runs a runnable model: the layers that run
 * as the identity because ConvLab's images need no preprocessing and are not augmented.
 */
export function runtimeNotes(model: ModelIR): string[] {
  const passed = model.layers.filter((l) => l.spec.kind === 'identity' && l.spec.role !== 'identity').map((l) => l.name);
  if (passed.length === 0) return [];
  const list = passed.length > 3 ? `${passed.slice(0, 3).join(', ')} and ${passed.length - 3} more` : passed.join(', ');
  return [`${list} pass${passed.length === 1 ? 'es' : ''} images on unchanged here: ConvLab's images are already scaled to [0, 1] and not augmented.`];
}

/** Why the runtime cannot run this model, or null when it can. */
export function modelNotRunnable(model: ModelIR): string | null {
  if ((model.gaps ?? []).length > 0) return 'ConvLab could not follow all of its code';
  const outputs = outputsOf(model);
  if (outputs.length !== 1 || outputs[0] !== model.layers.length - 1) return 'it has several outputs, and ConvLab trains models with one so far';
  for (const l of model.layers) {
    const why = layerNotRunnable(l.name, l.spec);
    if (why) return why;
    if (l.applicationOf !== undefined && hasWeights(l.spec)) return sharedWeightsRefusal(l.name);
  }
  return null;
}

/** Whether a layer of this spec holds weights (so two applications of it would share them). */
export function hasWeights(spec: LayerSpec): boolean {
  switch (spec.kind) {
    case 'conv2d': case 'dense': case 'locallyConnected2d': case 'batchNorm': case 'depthwiseConv2d': case 'separableConv2d': case 'conv2dTranspose': case 'prelu':
      return true;
    case 'normalization':
      return spec.affine;
    default:
      return false;
  }
}

export function sharedWeightsRefusal(name: string): string {
  return `layer '${name}' is applied more than once, sharing its weights, which ConvLab cannot train yet`;
}
