/**
 * Calls and attribute access: what `keras.layers.Conv2D(32, 3)`, `model.add(...)`,
 * `self.conv1(x)`, `x.view(-1, 320)`, `F.relu(x)` and `build_model(4)` each do.
 * A call ConvLab doesn't know, with a tensor among its arguments, is where the model's
 * chain breaks: it is reported with the call's range and the tensor is passed on.
 */
import type { LayerIR } from '../../model/ir';
import { callKeras, kerasSequentialMethod } from '../keras/api';
import { callTorch } from '../torch/api';
import { tensorMethod } from '../torch/functional';
import { callBuiltin, iterate } from './builtins';
import { firstTensor, type Call, type CallArg } from './context';
import { boundMethod } from './functions';
import { canonicalPath } from './imports';
import type { Interp } from './state';
import { argNodes, type SyntaxNode } from './syntax';
import { BATCH, elementRanges, isRef, UNKNOWN, type LayerValue, type Scope, type TensorValue, type Value } from './values';

/** Evaluates a call's arguments, expanding `*xs` and `**kw` where their values are known. */
function buildCall(node: SyntaxNode, argList: SyntaxNode, callee: string, scope: Scope, it: Interp): Call {
  const positional: CallArg[] = [];
  const keywords = new Map<string, CallArg>();
  let opaque = false;
  for (const a of argNodes(argList, it.text)) {
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
  const calleeNode = node.firstChild;
  const argList = node.getChild('ArgList');
  if (!calleeNode || !argList) return UNKNOWN;
  const calleeText = it.text.slice(calleeNode.from, calleeNode.to);
  const property = calleeNode.name === 'MemberExpression' ? calleeNode.lastChild : null;
  if (property?.name === 'PropertyName' && calleeNode.firstChild) {
    // A method call: the object first, then the method on it (model.add, x.view, self.conv1).
    const object = it.evaluate(calleeNode.firstChild, scope);
    const method = it.text.slice(property.from, property.to);
    const call = buildCall(node, argList, calleeText, scope, it);
    return it.callMethod(object, method, call);
  }
  const callee = it.evaluate(calleeNode, scope);
  return it.callValue(callee, buildCall(node, argList, calleeText, scope, it));
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
      if (path.startsWith('builtins.')) result = callBuiltin(path.slice(9), call);
      else if (path === 'collections.OrderedDict') result = callBuiltin('OrderedDict', call);
      else if (path.startsWith('keras.')) result = callKeras(path, call, it);
      else if (path.startsWith('torch.')) result = callTorch(path, call, it);
      return result ?? cannotFollow(call, it);
    }
    case 'function': return it.callFunction(callee, call);
    case 'class': return it.instantiate(callee, call);
    case 'layer':
    case 'sequential':
    case 'functional':
    case 'instance': {
      const input = call.positional[0]?.value ?? call.keywords.get('inputs')?.value ?? call.keywords.get('input')?.value;
      if (input !== undefined && isRef(input) && input.kind === 'tensor') return it.applyTo(callee, input, call.from, call.to);
      if (Array.isArray(input) && firstTensor(call)) {
        it.report(call.from, call.to, 'information', 'unsupported', `ConvLab can't follow this call yet: it joins several tensors, and ConvLab follows a single chain of layers. It passes the first one on.`);
        return it.applyTo(callee, firstTensor(call)!, call.from, call.to);
      }
      if (callee.kind === 'instance' && call.positional.length === 0) return UNKNOWN;
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
  if (!isRef(object)) return UNKNOWN;
  switch (object.kind) {
    case 'path': return it.callValue({ kind: 'path', path: `${object.path}.${method}` }, call);
    case 'sequential': {
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
      const m = boundMethod(object, method);
      if (m) return it.callFunction(m, call);
      if (method === '__call__' || method === 'forward') return it.callValue(object, call);
      return MODULE_CHAINING.has(method) ? object : cannotFollow(call, it);
    }
    case 'tensor': return tensorMethod(object, method, call, it) ?? cannotFollow(call, it, object);
    case 'dict': {
      if (method === 'items') return object.entries.map(([k, v]) => [k, v]);
      if (method === 'keys') return object.entries.map(([k]) => k);
      if (method === 'values') return object.entries.map(([, v]) => v);
      return UNKNOWN;
    }
    case 'layer':
    case 'functional': return method === '__call__' ? it.callValue(object, call) : UNKNOWN;
    default: return cannotFollow(call, it);
  }
}

export function getAttr(object: Value, name: string): Value {
  if (!isRef(object)) return UNKNOWN;
  switch (object.kind) {
    case 'path': return { kind: 'path', path: `${object.path}.${name}` };
    case 'instance': return object.attrs.get(name) ?? boundMethod(object, name) ?? UNKNOWN;
    case 'class': return object.methods.get(name) ?? UNKNOWN;
    // x.shape[0] is the batch; the other sizes are not known before analysis.
    case 'tensor': return name === 'shape' ? [BATCH] : UNKNOWN;
    default: return UNKNOWN;
  }
}

function layerIR(layer: LayerValue, it: Interp, from: number, to: number): LayerIR | null {
  if (!layer.spec) return null;
  const writtenHere = from <= layer.from && layer.to <= to;
  const ir: LayerIR = {
    spec: layer.spec,
    name: layer.name,
    range: it.range(layer.from, layer.to),
    ...(writtenHere ? {} : { appliedAt: it.range(from, to) }),
  };
  if (!layer.named) it.autoNamed.set(ir, layer);
  return ir;
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
      const ir = layerIR(callee, it, from, to);
      return ir ? { kind: 'tensor', layers: [...tensor.layers, ir], input: tensor.input } : tensor;
    }
    case 'sequential': {
      let t = tensor;
      for (const item of callee.items) {
        const v = item.value;
        const isPart = Array.isArray(v) || (isRef(v) && ['layer', 'sequential', 'functional', 'instance'].includes(v.kind));
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
    case 'functional': return { kind: 'tensor', layers: [...tensor.layers, ...callee.tensor.layers], input: tensor.input };
    case 'instance': {
      const forward = boundMethod(callee, 'forward') ?? boundMethod(callee, 'call');
      if (!forward) break;
      const out = it.callFunction(forward, { from, to, callee: 'forward', positional: [{ value: tensor, from, to, valueFrom: from, valueTo: to }], keywords: new Map(), opaque: false });
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
