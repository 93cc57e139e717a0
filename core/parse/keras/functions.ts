/**
 * Keras' functions that build or query a model: the merge functions of the functional API
 * (`layers.add([x, y])`, `layers.concatenate([a, b])`), their `keras.ops` and TensorFlow
 * spellings, and the backend queries model code branches on (`K.image_data_format()` is
 * 'channels_last' unless the learner's keras.json says otherwise, the default assumed here).
 */
import type { MergeSpec } from '../../model/ir';
import { LayerArgs } from '../python/arguments';
import type { Call, Host } from '../python/context';
import { mergeLayer } from '../python/merges';
import { isRef, tensorList, UNKNOWN, type Value } from '../python/values';
import { kerasConcatAxis } from './graphLayers';

const MERGE_FUNCTIONS: Readonly<Record<string, MergeSpec['op']>> = {
  add: 'add', subtract: 'subtract', multiply: 'multiply', average: 'average', maximum: 'maximum', minimum: 'minimum', concatenate: 'concatenate',
};

/** The namespaces whose add / concatenate / … join tensors. */
const MERGE_NAMESPACES = ['keras.layers.', 'keras.ops.', 'keras.backend.', 'tensorflow.', 'tensorflow.math.'];

/** Queries that never return a tensor: their value is unknown, but no tensor flows on. */
const SHAPE_QUERIES: ReadonlySet<string> = new Set([
  'keras.backend.int_shape', 'keras.ops.shape', 'tensorflow.shape', 'keras.backend.shape', 'keras.ops.size', 'tensorflow.size', 'keras.backend.ndim',
]);

function mergeCall(op: MergeSpec['op'], path: string, call: Call, host: Host): Value | undefined {
  // keras.ops.add(x, y) and tf.add(x, y) take two tensors; layers.add and concatenate take a list.
  const pairwise = !path.startsWith('keras.layers.') && op !== 'concatenate';
  const inputs = pairwise ? tensorList(call.positional.slice(0, 2).map((a) => a.value)) : tensorList((call.positional[0] ?? call.keywords.get('inputs') ?? call.keywords.get('values') ?? call.keywords.get('xs'))?.value);
  if (!inputs) return undefined;
  if (op !== 'concatenate') return host.merge(mergeLayer(op, undefined, call.from, call.to, host, nameOf(call)), inputs, call.from, call.to);
  const args = new LayerArgs(host, { ...call, positional: call.positional.slice(1) }, path.split('.').slice(-2).join('.'), ['axis']);
  const axis = kerasConcatAxis(args);
  if (axis === null) return inputs[0];
  return host.merge(mergeLayer('concatenate', axis, call.from, call.to, host, nameOf(call)), inputs, call.from, call.to);
}

function nameOf(call: Call): string | undefined {
  const n = call.keywords.get('name')?.value;
  return typeof n === 'string' ? n : undefined;
}

export function kerasFunction(path: string, call: Call, host: Host): Value | undefined {
  if (path === 'keras.backend.image_data_format' || path === 'keras.config.image_data_format') return 'channels_last';
  if (SHAPE_QUERIES.has(path)) {
    const t = call.positional[0]?.value;
    if (path === 'keras.backend.int_shape' && t !== undefined && isRef(t) && t.kind === 'tensor') {
      const shape = host.tensorShape(t);
      return shape ? [null, ...shape.slice(1)] : UNKNOWN;
    }
    return UNKNOWN;
  }
  const ns = MERGE_NAMESPACES.find((n) => path.startsWith(n) && !path.slice(n.length).includes('.'));
  if (!ns) return undefined;
  const name = path.slice(ns.length);
  const op = MERGE_FUNCTIONS[name === 'concat' ? 'concatenate' : name];
  return op ? mergeCall(op, path, call, host) : undefined;
}
