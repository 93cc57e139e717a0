/**
 * What a PyTorch forward does between modules: torch.nn.functional calls (F.relu,
 * F.max_pool2d, F.dropout…), torch.flatten / torch.relu, and tensor methods (x.view,
 * x.reshape, x.flatten). Each becomes an IR layer whose range is the call itself.
 */
import type { Activation, LayerSpec, MergeSpec } from '../../model/ir';
import { LayerArgs } from '../python/arguments';
import type { Call, Host } from '../python/context';
import { coreConcatAxis, mergeLayer } from '../python/merges';
import { inputTensor } from '../python/tensorGraph';
import { BATCH, isRef, tensorList, type TensorValue, type Value } from '../python/values';
import { adaptivePool, upsample } from './graphModules';
import { torchPool } from './modules';

type Builder = (a: LayerArgs, host: Host) => LayerSpec | null;

interface FunctionDef {
  /** Without the input tensor, which is always the first argument. */
  readonly params: readonly string[];
  readonly build: Builder;
}

const activation = (name: Activation, log = false): FunctionDef => ({
  params: name === 'softmax' ? ['dim'] : name === 'elu' ? ['alpha', 'inplace'] : name === 'leakyRelu' ? ['negative_slope', 'inplace'] : name === 'gelu' ? ['approximate'] : ['inplace'],
  build: (a) => {
    if (log) return { kind: 'activation', activation: name, log };
    if (name === 'leakyRelu') return { kind: 'activation', activation: name, alpha: a.number('negative_slope', 0.01) };
    if (name === 'elu' && a.number('alpha', 1) !== 1) return { kind: 'activation', activation: name, alpha: a.number('alpha', 1) };
    if (name === 'gelu' && a.optionalString('approximate') === 'tanh') return { kind: 'activation', activation: name, approximate: true };
    return { kind: 'activation', activation: name };
  },
});

function dropout(granularity: 'element' | 'channel'): FunctionDef {
  return {
    params: ['p', 'training', 'inplace'],
    build: (a) => {
      if (!a.has('training')) {
        a.pitfall(`${a.layer} drops units in evaluation too: its training argument defaults to True, unlike nn.Dropout, which follows model.eval(). Pass training=self.training.`);
      }
      return { kind: 'dropout', rate: a.number('p', 0.5), granularity };
    },
  };
}

function flatten(defaultStart: number): FunctionDef {
  return {
    params: ['start_dim', 'end_dim'],
    build: (a) => {
      const start = a.int('start_dim', defaultStart);
      if (a.int('end_dim', -1) !== -1 || start > 1) {
        a.fail(undefined, 'unsupported', 'ConvLab can\'t follow this call yet: it models flattening from dimension 1 to the end only, so it is left out.');
        return null;
      }
      if (start === 0) a.pitfall('This flattens the batch too (start_dim is 0): torch.flatten(x, 1) keeps one row per example.');
      return { kind: 'flatten' };
    },
  };
}

const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  relu: activation('relu'),
  elu: activation('elu'),
  sigmoid: activation('sigmoid'),
  tanh: activation('tanh'),
  softmax: activation('softmax'),
  log_softmax: activation('softmax', true),
  max_pool2d: { params: ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], build: (a) => torchPool('maxPool2d', a) },
  avg_pool2d: { params: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], build: (a) => torchPool('avgPool2d', a) },
  adaptive_avg_pool2d: { params: ['output_size'], build: adaptivePool('avg') },
  adaptive_max_pool2d: { params: ['output_size', 'return_indices'], build: adaptivePool('max') },
  leaky_relu: activation('leakyRelu'),
  relu6: activation('relu6'),
  gelu: activation('gelu'),
  silu: activation('silu'),
  hardswish: activation('hardSwish'),
  hardsigmoid: activation('hardSigmoid'),
  softplus: activation('softplus'),
  selu: activation('selu'),
  mish: activation('mish'),
  interpolate: { params: ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'], build: (a) => upsample(a) },
  upsample: { params: ['size', 'scale_factor', 'mode', 'align_corners'], build: (a) => upsample(a) },
  pad: {
    params: ['pad', 'mode', 'value'],
    build: (a) => {
      const v = a.value('pad');
      const mode = a.optionalString('mode') ?? 'constant';
      const modes: Record<string, 'zeros' | 'reflect' | 'replicate' | 'constant'> = { constant: 'constant', reflect: 'reflect', replicate: 'replicate' };
      if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0) || !modes[mode]) {
        a.fail(a.bound.get('pad'), 'unsupported', 'ConvLab models F.pad with four constant sizes (left, right, top, bottom) only: this one is left out, so the shapes after it may be wrong.');
        return null;
      }
      const [l, r, t, b] = v as number[];
      const value = a.number('value', 0);
      return modes[mode] === 'constant' && value === 0 ? { kind: 'padding2d', padding: [t!, b!, l!, r!], mode: 'zeros' } : { kind: 'padding2d', padding: [t!, b!, l!, r!], mode: modes[mode]!, ...(mode === 'constant' ? { value } : {}) };
    },
  },
  dropout: dropout('element'),
  dropout2d: dropout('channel'),
};

/** Names under `torch.` that are the same as F's (torch.relu, torch.flatten, …). */
const TORCH_LEVEL: ReadonlySet<string> = new Set(['relu', 'sigmoid', 'tanh', 'softmax', 'log_softmax', 'max_pool2d', 'flatten', 'reshape', 'selu', 'avg_pool2d', 'adaptive_avg_pool2d']);

/** torch.cat and friends, and the element-wise merges written as functions. */
const TORCH_MERGES: Readonly<Record<string, MergeSpec['op']>> = {
  cat: 'concatenate', concat: 'concatenate', concatenate: 'concatenate', add: 'add', sub: 'subtract', subtract: 'subtract', mul: 'multiply', multiply: 'multiply',
  maximum: 'maximum', minimum: 'minimum',
};

function torchMerge(name: string, call: Call, host: Host): Value | undefined {
  const op = TORCH_MERGES[name];
  if (!op) return undefined;
  if (op !== 'concatenate') {
    const ts = tensorList(call.positional.slice(0, 2).map((a) => a.value));
    if (!ts || ts.length !== 2) return undefined;
    return host.merge(mergeLayer(op, undefined, call.from, call.to, host), ts, call.from, call.to);
  }
  const list = (call.positional[0] ?? call.keywords.get('tensors'))?.value;
  const ts = tensorList(list);
  if (!ts) return undefined;
  // torch.cat([x], 1) is x (DenseNet's first layer concatenates a list of one).
  if (ts.length === 1) return ts[0];
  const dimArg = call.positional[1] ?? call.keywords.get('dim') ?? call.keywords.get('axis');
  const dim = dimArg ? dimArg.value : 0;
  const axis = typeof dim === 'number' ? coreConcatAxis(dim, 'pytorch') : undefined;
  if (axis === undefined) {
    host.report(call.from, call.to, 'information', 'unsupported', `ConvLab can't follow this concatenation yet: it joins channels (dim=1) and the height or width of images, and dim=${typeof dim === 'number' ? dim : '?'} is neither here. It passes the first tensor on.`);
    return ts[0];
  }
  return host.merge(mergeLayer('concatenate', axis, call.from, call.to, host), ts, call.from, call.to);
}

/** Tensors made from sizes: torch.rand(1, *shape) in a `_get_conv_output` probe, torch.zeros(1, 3, 32, 32). */
const MAKERS: ReadonlySet<string> = new Set(['rand', 'randn', 'zeros', 'ones', 'empty', 'full']);

/**
 * A tensor made from constant sizes, batch first: a model input of that shape, so that a
 * dummy forward in __init__ (`self._forward_features(torch.rand(1, *shape)).size()`) gives
 * the flattened size as PyTorch would. Anything else made this way is unknown.
 */
function madeTensor(call: Call): Value {
  const first = call.positional[0]?.value;
  const dims = call.positional.length === 1 && Array.isArray(first) ? first : call.positional.map((a) => a.value);
  if (dims.length < 2 || !dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0)) return { kind: 'unknown' };
  return inputTensor({ shape: (dims as number[]).slice(1), from: call.from, to: call.to, probe: true }, 'pytorch');
}

/** x.mean((2, 3)), torch.mean(x, dim=[-2, -1]): a global average pool over height and width. */
function spatialReduce(kind: 'globalAvgPool2d' | 'globalMaxPool2d', tensor: TensorValue, call: Call, host: Host, offset: number): Value | undefined {
  const dimArg = call.positional[offset] ?? call.keywords.get('dim') ?? call.keywords.get('axis');
  const dims = dimArg?.value;
  if (!Array.isArray(dims) || dims.length !== 2) return undefined;
  const set = new Set(dims.map((d) => (typeof d === 'number' && d < 0 ? d + 4 : d)));
  if (!(set.has(2) && set.has(3))) return undefined;
  const keep = (call.positional[offset + 1] ?? call.keywords.get('keepdim'))?.value === true;
  return layerOn(tensor, keep ? { kind, keepDims: true } : { kind }, kind === 'globalAvgPool2d' ? 'mean' : 'amax', call, host);
}

/** The IR layer a view/reshape makes: x.view(-1, 9216), x.view(x.size(0), -1), x.reshape(n, 1, 28, 28). */
function viewSpec(dims: readonly Value[], call: Call, host: Host, probe = false): LayerSpec | null {
  const what = call.callee.split('.').pop() ?? 'view';
  if (dims.length === 0) return null;
  const [first, ...rest] = dims;
  if (rest.length === 0) {
    if (first === -1) {
      host.report(call.from, call.to, 'warning', 'pitfall', `${what}(-1) flattens the batch too: write x.${what}(x.size(0), -1) or torch.flatten(x, 1) to keep one row per example.`);
      return { kind: 'flatten' };
    }
    host.report(call.from, call.to, 'information', 'unsupported', `ConvLab can't follow this call yet: a ${what} to one size merges the batch; it is left out.`);
    return null;
  }
  if (!rest.every((d) => typeof d === 'number' && Number.isInteger(d))) {
    host.report(call.from, call.to, 'information', 'unresolved', `ConvLab can't follow this call yet: the sizes in \`${host.snippet(call.from, call.to)}\` aren't constants it can work out, so it is left out.`);
    return null;
  }
  const sizes = rest as number[];
  // The first size is the batch (x.size(0), a batch variable, or −1 inferred from the rest).
  if (first === -1) {
    if (sizes.includes(-1)) {
      host.report(call.from, call.to, 'error', 'invalidArgument', `Only one size of a ${what} can be −1.`);
      return null;
    }
  } else if (typeof first === 'number' && !probe) {
    host.report(call.from, call.to, 'warning', 'pitfall', `The first size of this ${what} is the batch, fixed at ${first}: a last, smaller batch will fail. Use -1 or x.size(0).`);
  }
  if (sizes.length === 1 && sizes[0] === -1) return { kind: 'flatten' };
  return { kind: 'reshape', targetShape: sizes };
}

function layerOn(tensor: TensorValue, spec: LayerSpec | null, base: string, call: Call, host: Host): TensorValue {
  return host.applyTo({ kind: 'layer', spec, name: host.autoName(base), named: false, from: call.from, to: call.to }, tensor, call.from, call.to);
}

function tensorArg(call: Call): TensorValue | undefined {
  const v = (call.positional[0] ?? call.keywords.get('input'))?.value;
  return v !== undefined && isRef(v) && v.kind === 'tensor' ? v : undefined;
}

/** The call without its input tensor, so the signature tables can leave it out. */
function withoutInput(call: Call): Call {
  if (call.positional.length > 0) return { ...call, positional: call.positional.slice(1) };
  const keywords = new Map(call.keywords);
  keywords.delete('input');
  return { ...call, keywords };
}

/** F.<name>(x, …) or torch.<name>(x, …); undefined when the first argument is no tensor. */
export function callTorchFunction(path: string, call: Call, host: Host): Value | undefined {
  let name: string | undefined;
  if (path.startsWith('torch.nn.functional.')) name = path.slice('torch.nn.functional.'.length);
  else if (path.startsWith('torch.') && TORCH_LEVEL.has(path.slice(6))) name = path.slice(6);
  if (path.startsWith('torch.') && !path.startsWith('torch.nn.')) {
    const merged = torchMerge(path.slice(6), call, host);
    if (merged !== undefined) return merged;
    if (MAKERS.has(path.slice(6))) return madeTensor(call);
  }
  const tensor = tensorArg(call);
  if (tensor && path.startsWith('torch.') && ELEMENTWISE.has(path.slice(6))) return tensor;
  if (tensor && (path === 'torch.mean' || path === 'torch.amax')) return spatialReduce(path === 'torch.mean' ? 'globalAvgPool2d' : 'globalMaxPool2d', tensor, call, host, 1);
  if (name === undefined || !tensor) return undefined;
  const rest = withoutInput(call);
  if (name === 'reshape') {
    const shape = rest.positional[0]?.value ?? rest.keywords.get('shape')?.value;
    return layerOn(tensor, Array.isArray(shape) ? viewSpec(shape, call, host, tensor.input?.probe === true) : null, 'reshape', call, host);
  }
  const def = name === 'flatten' ? flatten(0) : FUNCTIONS[name];
  if (!def) return undefined;
  const args = new LayerArgs(host, rest, path.startsWith('torch.nn.functional.') ? `F.${name}` : `torch.${name}`, def.params);
  const spec = def.build(args, host);
  return layerOn(tensor, args.omitted ? null : spec, name, call, host);
}

/**
 * Element-wise maths without weights (torch.exp(0.5 * logvar), torch.randn_like(std)): the
 * shape stays and no parameter is added, so the tensor goes on as it is, with nothing to say.
 */
const ELEMENTWISE: ReadonlySet<string> = new Set([
  'exp', 'log', 'sqrt', 'rsqrt', 'abs', 'neg', 'sin', 'cos', 'square', 'pow', 'clamp', 'clip', 'sign', 'erf', 'reciprocal',
  'randn_like', 'rand_like', 'zeros_like', 'ones_like', 'full_like', 'empty_like', 'nan_to_num', 'detach',
]);

/**
 * Methods that keep the tensor as ConvLab follows it. `y.expand_as(x)` is among them: it is
 * written to be multiplied or added to x, and the merge broadcasts y to x's shape itself.
 */
const PASS_THROUGH: ReadonlySet<string> = new Set([
  ...ELEMENTWISE, 'expand_as', 'type_as', 'exp_', 'clamp_', 'mul_', 'div_', 'add_', 'sub_', 'pow_', 'clamp_min', 'clamp_max','contiguous', 'to', 'float', 'double', 'half', 'cpu', 'cuda', 'detach', 'clone', 'requires_grad_', 'type']);

/** A method on a tensor: x.view(...), x.flatten(1), x.relu(), x.size(0). Undefined when unknown. */
export function tensorMethod(tensor: TensorValue, method: string, call: Call, host: Host): Value | undefined {
  if (PASS_THROUGH.has(method)) return tensor;
  if (method === 'size') {
    const d = call.positional[0]?.value ?? call.keywords.get('dim')?.value;
    if (d === 0) return BATCH;
    const shape = host.tensorShape(tensor);
    if (d === undefined) return shape ? [...shape] : { kind: 'unknown' };
    if (typeof d !== 'number' || !shape) return { kind: 'unknown' };
    return shape.at(d) ?? { kind: 'unknown' };
  }
  if (method === 'dim' || method === 'numel') return { kind: 'unknown' };
  if (method === 'mean' || method === 'amax') {
    const reduced = spatialReduce(method === 'mean' ? 'globalAvgPool2d' : 'globalMaxPool2d', tensor, call, host, 0);
    if (reduced !== undefined) return reduced;
  }
  if (method === 'add' || method === 'mul' || method === 'sub') {
    const other = call.positional[0]?.value;
    if (other !== undefined && isRef(other) && other.kind === 'tensor') {
      return host.merge(mergeLayer(method === 'add' ? 'add' : method === 'mul' ? 'multiply' : 'subtract', undefined, call.from, call.to, host), [tensor, other], call.from, call.to);
    }
  }
  if (['relu_', 'sigmoid_', 'tanh_'].includes(method)) return tensorMethod(tensor, method.slice(0, -1), call, host);
  if (method === 'view' || method === 'reshape') {
    const values = call.positional.map((a) => a.value);
    const dims = values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
    return layerOn(tensor, viewSpec(dims, call, host, tensor.input?.probe === true), method, call, host);
  }
  const def = method === 'flatten' ? flatten(0) : ['relu', 'sigmoid', 'tanh', 'softmax', 'log_softmax'].includes(method) ? FUNCTIONS[method] : undefined;
  if (!def) return undefined;
  const args = new LayerArgs(host, call, `x.${method}`, def.params);
  const spec = def.build(args, host);
  return layerOn(tensor, args.omitted ? null : spec, method, call, host);
}
