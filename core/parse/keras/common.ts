/**
 * What Keras' layer tables share: activations by name, padding, the channels-last check,
 * and the shape of a layer definition (its signature and how its arguments become IR).
 */
import type { Activation, LayerSpec, Padding } from '../../model/ir';
import { pyRepr, type LayerArgs } from '../python/arguments';
import type { Host } from '../python/context';
import { isRef, type Value } from '../python/values';

export type Builder = (a: LayerArgs, host: Host) => LayerSpec | null;

export interface LayerDef {
  readonly params: readonly string[];
  readonly build: Builder;
}

/** Keras' activation names (keras.activations.*) as the IR's. */
const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  relu: 'relu', elu: 'elu', sigmoid: 'sigmoid', tanh: 'tanh', linear: 'linear', softmax: 'softmax',
  relu6: 'relu6', gelu: 'gelu', silu: 'silu', swish: 'silu', leaky_relu: 'leakyRelu', hard_swish: 'hardSwish', hard_silu: 'hardSwish',
  hard_sigmoid: 'hardSigmoid', softplus: 'softplus', selu: 'selu', mish: 'mish',
};

export function isKerasActivation(name: string): boolean {
  return name === 'log_softmax' || Object.hasOwn(ACTIVATIONS, name);
}

/** The activation a value names: 'relu', keras.activations.relu, tf.nn.relu, None. */
export function activationName(v: Value): string | null | undefined {
  if (v === null) return null;
  if (typeof v === 'string') return v.toLowerCase();
  if (isRef(v) && v.kind === 'path') return v.path.split('.').pop()!.toLowerCase();
  return undefined;
}

export function readActivation(a: LayerArgs, name: string, host: Host): { activation: Activation; log: boolean } {
  const arg = a.bound.get(name);
  if (!arg) return { activation: 'linear', log: false };
  const n = activationName(arg.value);
  if (n === null) return { activation: 'linear', log: false };
  if (n === undefined) {
    a.note(arg, `ConvLab can't work out ${a.layer}'s activation from \`${host.snippet(arg.valueFrom, arg.valueTo)}\`: it reads it as 'linear' (shapes and parameter counts are the same).`, 'unresolved');
    return { activation: 'linear', log: false };
  }
  if (n === 'log_softmax') return { activation: 'softmax', log: true };
  if (Object.hasOwn(ACTIVATIONS, n)) return { activation: ACTIVATIONS[n]!, log: false };
  a.note(arg, `ConvLab doesn't model the '${n}' activation yet: it reads it as 'linear' (shapes and parameter counts are the same).`);
  return { activation: 'linear', log: false };
}

export function padding(a: LayerArgs): Padding {
  const arg = a.bound.get('padding');
  if (!arg) return 'valid';
  const v = arg.value;
  if (typeof v === 'string' && (v.toLowerCase() === 'valid' || v.toLowerCase() === 'same')) return v.toLowerCase() as 'valid' | 'same';
  if (isRef(v) && v.kind === 'unknown') {
    a.note(arg, `ConvLab can't work out ${a.layer}'s padding: it assumes the default, 'valid'.`, 'unresolved');
    return 'valid';
  }
  a.fail(arg, 'invalidArgument', `${a.layer}'s padding must be 'valid' or 'same', got ${pyRepr(v)}.`, 'error');
  return 'valid';
}

export function channelsLastOnly(a: LayerArgs): void {
  const format = a.optionalString('data_format');
  if (format === 'channels_first') {
    a.note(a.bound.get('data_format'), `ConvLab reads Keras images as channels-last (height, width, channels): data_format='channels_first' isn't followed yet.`);
  }
}

