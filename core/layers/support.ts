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
  'conv2d', 'maxPool2d', 'avgPool2d', 'globalAvgPool2d', 'dense', 'flatten', 'reshape', 'dropout', 'activation', 'batchNorm', 'locallyConnected2d', 'merge',
]);

/** The activations core/ops/activations.ts computes (forward and backward). */
export const RUNNABLE_ACTIVATIONS: ReadonlySet<Activation> = new Set<Activation>(['relu', 'elu', 'sigmoid', 'tanh', 'linear', 'softmax']);

function activationOf(spec: LayerSpec): Activation | null {
  return 'activation' in spec && typeof spec.activation === 'string' ? spec.activation : null;
}

/** Why one layer cannot run, or null. */
export function layerNotRunnable(name: string, spec: LayerSpec): string | null {
  if (!RUNNABLE_KINDS.has(spec.kind)) return `layer '${name}' (${spec.kind}) cannot be trained in ConvLab yet`;
  if ((spec.kind === 'maxPool2d' || spec.kind === 'avgPool2d') && spec.ceilMode) return `layer '${name}' pools with ceil_mode, which ConvLab cannot train yet`;
  if (spec.kind === 'merge' && !RUNNABLE_MERGES.has(spec.op)) return `layer '${name}' is a ${spec.op} merge, which ConvLab cannot train yet`;
  if (spec.kind === 'merge' && spec.op === 'concatenate' && (spec.axis ?? 0) !== 0) return `layer '${name}' concatenates along height or width, which ConvLab cannot train yet`;
  if (spec.kind === 'batchNorm' && (spec.scale === false || spec.center === false)) return `layer '${name}' is a batch norm without scale or centre, which ConvLab cannot train yet`;
  const a = activationOf(spec);
  if (a !== null && !RUNNABLE_ACTIVATIONS.has(a)) return `layer '${name}' uses the ${a} activation, which ConvLab cannot train yet`;
  return null;
}

/** Why the runtime cannot run this model, or null when it can. */
export function modelNotRunnable(model: ModelIR): string | null {
  if ((model.gaps ?? []).length > 0) return 'ConvLab could not follow all of its code';
  const outputs = outputsOf(model);
  if (outputs.length !== 1 || outputs[0] !== model.layers.length - 1) return 'it has several outputs, and ConvLab trains models with one so far';
  for (const l of model.layers) {
    const why = layerNotRunnable(l.name, l.spec);
    if (why) return why;
  }
  return null;
}
