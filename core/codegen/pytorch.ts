/**
 * A model IR written out as PyTorch code, in either of PyTorch's two idioms:
 * - 'module': a class with the layers made in __init__ and applied in forward, the
 *   activations as functions (x = F.relu(self.conv1(x))), as the PyTorch examples write it;
 * - 'sequential': one nn.Sequential of modules, activations as modules (nn.ReLU()).
 * PyTorch code does not state its input size, so the file starts with ConvLab's
 * `# convlab: input CxHxW` comment (channels first, PyTorch's own order).
 *
 * PyTorch needs what Keras infers: in_channels and in_features are filled in from model
 * analysis (nn.LazyConv2d / nn.LazyLinear where the input is unknown). Conventions that
 * differ from the IR's are converted: batch norm's momentum weighs the new batch
 * (PyTorch m = 1 − Keras m), average pooling over padding leaves the padded cells out
 * (count_include_pad=False, as Keras and ConvLab do).
 *
 * Not exactly expressible, written as close as it goes and listed in the notes: 'same'
 * padding with strides that pads unevenly (PyTorch allows padding='same' with stride 1
 * only; an nn.ZeroPad2d goes in front), the textbook convolution, and the locally
 * connected layer, which PyTorch lacks: the file gets a small LocallyConnected2d module
 * (unfold + one weight per position) that runs in PyTorch but that ConvLab's reader does
 * not follow.
 */
import { analyseModel } from '../analysis';
import type { LayerAnalysis } from '../analysis/types';
import type { Activation, LayerSpec, ModelIR, Padding, Pair } from '../model/ir';
import { complement } from '../parse/probability';
import { inputsOf, outputsOf } from '../model/graph';
import { INPUT_NODE, type MergeSpec } from '../model/ir';
import { isGraphModel, isZero, requireWritable, resolvedPadding, UnsupportedCodegen, samePadding, snakeName, type GeneratedCode, type ResolvedPadding } from './common';
import { className, intOrPair, pyFloat, pyInt, pyTuple, uniqueIdentifiers } from './python';

export type PyTorchStyle = 'module' | 'sequential';

/** One step of a layer: a module (made once, applied to x) or a function of x. */
type Step =
  | { readonly kind: 'module'; readonly ctor: string; readonly suffix: string }
  /** In nn.Sequential a function becomes the modules listed (none for a no-op). */
  | { readonly kind: 'function'; readonly apply: (x: string) => string; readonly modules: readonly string[]; readonly uses: 'F' | 'torch' };

const ACTIVATIONS: Record<Exclude<Activation, 'linear'>, { readonly fn: (x: string) => string; readonly module: string; readonly uses: 'F' | 'torch' }> = {
  relu: { fn: (x) => `F.relu(${x})`, module: 'nn.ReLU()', uses: 'F' },
  elu: { fn: (x) => `F.elu(${x})`, module: 'nn.ELU()', uses: 'F' },
  sigmoid: { fn: (x) => `torch.sigmoid(${x})`, module: 'nn.Sigmoid()', uses: 'torch' },
  tanh: { fn: (x) => `torch.tanh(${x})`, module: 'nn.Tanh()', uses: 'torch' },
  softmax: { fn: (x) => `F.softmax(${x}, dim=1)`, module: 'nn.Softmax(dim=1)', uses: 'F' },
  relu6: { fn: (x) => `F.relu6(${x})`, module: 'nn.ReLU6()', uses: 'F' },
  leakyRelu: { fn: (x) => `F.leaky_relu(${x})`, module: 'nn.LeakyReLU()', uses: 'F' },
  gelu: { fn: (x) => `F.gelu(${x})`, module: 'nn.GELU()', uses: 'F' },
  silu: { fn: (x) => `F.silu(${x})`, module: 'nn.SiLU()', uses: 'F' },
  hardSwish: { fn: (x) => `F.hardswish(${x})`, module: 'nn.Hardswish()', uses: 'F' },
  hardSigmoid: { fn: (x) => `F.hardsigmoid(${x})`, module: 'nn.Hardsigmoid()', uses: 'F' },
  softplus: { fn: (x) => `F.softplus(${x})`, module: 'nn.Softplus()', uses: 'F' },
  selu: { fn: (x) => `F.selu(${x})`, module: 'nn.SELU()', uses: 'F' },
  mish: { fn: (x) => `F.mish(${x})`, module: 'nn.Mish()', uses: 'F' },
};

function activationSteps(a: Activation, log = false): Step[] {
  if (a === 'linear') return [];
  if (a === 'softmax' && log) return [{ kind: 'function', apply: (x) => `F.log_softmax(${x}, dim=1)`, modules: ['nn.LogSoftmax(dim=1)'], uses: 'F' }];
  const d = ACTIVATIONS[a];
  return [{ kind: 'function', apply: d.fn, modules: [d.module], uses: d.uses }];
}

const FLATTEN: Step = { kind: 'function', apply: (x) => `torch.flatten(${x}, 1)`, modules: ['nn.Flatten()'], uses: 'torch' };

const isOne = (p: Pair): boolean => p[0] === 1 && p[1] === 1;
const symmetric = (p: ResolvedPadding): boolean => p[0] === p[1] && p[2] === p[3];

/**
 * padding= for a conv or pool, or an nn.ZeroPad2d step in front when the padding is uneven.
 * `sameAllowed`: nn.Conv2d takes padding='same' at stride 1; pools never do.
 */
function torchPadding(
  spec: { readonly padding: Padding },
  kernel: Pair, strides: Pair, dilation: Pair, la: LayerAnalysis | undefined, sameAllowed: boolean, label: string, notes: string[],
): { arg: string | null; pad: Step | null } {
  const p = spec.padding;
  if (isZero(p)) return { arg: null, pad: null };
  if (p !== 'same') return { arg: `padding=${intOrPair(p as Pair)}`, pad: null };
  if (sameAllowed && isOne(strides)) return { arg: 'padding="same"', pad: null };
  const resolved = resolvedPadding(la) ?? samePadding(la, kernel, strides, dilation);
  if (!resolved) {
    notes.push(`${label} pads 'same', which PyTorch cannot say here and ConvLab cannot resolve without the input size: give the model its input size`);
    return { arg: sameAllowed ? 'padding="same"' : null, pad: null };
  }
  if (symmetric(resolved)) return { arg: resolved[0] === 0 && resolved[2] === 0 ? null : `padding=${intOrPair([resolved[0], resolved[2]])}`, pad: null };
  const [top, bottom, left, right] = resolved;
  notes.push(`${label} pads 'same' unevenly (${top}/${bottom} rows, ${left}/${right} columns): the code puts an nn.ZeroPad2d in front, which runs in PyTorch but ConvLab does not read back`);
  return { arg: null, pad: { kind: 'module', ctor: `nn.ZeroPad2d(${pyTuple([left, right, top, bottom])})`, suffix: '_pad' } };
}

const LOCALLY_CONNECTED_CLASS = `class LocallyConnected2d(nn.Module):
    """A convolution without weight sharing: every output position has a kernel of its own
    (Keras' LocallyConnected2D; PyTorch has no such layer). Valid padding only."""

    def __init__(self, in_channels, out_channels, in_size, kernel_size, stride=1, bias=True):
        super().__init__()
        kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
        self.kernel_size, self.stride = (kh, kw), (sh, sw)
        self.out_size = ((in_size[0] - kh) // sh + 1, (in_size[1] - kw) // sw + 1)
        fan_in = in_channels * kh * kw
        positions = self.out_size[0] * self.out_size[1]
        self.weight = nn.Parameter(torch.randn(positions, fan_in, out_channels) / fan_in ** 0.5)
        self.bias = nn.Parameter(torch.zeros(out_channels, *self.out_size)) if bias else None

    def forward(self, x):
        columns = F.unfold(x, self.kernel_size, stride=self.stride)  # (N, C·kh·kw, positions)
        y = torch.einsum("ncp,pco->nop", columns, self.weight)
        y = y.reshape(x.size(0), -1, *self.out_size)
        return y if self.bias is None else y + self.bias
`;

function layerSteps(spec: LayerSpec, la: LayerAnalysis | undefined, label: string, notes: string[]): Step[] {
  const input = la?.inputShape ?? null;
  switch (spec.kind) {
    case 'conv2d': {
      const inChannels = input?.length === 3 ? input[0]! : spec.inChannels;
      const p = torchPadding(spec, spec.kernelSize, spec.strides, spec.dilation, la, true, label, notes);
      if (spec.convention === 'convolution') notes.push(`${label} slides the flipped kernel (the textbook convolution); PyTorch cross-correlates, so the code is the same model up to flipping the learned kernels, and ConvLab reads it back as cross-correlation`);
      const args = [
        ...(inChannels === undefined ? [] : [pyInt(inChannels)]), pyInt(spec.filters), `kernel_size=${intOrPair(spec.kernelSize)}`,
        ...(isOne(spec.strides) ? [] : [`stride=${intOrPair(spec.strides)}`]),
        ...(p.arg ? [p.arg] : []),
        ...(isOne(spec.dilation) ? [] : [`dilation=${intOrPair(spec.dilation)}`]),
        ...(spec.groups === 1 ? [] : [`groups=${pyInt(spec.groups)}`]),
        ...(spec.useBias ? [] : ['bias=False']),
      ];
      if (inChannels === undefined) notes.push(`${label}'s input channels are unknown: the code uses nn.LazyConv2d, which works them out on the first batch`);
      const ctor = `${inChannels === undefined ? 'nn.LazyConv2d' : 'nn.Conv2d'}(${args.join(', ')})`;
      return [...(p.pad ? [p.pad] : []), { kind: 'module', ctor, suffix: '' }, ...activationSteps(spec.activation)];
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const p = torchPadding(spec, spec.poolSize, spec.strides, [1, 1], la, false, label, notes);
      const sameAsPool = spec.strides[0] === spec.poolSize[0] && spec.strides[1] === spec.poolSize[1];
      const padded = p.arg !== null || p.pad !== null;
      const args = [
        intOrPair(spec.poolSize), ...(sameAsPool ? [] : [`stride=${intOrPair(spec.strides)}`]), ...(p.arg ? [p.arg] : []),
        // ConvLab and Keras average only the real cells of a window over the padding.
        ...(spec.kind === 'avgPool2d' && padded ? ['count_include_pad=False'] : []),
      ];
      return [...(p.pad ? [p.pad] : []), { kind: 'module', ctor: `nn.${spec.kind === 'maxPool2d' ? 'MaxPool2d' : 'AvgPool2d'}(${args.join(', ')})`, suffix: '' }];
    }
    case 'globalAvgPool2d':
      return [{ kind: 'module', ctor: 'nn.AdaptiveAvgPool2d(1)', suffix: '' }, ...(spec.keepDims ? [] : [FLATTEN])];
    case 'dense': {
      const inFeatures = input?.length === 1 ? input[0]! : spec.inFeatures;
      if (inFeatures === undefined) notes.push(`${label}'s input features are unknown: the code uses nn.LazyLinear, which works them out on the first batch`);
      const args = [...(inFeatures === undefined ? [] : [pyInt(inFeatures)]), pyInt(spec.units), ...(spec.useBias ? [] : ['bias=False'])];
      return [{ kind: 'module', ctor: `${inFeatures === undefined ? 'nn.LazyLinear' : 'nn.Linear'}(${args.join(', ')})`, suffix: '' }, ...activationSteps(spec.activation)];
    }
    case 'flatten':
      return [FLATTEN];
    case 'dropout':
      return [{ kind: 'module', ctor: `nn.${spec.granularity === 'channel' ? 'Dropout2d' : 'Dropout'}(p=${pyFloat(spec.rate)})`, suffix: '' }];
    case 'activation':
      return activationSteps(spec.activation, spec.log);
    case 'batchNorm': {
      const rank = input?.length;
      const features = rank === 3 ? input![0]! : rank === 1 ? input![0]! : spec.numFeatures;
      if (features === undefined) notes.push(`${label}'s number of features is unknown: fill in nn.BatchNorm2d(num_features)`);
      const momentum = complement(spec.momentum);
      const args = [
        pyInt(features ?? 0), ...(momentum === 0.1 ? [] : [`momentum=${pyFloat(momentum)}`]), ...(spec.epsilon === 1e-5 ? [] : [`eps=${pyFloat(spec.epsilon)}`]),
      ];
      return [{ kind: 'module', ctor: `nn.${rank === 1 ? 'BatchNorm1d' : 'BatchNorm2d'}(${args.join(', ')})`, suffix: '' }];
    }
    case 'locallyConnected2d': {
      notes.push(`${label} is locally connected: PyTorch has no such layer, so the file defines a LocallyConnected2d module (it runs in PyTorch; ConvLab does not read it back)`);
      if (!input || input.length !== 3) {
        notes.push(`${label}'s input size is unknown: fill in in_channels and in_size`);
      }
      const [c, h, w] = input?.length === 3 ? input : [0, 0, 0];
      const args = [pyInt(c!), pyInt(spec.filters), pyTuple([h!, w!]), `kernel_size=${intOrPair(spec.kernelSize)}`, ...(isOne(spec.strides) ? [] : [`stride=${intOrPair(spec.strides)}`]), ...(spec.useBias ? [] : ['bias=False'])];
      return [{ kind: 'module', ctor: `LocallyConnected2d(${args.join(', ')})`, suffix: '' }, ...activationSteps(spec.activation)];
    }
    case 'reshape': {
      const target = la?.outputShape ?? spec.targetShape;
      // nn.Sequential has no reshape module: Flatten to a vector, Unflatten from one.
      const modules = target.length === 1 ? ['nn.Flatten()'] : [...(input?.length === 1 ? [] : ['nn.Flatten()']), `nn.Unflatten(1, ${pyTuple(target)})`];
      return [{ kind: 'function', apply: (x) => `${x}.view(${x}.size(0), ${target.join(', ')})`, modules, uses: 'torch' }];
    }
    default:
      throw new UnsupportedCodegen('PyTorch', `${label} is a ${spec.kind}, which the PyTorch writer does not write yet`);
  }
}

/** The kinds this writer writes (the rest: UnsupportedCodegen). */
const WRITABLE: ReadonlySet<string> = new Set(['conv2d', 'maxPool2d', 'avgPool2d', 'globalAvgPool2d', 'dense', 'flatten', 'dropout', 'activation', 'batchNorm', 'locallyConnected2d', 'reshape', 'merge']);

/** A merge as a PyTorch expression: x + y, torch.cat([a, b], dim=1) (the core's axis + the batch). */
function mergeExpression(spec: MergeSpec, args: readonly string[]): string {
  switch (spec.op) {
    case 'add': return args.join(' + ');
    case 'subtract': return args.join(' - ');
    case 'multiply': return args.join(' * ');
    case 'average': return `(${args.join(' + ')}) / ${args.length}`;
    case 'maximum': return `torch.maximum(${args.join(', ')})`;
    case 'minimum': return `torch.minimum(${args.join(', ')})`;
    case 'concatenate': return `torch.cat([${args.join(', ')}], dim=${(spec.axis ?? 0) + 1})`;
  }
}

/** nn.Module's own attributes, which a layer must not shadow. */
const RESERVED = ['forward', 'training', 'train', 'eval', 'to', 'cuda', 'cpu', 'type', 'float', 'double', 'half', 'apply', 'parameters', 'modules', 'children', 'state_dict', 'zero_grad', 'x', 'self'];

export function toPyTorch(model: ModelIR, options: { readonly style?: PyTorchStyle } = {}): GeneratedCode {
  requireWritable(model, 'PyTorch', WRITABLE);
  const graph = isGraphModel(model);
  // nn.Sequential is a chain: a graph is written as a module with a named forward.
  const style = graph ? 'module' : options.style ?? 'module';
  const analysis = analyseModel(model);
  const notes: string[] = [];
  const perLayer = model.layers.map((layer, i) => (layer.spec.kind === 'merge' ? [] : layerSteps(layer.spec, analysis.layers[i], `'${layer.name}' (${layer.spec.kind})`, notes)));
  const usesF = perLayer.some((steps) => steps.some((s) => s.kind === 'function' && s.uses === 'F')) && style === 'module';
  const usesLocallyConnected = model.layers.some((l) => l.spec.kind === 'locallyConnected2d');
  const header = [
    ...(model.inputShape.length > 0 ? [`# convlab: input ${model.inputShape.join('x')}`] : []),
    'import torch',
    'from torch import nn',
    ...(usesF || usesLocallyConnected ? ['import torch.nn.functional as F'] : []),
    '',
  ];
  if (model.inputShape.length === 0) notes.push('the input shape is unknown: add a comment `# convlab: input CxHxW` at the top');
  const helper = usesLocallyConnected ? ['', LOCALLY_CONNECTED_CLASS] : [];
  const name = snakeName(model.name);
  const fileName = `${name}_pytorch.py`;

  if (style === 'sequential') {
    const entries = perLayer.flat().flatMap((s) => (s.kind === 'module' ? [s.ctor] : s.modules));
    const body = entries.length === 0 ? ['model = nn.Sequential()'] : ['model = nn.Sequential(', ...entries.map((e) => `    ${e},`), ')'];
    return { language: 'pytorch', fileName, code: [...header, ...helper, '', ...body, ''].join('\n'), notes };
  }

  // Module style: one attribute per module, named after the layer.
  const modules: { layer: number; step: Step & { kind: 'module' } }[] = [];
  perLayer.forEach((steps, i) => steps.forEach((s) => s.kind === 'module' && modules.push({ layer: i, step: s })));
  const attrs = uniqueIdentifiers(modules.map((m) => `${model.layers[m.layer]!.name}${m.step.suffix}`), RESERVED);
  const attrOf = new Map(modules.map((m, k) => [m.step, attrs[k]!]));
  const init = modules.map((m, k) => `        self.${attrs[k]} = ${m.step.ctor}`);
  const forward: string[] = [];
  // A chain rewrites x; a graph names each layer's output x0, x1, … so branches can meet.
  const v = (j: number): string => (j === INPUT_NODE ? 'x' : `x${j}`);
  perLayer.forEach((steps, i) => {
    const layer = model.layers[i]!;
    const from = graph ? v(inputsOf(model, i)[0]!) : 'x';
    let expr = from;
    if (layer.spec.kind === 'merge') expr = mergeExpression(layer.spec, inputsOf(model, i).map(v));
    for (const s of steps) expr = s.kind === 'module' ? `self.${attrOf.get(s)}(${expr})` : s.apply(expr);
    if (graph) forward.push(`        ${v(i)} = ${expr}`);
    else if (expr !== 'x') forward.push(`        x = ${expr}`);
  });
  const outs = graph ? outputsOf(model).map(v) : ['x'];
  const usesTorch = graph && model.layers.some((l) => l.spec.kind === 'merge' && (l.spec.op === 'concatenate' || l.spec.op === 'maximum' || l.spec.op === 'minimum'));
  if (usesTorch && !header.includes('import torch')) header.unshift('import torch');
  const cls = className(model.name);
  const code = [
    ...header,
    ...helper,
    '',
    `class ${cls}(nn.Module):`,
    '    def __init__(self):',
    '        super().__init__()',
    ...init,
    '',
    '    def forward(self, x):',
    ...forward,
    `        return ${outs.join(', ')}`,
    '',
    '',
    `model = ${cls}()`,
    '',
  ].join('\n');
  return { language: 'pytorch', fileName, code, notes };
}
