/**
 * Keras' model-building calls: `keras.Sequential([...])`, `model.add(...)`, `model.pop()`,
 * `model.build(...)`, `keras.Input(shape=...)`, and the functional API's
 * `keras.Model(inputs, outputs)` over a chain of layer calls.
 */
import { bindArgs, type Call, type Host } from '../python/context';
import { inputTensor } from '../python/tensorGraph';
import { elementRanges, isRef, tensorList, type FunctionalValue, type SequentialValue, type TensorValue, type Value } from '../python/values';
import { kerasFunction } from './functions';
import { kerasLayer, readInputShape } from './layers';

/** Appends to a Sequential as `model.add` does: an Input first sets the input shape. */
export function addToSequential(seq: SequentialValue, value: Value, from: number, to: number, host: Host): void {
  const empty = seq.items.length === 0 && seq.input === null;
  if (isRef(value) && value.kind === 'tensor') {
    if (value.node === null && empty) seq.input = value.input;
    else if (value.node === null) host.report(from, to, 'information', 'unsupported', 'ConvLab can\'t follow this call yet: an Input can only come first in a Sequential model; this one is left out.');
    else host.report(from, to, 'information', 'unsupported', 'ConvLab can\'t follow this call yet: this is the output of layers, not a layer; it is left out of the Sequential model.');
    return;
  }
  if (isRef(value) && value.kind === 'layer' && empty && value.inputShape) seq.input = value.inputShape;
  if (isRef(value) && (value.kind === 'sequential' || value.kind === 'functional') && empty) {
    const inner = value.kind === 'sequential' ? value.input : value.input?.input ?? null;
    if (inner) seq.input = inner;
  }
  if (isRef(value) && value.kind === 'sequential') value.nested = true;
  seq.items.push({ value, from, to });
}

function sequential(call: Call, host: Host): SequentialValue {
  const args = bindArgs(call, ['layers', 'trainable', 'name']);
  const name = args.get('name')?.value;
  const seq: SequentialValue = {
    kind: 'sequential', framework: 'keras', items: [], input: null,
    name: typeof name === 'string' ? name : '', named: typeof name === 'string', from: call.from, to: call.to,
  };
  const list = args.get('layers');
  if (list) {
    if (Array.isArray(list.value)) {
      const ranges = elementRanges.get(list.value);
      list.value.forEach((item, i) => {
        const at = ranges?.[i] ?? { from: list.valueFrom, to: list.valueTo };
        addToSequential(seq, item, at.from, at.to, host);
      });
    } else if (list.value !== null) {
      host.report(list.from, list.to, 'information', 'unresolved', `ConvLab can't follow this call yet: the list of layers \`${host.snippet(list.valueFrom, list.valueTo)}\` isn't one ConvLab can work out.`);
    }
  }
  // A Sequential inside a subclassed model is a part of that model, not a model of its own.
  if (!host.insideClass) host.registerModel(seq);
  return seq;
}

function input(call: Call, host: Host, layer: boolean): TensorValue {
  const args = bindArgs(call, layer ? ['shape', 'batch_size'] : ['shape', 'batch_size', 'dtype', 'sparse', 'batch_shape', 'name']);
  const shape = args.get('shape') ?? args.get('input_shape');
  const batchShape = args.get('batch_shape') ?? args.get('batch_input_shape');
  // The input spans the whole Input(...) call: a functional model's range starts there.
  const at = { from: call.from, to: call.to };
  if (shape) return inputTensor({ ...readInputShape(shape.value, shape.valueFrom, shape.valueTo, host), ...at }, 'keras');
  if (batchShape) return inputTensor({ ...readInputShape(batchShape.value, batchShape.valueFrom, batchShape.valueTo, host, true), ...at }, 'keras');
  host.report(call.from, call.to, 'information', 'input', 'ConvLab can\'t find the input shape in this call: give it shape=(height, width, channels).');
  return inputTensor({ shape: null, from: call.from, to: call.to }, 'keras');
}

/** The tensors in keras.Model's inputs= or outputs=: one, a list, or a dict of them. */
function modelTensors(v: Value | undefined): TensorValue[] | null {
  if (v === undefined) return null;
  return tensorList(Array.isArray(v) ? v : isRef(v) && v.kind === 'dict' ? v.entries.map(([, x]) => x) : [v]);
}

function functional(call: Call, host: Host): Value {
  const args = bindArgs(call, ['inputs', 'outputs', 'name']);
  const outputs = args.get('outputs');
  const name = args.get('name')?.value;
  const outs = modelTensors(outputs?.value);
  if (!outputs || !outs) {
    // keras.Model() with no outputs is the subclassing API's base call: nothing to say.
    if (outputs) host.report(call.from, call.to, 'information', 'unsupported', 'ConvLab can\'t follow this model yet: its outputs aren\'t tensors made by layer calls it could follow.');
    return { kind: 'unknown' };
  }
  const ins = modelTensors(args.get('inputs')?.value);
  const input = ins?.[0] ?? null;
  const model: FunctionalValue = {
    kind: 'functional', input, outputs: outs, name: typeof name === 'string' ? name : '', named: typeof name === 'string',
    from: Math.min(call.from, outs[0]!.input?.from ?? call.from), to: call.to,
  };
  host.registerModel(model);
  return model;
}

/** A call by canonical path under `keras.`; undefined when it is not Keras'. */
export function callKeras(path: string, call: Call, host: Host): Value | undefined {
  switch (path) {
    case 'keras.Sequential': return sequential(call, host);
    case 'keras.Model': return functional(call, host);
    case 'keras.Input':
    case 'keras.layers.Input': return input(call, host, false);
    case 'keras.layers.InputLayer': return input(call, host, true);
    // Lambda(fn): applying it runs fn on the tensor (x / 255.0 keeps the shape and adds no
    // weight); what fn does that ConvLab can't follow is said there, as for any call.
    case 'keras.layers.Lambda': {
      const fn = (call.positional[0] ?? call.keywords.get('function'))?.value;
      return fn !== undefined && typeof fn === 'object' && fn !== null && !Array.isArray(fn) && fn.kind === 'function' ? fn : undefined;
    }
  }
  if (path.startsWith('keras.layers.') && path.split('.').length === 3) {
    const className = path.slice('keras.layers.'.length);
    // Lower-case names under keras.layers are functions (layers.add, layers.concatenate).
    if (/^[A-Z]/.test(className)) return kerasLayer(className, call, host);
  }
  return kerasFunction(path, call, host);
}

export function isKerasConstructor(path: string): boolean {
  return path === 'keras.Sequential' || path === 'keras.Model' || path === 'keras.Input' || /^keras\.layers\.[A-Z]\w*$/.test(path);
}

/** `model.add(layer)`, `model.pop()`, `model.build(shape)` on a Keras Sequential. */
export function kerasSequentialMethod(seq: SequentialValue, method: string, call: Call, host: Host): Value | undefined {
  if (method === 'add') {
    const arg = call.positional[0] ?? call.keywords.get('layer');
    if (arg) addToSequential(seq, arg.value, arg.valueFrom, arg.valueTo, host);
    seq.to = Math.max(seq.to, call.to);
    return null;
  }
  if (method === 'pop') {
    seq.items.pop();
    seq.to = Math.max(seq.to, call.to);
    return null;
  }
  if (method === 'build') {
    const arg = call.positional[0] ?? call.keywords.get('input_shape');
    if (arg && seq.input === null) seq.input = readInputShape(arg.value, arg.valueFrom, arg.valueTo, host, true);
    return null;
  }
  return undefined;
}
