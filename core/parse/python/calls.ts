/**
 * Calls and attribute access: what `keras.layers.Conv2D(32, 3)`, `model.add(...)`,
 * `self.conv1(x)`, `x.view(-1, 320)`, `F.relu(x)` and `build_model(4)` each do.
 * A call ConvLab doesn't know, with a tensor among its arguments, is where the model's
 * chain breaks: it is reported with the call's range and the tensor is passed on.
 */
import type { LayerIR } from '../../model/ir';
import { callKeras, kerasSequentialMethod } from '../keras/api';
import { kerasFunction } from '../keras/functions';
import { callZoo } from '../zoo';
import { callTorch } from '../torch/api';
import { tensorMethod } from '../torch/functional';
import { callBuiltin, iterate } from './builtins';
import { firstTensor, type Call, type CallArg } from './context';
import { boundMethod } from './functions';
import { canonicalPath } from './imports';
import { argParserMethod, argumentParser, namespaceAttr } from './argparse';
import { setTrainable } from './freezing';
import { pyStr, stringMethod } from './strings';
import { moduleListNames, nameModule } from '../torch/api';
import type { Interp } from './state';
import { argNodes, type ArgNode, type SyntaxNode } from './syntax';
import { applyLayer, replay } from './tensorGraph';
import { BATCH, elementRanges, isRef, UNKNOWN, type FunctionalValue, type InstanceValue, type LayerValue, type Scope, type SequentialValue, type TensorValue, type Value } from './values';

/** A call expression's parts, as its syntax gives them (worked out once per call site: see syntaxMemo.ts). */
interface CallShape {
  readonly calleeNode: SyntaxNode;
  readonly calleeText: string;
  /** The method's name and the object's node for `object.method(...)`. */
  readonly method?: { readonly name: string; readonly object: SyntaxNode };
  readonly args: readonly ArgNode[];
}

function callShape(node: SyntaxNode, text: string): CallShape | undefined {
  const calleeNode = node.firstChild;
  const argList = node.getChild('ArgList');
  if (!calleeNode || !argList) return undefined;
  const property = calleeNode.name === 'MemberExpression' ? calleeNode.lastChild : null;
  const object = calleeNode.firstChild;
  const method = property?.name === 'PropertyName' && object ? { name: text.slice(property.from, property.to), object } : undefined;
  return { calleeNode, calleeText: text.slice(calleeNode.from, calleeNode.to), ...(method ? { method } : {}), args: argNodes(argList, text) };
}

/** Evaluates a call's arguments, expanding `*xs` and `**kw` where their values are known. */
function buildCall(node: SyntaxNode, args: readonly ArgNode[], callee: string, scope: Scope, it: Interp): Call {
  const positional: CallArg[] = [];
  const keywords = new Map<string, CallArg>();
  let opaque = false;
  for (const a of args) {
    const value = it.evaluate(a.node, scope);
    const arg: CallArg = { value, from: a.from, to: a.to, valueFrom: a.node.from, valueTo: a.node.to };
    if (a.star === '*') {
      const items = iterate(value);
      if (!items) opaque = true;
      const ranges = Array.isArray(value) ? elementRanges.get(value) : undefined;
      items?.forEach((v, i) => {
        const r = ranges?.[i] ?? a;
        positional.push({ value: v, from: r.from, to: r.to, valueFrom: r.from, valueTo: r.to });
      });
    } else if (a.star === '**') {
      if (isRef(value) && value.kind === 'dict') {
        for (const [k, v] of value.entries) if (typeof k === 'string') keywords.set(k, { ...arg, value: v });
      } else opaque = true;
    } else if (a.keyword !== undefined) keywords.set(a.keyword, arg);
    else positional.push(arg);
  }
  return { from: node.from, to: node.to, callee, positional, keywords, opaque };
}

export function evaluateCall(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const shape = it.shapeOf(callShape, node);
  if (!shape) return UNKNOWN;
  if (shape.method) {
    // A method call: the object first, then the method on it (model.add, x.view, self.conv1).
    const object = it.evaluate(shape.method.object, scope);
    const call = buildCall(node, shape.args, shape.calleeText, scope, it);
    return it.callMethod(object, shape.method.name, call);
  }
  const callee = it.evaluate(shape.calleeNode, scope);
  return it.callValue(callee, buildCall(node, shape.args, shape.calleeText, scope, it));
}

function cannotFollow(call: Call, it: Interp, on?: TensorValue): Value {
  const tensor = on ?? firstTensor(call);
  if (!tensor) return UNKNOWN;
  it.report(call.from, call.to, 'information', 'unsupported',
    `ConvLab can't follow this call yet: \`${it.snippet(call.from, call.to)}\`. It passes the tensor on unchanged, so the shapes after it may be wrong.`);
  return tensor;
}

export function callValue(callee: Value, call: Call, it: Interp): Value {
  if (!isRef(callee)) return cannotFollow(call, it);
  switch (callee.kind) {
    case 'path': {
      const path = canonicalPath(callee.path);
      let result: Value | undefined;
      if (path === 'builtins.super') return superOf(it);
      if (path === 'builtins.getattr' || path === 'builtins.setattr' || path === 'builtins.hasattr') return attributeBuiltin(path.slice(9), call, it);
      if (path === 'builtins.str' && call.positional.length === 1) return pyStr(call.positional[0]!.value) ?? UNKNOWN;
      if (path === 'numpy.prod' || path === 'math.prod') return product(call.positional[0]?.value);
      if (path.startsWith('builtins.')) result = callBuiltin(path.slice(9), call);
      else if (path === 'collections.OrderedDict') result = callBuiltin('OrderedDict', call);
      else if (path.startsWith('math.')) result = callMath(path.slice(5), call);
      else if (path === 'typing.cast') return call.positional[1]?.value ?? UNKNOWN;
      else if (path === 'argparse.ArgumentParser') return argumentParser();
      else if (path === 'torchsummary.summary' || path === 'torchinfo.summary') return summaryHint(path, call, it);
      else if (path.startsWith('torchvision.models.') || path.startsWith('keras.applications.')) result = callZoo(path, call, it);
      if (result !== undefined) return result;
      if (path.startsWith('keras.')) result = callKeras(path, call, it);
      else if (path.startsWith('tensorflow.')) result = kerasFunction(path, call, it);
      else if (path.startsWith('torch.')) result = callTorch(path, call, it);
      return result ?? cannotFollow(call, it);
    }
    case 'function': return it.callFunction(callee, call);
    case 'class': return it.instantiate(callee, call);
    case 'instance': {
      if (call.positional.length === 0 && call.keywords.size === 0) return UNKNOWN;
      hintInput(callee, call.positional[0]?.value, it);
      // forward(self, x1, x2) gets every argument, as Python passes them (U-Net's up blocks).
      const out = callForward(callee, call, it);
      if (out !== undefined) return out;
      return firstTensor(call) ? it.applyTo(callee, firstTensor(call)!, call.from, call.to) : UNKNOWN;
    }
    case 'layer':
    case 'sequential':
    case 'functional': {
      const input = call.positional[0]?.value ?? call.keywords.get('inputs')?.value ?? call.keywords.get('input')?.value;
      if (input !== undefined && isRef(input) && input.kind === 'tensor') {
        if (callee.kind === 'layer' && callee.spec?.kind === 'merge') return cannotFollow(call, it, input);
        return it.applyTo(callee, input, call.from, call.to);
      }
      const tensors = Array.isArray(input) ? input.filter((v): v is TensorValue => isRef(v) && v.kind === 'tensor') : [];
      if (Array.isArray(input) && tensors.length === input.length && tensors.length > 0 && callee.kind === 'layer' && callee.spec?.kind === 'merge') {
        return it.merge(callee, tensors, call.from, call.to);
      }
      if (tensors.length > 0) {
        it.report(call.from, call.to, 'information', 'unsupported', `ConvLab can't follow this call yet: it passes several tensors to a layer that reads one. It passes the first one on.`);
        return it.applyTo(callee, tensors[0]!, call.from, call.to);
      }
      return input !== undefined && isRef(input) && input.kind === 'unknown' ? UNKNOWN : cannotFollow(call, it);
    }
    default: return cannotFollow(call, it);
  }
}

/** Methods that return the module itself (model.to(device), model.eval()). */
const MODULE_CHAINING: ReadonlySet<string> = new Set(['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'double', 'half', 'requires_grad_']);

function listMethod(list: Value[], method: string, call: Call): Value | undefined {
  const ranges = [...(elementRanges.get(list) ?? list.map(() => ({ from: call.from, to: call.to })))];
  const arg = call.positional[0];
  if (method === 'append' && arg) {
    list.push(arg.value);
    const listName = moduleListNames.get(list);
    if (listName !== undefined) nameModule(arg.value, listName ? `${listName}.${list.length - 1}` : String(list.length - 1));
    ranges.push({ from: arg.valueFrom, to: arg.valueTo });
  } else if (method === 'extend' && arg) {
    const items = iterate(arg.value);
    const inner = Array.isArray(arg.value) ? elementRanges.get(arg.value) : undefined;
    items?.forEach((v, i) => {
      list.push(v);
      ranges.push(inner?.[i] ?? { from: arg.valueFrom, to: arg.valueTo });
    });
  } else if (method === 'insert' && typeof arg?.value === 'number' && call.positional[1]) {
    const at = Math.max(0, Math.min(list.length, arg.value < 0 ? list.length + arg.value : arg.value));
    list.splice(at, 0, call.positional[1].value);
    ranges.splice(at, 0, { from: call.positional[1].valueFrom, to: call.positional[1].valueTo });
  } else if (method === 'pop') {
    ranges.pop();
    const v = list.pop();
    elementRanges.set(list, ranges);
    return v ?? UNKNOWN;
  } else return undefined;
  elementRanges.set(list, ranges);
  return null;
}

export function callMethod(object: Value, method: string, call: Call, it: Interp): Value {
  if (Array.isArray(object)) return listMethod(object, method, call) ?? UNKNOWN;
  if (typeof object === 'string') return stringMethod(object, method, call.positional.map((a) => a.value), new Map([...call.keywords].map(([k, a]) => [k, a.value])));
  if (!isRef(object)) return UNKNOWN;
  switch (object.kind) {
    case 'path': return it.callValue({ kind: 'path', path: `${object.path}.${method}` }, call);
    case 'sequential': {
      const frozen = moduleFreezing(object, method, call, it);
      if (frozen !== undefined) return frozen;
      if (object.framework === 'keras') return kerasSequentialMethod(object, method, call, it) ?? UNKNOWN;
      if (MODULE_CHAINING.has(method)) return object;
      if (method === 'append' && call.positional[0]) {
        const a = call.positional[0];
        object.items.push({ value: a.value, from: a.valueFrom, to: a.valueTo });
        return object;
      }
      if (method === 'add_module' && call.positional[1]) {
        const a = call.positional[1];
        object.items.push({ value: a.value, from: a.valueFrom, to: a.valueTo });
        return null;
      }
      return UNKNOWN;
    }
    case 'instance': {
      const attr = object.attrs.get(method);
      if (attr !== undefined) return it.callValue(attr, call);
      // Bound once: a bound method is a new object (as in Python), and this runs for every method call.
      const m = boundMethod(object, method);
      if (!m) {
        const frozen = moduleFreezing(object, method, call, it);
        if (frozen !== undefined) return frozen;
      }
      if ((method === 'children' || method === 'named_children') && !m) {
        // nn.Sequential(*list(resnet.children())[:-1]): the submodules in the order __init__ made them.
        const parts = [...object.attrs].filter(([, v]) => isRef(v) && (v.kind === 'layer' || v.kind === 'sequential' || v.kind === 'instance'));
        return method === 'children' ? parts.map(([, v]) => v) : parts.map(([k, v]) => [k, v]);
      }
      if ((method === 'add_module' || method === 'register_module') && !m) {
        // self.add_module('conv%d' % i, nn.Conv2d(...)): an attribute by name, as PyTorch registers it.
        const [name, module] = call.positional;
        if (name && typeof name.value === 'string' && module) setAttribute(object, name.value, module.value);
        return null;
      }
      if (m) return it.callFunction(m, call);
      if (method === '__call__' || method === 'forward') return it.callValue(object, call);
      return MODULE_CHAINING.has(method) ? object : cannotFollow(call, it);
    }
    case 'tensor': return tensorMethod(object, method, call, it) ?? cannotFollow(call, it, object);
    case 'argparser': return argParserMethod(object, method, call);
    case 'super': {
      // super().__init__(...) runs the base class's method from the file; nn.Module's does nothing here.
      for (const base of object.owner.bases) {
        const m = base.methods.get(method);
        if (m) return it.callFunction({ ...m, self: object.instance }, call);
      }
      return UNKNOWN;
    }
    case 'dict': {
      if (method === 'items') return object.entries.map(([k, v]) => [k, v]);
      if (method === 'keys') return object.entries.map(([k]) => k);
      if (method === 'values') return object.entries.map(([, v]) => v);
      return UNKNOWN;
    }
    case 'layer':
    case 'functional': return method === '__call__' ? it.callValue(object, call) : moduleFreezing(object, method, call, it) ?? UNKNOWN;
    default: return cannotFollow(call, it);
  }
}

export function getAttr(object: Value, name: string): Value {
  if (!isRef(object)) return UNKNOWN;
  switch (object.kind) {
    case 'path': return { kind: 'path', path: `${object.path}.${name}` };
    // has(), not ??: an attribute set to None (self.downsample = None) is None, not missing.
    case 'instance': return object.attrs.has(name) ? object.attrs.get(name)! : boundMethod(object, name) ?? (object.cls.attrs.has(name) ? object.cls.attrs.get(name)! : UNKNOWN);
    case 'class': {
      const m = object.methods.get(name);
      if (m?.decorator === 'classmethod') return { ...m, cls: object };
      return m ?? (object.attrs.has(name) ? object.attrs.get(name)! : UNKNOWN);
    }
    case 'layer': return layerAttribute(object, name);
    case 'namespace': return namespaceAttr(object, name);
    case 'functional': {
      // A Keras model's tensors, as a base model is reused: base.output, base.outputs, base.input.
      if (name === 'output') return object.outputs[0] ?? UNKNOWN;
      if (name === 'outputs') return [...object.outputs];
      if (name === 'input') return object.input ?? UNKNOWN;
      if (name === 'inputs') return object.input ? [object.input] : UNKNOWN;
      return UNKNOWN;
    }
    // x.shape[0] is the batch; the other sizes are not known before analysis.
    // x.data and x.detach() are the same values: the same tensor as ConvLab follows it.
    case 'tensor': return name === 'shape' ? [BATCH] : name === 'data' ? object : UNKNOWN;
    default: return UNKNOWN;
  }
}

function layerIR(layer: LayerValue, it: Interp, from: number, to: number): LayerIR | null {
  if (!layer.spec || !it.budget.layer({ from, to })) return null;
  const writtenHere = from <= layer.from && layer.to <= to;
  const ir: LayerIR = {
    spec: layer.spec,
    name: layer.name,
    range: it.range(layer.from, layer.to),
    ...(writtenHere ? {} : { appliedAt: it.range(from, to) }),
  };
  if (!layer.named) it.autoNamed.set(ir, layer);
  it.sourceOf.set(ir, layer);
  return ir;
}

/** The Sequentials being applied now, outermost first: a model that contains itself is found here. */
const applying = new Set<SequentialValue>();

function applySequential(callee: SequentialValue, tensor: TensorValue, from: number, to: number, it: Interp, depth: number): TensorValue {
  let t = tensor;
  for (const item of callee.items) {
    const v = item.value;
    const isPart = Array.isArray(v) || (isRef(v) && ['layer', 'sequential', 'functional', 'instance', 'function'].includes(v.kind));
    if (isPart) {
      // Items written inside the Sequential are applied where they are written.
      const inside = item.from >= callee.from && item.to <= callee.to;
      t = inside && from >= callee.from && to <= callee.to ? applyTo(v, t, item.from, item.to, it, depth + 1) : applyTo(v, t, from, to, it, depth + 1);
    } else if (!(isRef(v) && v.kind === 'tensor')) {
      it.report(item.from, item.to, 'information', 'unsupported', `ConvLab can't follow this call yet: \`${it.snippet(item.from, item.to)}\` isn't a layer ConvLab can work out, so it is left out of the model.`);
    }
  }
  return t;
}

/** Calls a layer, a Sequential, a functional model or a module instance on a tensor. */
export function applyTo(callee: Value, tensor: TensorValue, from: number, to: number, it: Interp, depth = 0): TensorValue {
  if (depth > 16) return tensor;
  if (Array.isArray(callee)) {
    return callee.reduce<TensorValue>((t, v) => applyTo(v, t, from, to, it, depth + 1), tensor);
  }
  if (!isRef(callee)) return tensor;
  switch (callee.kind) {
    case 'layer': {
      if (callee.spec?.kind === 'merge') break;
      const ir = layerIR(callee, it, from, to);
      return ir ? applyLayer(ir, [tensor]) : tensor;
    }
    case 'sequential': {
      // `model.add(model)` makes a model its own part: applying it would never end (each
      // pass doubles it), so the inner use is left out and said.
      if (applying.has(callee)) {
        it.report(from, to, 'information', 'unsupported', 'ConvLab can\'t follow this: the model contains itself (a model added to itself), so this part is left out.');
        return tensor;
      }
      applying.add(callee);
      try {
        return applySequential(callee, tensor, from, to, it, depth);
      } finally {
        applying.delete(callee);
      }
    }
    case 'function': {
      // A Lambda(fn) in a Sequential: fn on the tensor.
      const out = it.callFunction(callee, { from, to, callee: callee.name, positional: [{ value: tensor, from, to, valueFrom: from, valueTo: to }], keywords: new Map(), opaque: false });
      if (isRef(out) && out.kind === 'tensor') return out;
      break;
    }
    case 'functional': {
      const outs = callFunctional(callee, tensor, from, to, it);
      if (outs.length > 1) it.report(from, to, 'information', 'unsupported', `ConvLab follows the first of this model's ${outs.length} outputs here.`);
      return outs[0] ?? tensor;
    }
    case 'instance': {
      const out = callForward(callee, { from, to, callee: 'forward', positional: [{ value: tensor, from, to, valueFrom: from, valueTo: to }], keywords: new Map(), opaque: false }, it);
      if (out === undefined) break;
      if (isRef(out) && out.kind === 'tensor') return out;
      const first = Array.isArray(out) ? out.find((v): v is TensorValue => isRef(v) && v.kind === 'tensor') : undefined;
      if (first) return first;
      break;
    }
    default: break;
  }
  it.report(from, to, 'information', 'unsupported', `ConvLab can't follow this call yet: \`${it.snippet(from, to)}\`. It passes the tensor on unchanged, so the shapes after it may be wrong.`);
  return tensor;
}

/** A module instance's forward (or Keras' call) with the call's own arguments: `self.up1(x5, x4)`. */
export function callForward(instance: InstanceValue, call: Call, it: Interp): Value | undefined {
  const forward = boundMethod(instance, 'forward') ?? boundMethod(instance, 'call');
  return forward ? it.callFunction(forward, call) : undefined;
}

/** A functional model applied to a tensor: its graph again, from that tensor. */
export function callFunctional(model: FunctionalValue, tensor: TensorValue, from: number, to: number, it: Interp): TensorValue[] {
  if (!model.input) return [...model.outputs];
  return replay(model.outputs, tensor, (layer) => {
    if (layer.appliedAt) return layer;
    const copy = { ...layer, appliedAt: it.range(from, to) };
    const source = it.sourceOf.get(layer);
    if (source) it.sourceOf.set(copy, source);
    if (source && it.autoNamed.has(layer)) it.autoNamed.set(copy, source);
    return copy;
  });
}

/** A merge layer (Add, Concatenate, or a `+` between tensors) on the tensors it joins. */
export function mergeTensors(layer: LayerValue, tensors: readonly TensorValue[], from: number, to: number, it: Interp): TensorValue {
  const ir = layerIR(layer, it, from, to);
  if (!ir) return tensors[0]!;
  return applyLayer(ir, tensors);
}

/** super() in a method of a class from the file. */
function superOf(it: Interp): Value {
  const m = it.currentMethod();
  return m?.self && m.owner ? { kind: 'super', instance: m.self, owner: m.owner } : UNKNOWN;
}

/** The math module on constants: width arithmetic (`int(math.floor(planes * reduction))`). */
function callMath(name: string, call: Call): Value {
  const xs = call.positional.map((a) => a.value);
  if (!xs.every((x) => typeof x === 'number')) return UNKNOWN;
  const [a, b] = xs as number[];
  if (a === undefined) return UNKNOWN;
  switch (name) {
    case 'floor': return Math.floor(a);
    case 'ceil': return Math.ceil(a);
    case 'sqrt': return a >= 0 ? Math.sqrt(a) : UNKNOWN;
    case 'log2': return a > 0 ? Math.log2(a) : UNKNOWN;
    case 'log': return a > 0 ? (b !== undefined && b > 0 && b !== 1 ? Math.log(a) / Math.log(b) : Math.log(a)) : UNKNOWN;
    case 'pow': return b === undefined ? UNKNOWN : a ** b;
    case 'gcd': return b === undefined || !Number.isInteger(a) || !Number.isInteger(b) ? UNKNOWN : gcd(Math.abs(a), Math.abs(b));
    case 'prod': return UNKNOWN;
    default: return UNKNOWN;
  }
}

function gcd(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y > 0) [x, y] = [y, x % y];
  return x;
}

/** An attribute of a module instance, named as PyTorch names submodules. */
function setAttribute(object: InstanceValue, name: string, value: Value): void {
  object.attrs.set(name, value);
  if (object.cls.framework) nameModule(value, name);
  if (isRef(value) && value.kind === 'sequential' && !object.cls.isLayer) value.nested = true;
}

/** getattr(self, f'layer{i}'), setattr(self, name, module), hasattr(self, 'net'). */
function attributeBuiltin(name: string, call: Call, it: Interp): Value {
  const [target, attr, third] = call.positional.map((a) => a.value);
  if (typeof attr !== 'string' || target === undefined) return UNKNOWN;
  if (name === 'setattr') {
    if (isRef(target) && target.kind === 'instance' && third !== undefined) setAttribute(target, attr, third);
    return null;
  }
  if (name === 'hasattr') return isRef(target) && target.kind === 'instance' ? target.attrs.has(attr) || boundMethod(target, attr) !== undefined || target.cls.attrs.has(attr) : UNKNOWN;
  const v = it.getAttr(target, attr);
  return isRef(v) && v.kind === 'unknown' && third !== undefined ? third : v;
}

/** np.prod([C, H, W]): the number of features a flatten makes. */
function product(v: Value | undefined): Value {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) return UNKNOWN;
  return (v as number[]).reduce((p, x) => p * x, 1);
}

/** A layer's constructor settings as the framework exposes them: model.fc.in_features, conv.out_channels. */
function layerAttribute(layer: LayerValue, name: string): Value {
  const spec = layer.spec;
  if (!spec) return UNKNOWN;
  const pair = (p: readonly [number, number]): Value => [p[0], p[1]];
  switch (spec.kind) {
    case 'dense':
      if (name === 'in_features') return spec.inFeatures ?? UNKNOWN;
      if (name === 'out_features' || name === 'units') return spec.units;
      return UNKNOWN;
    case 'conv2d':
      if (name === 'in_channels') return spec.inChannels ?? UNKNOWN;
      if (name === 'out_channels' || name === 'filters') return spec.filters;
      if (name === 'kernel_size') return pair(spec.kernelSize);
      if (name === 'stride' || name === 'strides') return pair(spec.strides);
      if (name === 'groups') return spec.groups;
      return UNKNOWN;
    case 'batchNorm': return name === 'num_features' ? spec.numFeatures ?? UNKNOWN : UNKNOWN;
    default: return UNKNOWN;
  }
}

/** model.parameters(), named_parameters(), requires_grad_(False): what freezing reads. */
function moduleFreezing(object: Value, method: string, call: Call, it: Interp): Value | undefined {
  if (method === 'parameters') return [{ kind: 'params', of: object }];
  if (method === 'named_parameters') return [['', { kind: 'params', of: object }]];
  if (method === 'requires_grad_') {
    const flag = call.positional[0]?.value ?? call.keywords.get('requires_grad')?.value ?? true;
    if (typeof flag === 'boolean') setTrainable(object, flag, it.frozen, it.sourceOf);
    return object;
  }
  return undefined;
}

/** net(torch.randn(2, 3, 32, 32)) outside the model: the code shows the model's input shape. */
function hintInput(instance: InstanceValue, arg: Value | undefined, it: Interp): void {
  if (it.insideClass || arg === undefined || !isRef(arg) || arg.kind !== 'tensor' || arg.node !== null || !arg.input?.probe || !arg.input.shape) return;
  if (!it.inputHints.has(instance)) it.inputHints.set(instance, arg.input.shape);
  if (!it.inputHints.has(instance.cls)) it.inputHints.set(instance.cls, arg.input.shape);
}

/** torchsummary.summary(model, (3, 32, 32)), torchinfo.summary(model, input_size=(1, 3, 224, 224)). */
function summaryHint(path: string, call: Call, it: Interp): Value {
  const model = call.positional[0]?.value;
  let size = (call.positional[1] ?? call.keywords.get('input_size'))?.value;
  if (Array.isArray(size) && size.length > 0 && Array.isArray(size[0])) size = size[0];
  if (!model || !isRef(model) || model.kind !== 'instance' || !Array.isArray(size) || !size.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0)) return null;
  // torchinfo counts the batch; torchsummary does not.
  const dims = (path === 'torchinfo.summary' && size.length === 4 ? size.slice(1) : size) as number[];
  if (!it.inputHints.has(model)) it.inputHints.set(model, dims);
  if (!it.inputHints.has(model.cls)) it.inputHints.set(model.cls, dims);
  return null;
}
