/**
 * Where paths meet in the learner's code: `out + self.shortcut(x)`, `out += identity`,
 * `torch.cat([x2, x1], dim=1)`, `layers.add([x, y])`, `layers.Concatenate()([a, b])`.
 * Each becomes a merge node of the model's graph. An operator between a tensor and a
 * number (`x / 255.0`, `0.5 * x`) changes no shape and no count: the tensor goes on.
 */
import type { MergeSpec } from '../../model/ir';
import type { Host } from './context';
import { isRef, tensorOf, UNKNOWN, type LayerValue, type Value } from './values';

/** A merge as a layer object, made where it is written. */
export function mergeLayer(op: MergeSpec['op'], axis: number | undefined, from: number, to: number, host: Host, name?: string): LayerValue {
  const spec: MergeSpec = axis === undefined ? { kind: 'merge', op } : { kind: 'merge', op, axis };
  return { kind: 'layer', spec, name: name ?? host.autoName(op), named: name !== undefined, from, to };
}

const OPERATOR_MERGES: Readonly<Record<string, MergeSpec['op']>> = { '+': 'add', '-': 'subtract', '*': 'multiply' };

/**
 * A binary operator with a tensor on at least one side; undefined when neither side is a
 * tensor. Two tensors: an element-wise merge. A tensor and a constant: the tensor.
 */
export function tensorOperator(op: string, left: Value, right: Value, from: number, to: number, host: Host): Value | undefined {
  const a = tensorOf(left);
  const b = tensorOf(right);
  if (!a && !b) return undefined;
  if (['==', '!=', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not', 'and', 'or'].includes(op)) return UNKNOWN;
  if (a && b) {
    const merge = OPERATOR_MERGES[op];
    if (merge) return host.merge(mergeLayer(merge, undefined, from, to, host), [a, b], from, to);
    host.report(from, to, 'information', 'unsupported', `ConvLab can't follow this yet: \`${host.snippet(from, to)}\` combines two tensors with ${op}, which it does not model. It passes the first on, so the shapes after it may be wrong.`);
    return a;
  }
  const tensor = (a ?? b)!;
  const other = a ? right : left;
  if (typeof other === 'number' || typeof other === 'boolean' || (isRef(other) && other.kind === 'batch')) return tensor;
  // A tensor with something unknown: maybe a learned nn.Parameter, whose weights would be missed.
  host.report(from, to, 'information', 'unsupported', `ConvLab can't follow this yet: \`${host.snippet(from, to)}\` combines a tensor with a value it can't work out (a learned parameter would not be counted). It passes the tensor on.`);
  return tensor;
}

/**
 * A framework's concatenation axis as the core's (no batch; 0 = channels of a [C, H, W]
 * map, or the features of a vector). Keras counts channels-last with the batch as axis 0;
 * PyTorch channels-first with the batch as dim 0. Undefined when the axis means different
 * things for images and vectors (Keras axis=1, PyTorch dim=-1), for the caller to report.
 */
export function coreConcatAxis(axis: number, framework: 'keras' | 'pytorch'): number | undefined {
  if (framework === 'keras') {
    if (axis === -1 || axis === 3) return 0;
    if (axis === 2 || axis === -2) return 2;
    if (axis === -3) return 1;
    return undefined;
  }
  if (axis === 1 || axis === -3) return 0;
  if (axis === 2 || axis === -2) return 1;
  if (axis === 3) return 2;
  return undefined;
}
