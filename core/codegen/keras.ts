/**
 * A model IR written out as Keras code: `keras.Sequential([...])` opened by
 * `keras.Input(shape=...)`, one `layers.X(...)` per layer, Keras' defaults left out, as the
 * Keras guides write models. Shapes go back to Keras' channels-last order: the IR's
 * [C, H, W] is shape=(H, W, C).
 *
 * Layer names are written only where the IR's name differs from the one Keras (and
 * ConvLab's reader, which numbers them the same way) would give the layer anyway, so a
 * model read from Keras code comes back as it was written.
 *
 * What Keras cannot say exactly is written as close as it goes and listed in the notes:
 * explicit padding other than what 'same' pads (a ZeroPadding2D in front, which ConvLab
 * does not read back), the textbook convolution (Keras cross-correlates), strides with
 * dilation together (Keras refuses them), LocallyConnected2D (gone from Keras 3).
 */
import { analyseModel } from '../analysis';
import type { LayerAnalysis } from '../analysis/types';
import type { Activation, LayerIR, LayerSpec, ModelIR, Padding, Pair } from '../model/ir';
import { snakeCase } from '../parse/keras/layers';
import { inputsOf, outputsOf } from '../model/graph';
import { INPUT_NODE } from '../model/ir';
import { isGraphModel, isZero, requireWritable, UnsupportedCodegen, resolvedPadding, samePadding, samePads, snakeName, type GeneratedCode } from './common';
import { kerasActivation, pyFloat, pyInt, pyString, pyTuple } from './python';

/** The kinds this writer writes (the rest: UnsupportedCodegen). */
const WRITABLE: ReadonlySet<string> = new Set(['conv2d', 'maxPool2d', 'avgPool2d', 'globalAvgPool2d', 'dense', 'flatten', 'dropout', 'activation', 'batchNorm', 'locallyConnected2d', 'reshape', 'merge']);

const MERGE_CLASSES = { add: 'Add', subtract: 'Subtract', multiply: 'Multiply', average: 'Average', maximum: 'Maximum', minimum: 'Minimum', concatenate: 'Concatenate' } as const;

/** Keras' class for each IR kind (the name its auto-naming starts from). */
function kerasClass(spec: LayerSpec): string {
  switch (spec.kind) {
    case 'conv2d': return 'Conv2D';
    case 'maxPool2d': return 'MaxPooling2D';
    case 'avgPool2d': return 'AveragePooling2D';
    case 'globalAvgPool2d': return 'GlobalAveragePooling2D';
    case 'dense': return 'Dense';
    case 'flatten': return 'Flatten';
    case 'dropout': return spec.granularity === 'channel' ? 'SpatialDropout2D' : 'Dropout';
    case 'activation': return 'Activation';
    case 'batchNorm': return 'BatchNormalization';
    case 'locallyConnected2d': return 'LocallyConnected2D';
    case 'reshape': return 'Reshape';
    case 'merge': return MERGE_CLASSES[spec.op];
    default: return spec.kind;
  }
}

/** A shape in Keras' order: (H, W, C) for rank 3, as written otherwise. */
export function kerasShapeOf(shape: readonly number[]): readonly number[] {
  return shape.length === 3 ? [shape[1]!, shape[2]!, shape[0]!] : shape;
}

/**
 * Which layers need name=: those whose IR name is not what the reader's numbering (conv2d,
 * conv2d_1, …, skipping names written explicitly) would give them. Writing a name can move
 * the numbering of the others, so it is repeated until nothing changes.
 */
function explicitNames(layers: readonly LayerIR[]): (string | null)[] {
  // Keras refuses two layers of one name (later duplicates get a suffix no layer has), and
  // TensorFlow names allow only [A-Za-z0-9_.-], starting with a letter, digit or dot.
  const safe = layers.map((l) => {
    const s = l.name.replace(/[^A-Za-z0-9_.-]/g, '_');
    return /^[A-Za-z0-9.]/.test(s) ? s : `layer${s}`;
  });
  const seen = new Set<string>();
  const all = new Set(safe);
  const names = safe.map((base) => {
    let n = base;
    for (let i = 1; seen.has(n); i++) {
      do n = `${base}_${i++}`;
      while (all.has(n) || seen.has(n));
    }
    seen.add(n);
    return n;
  });
  // In order: a layer keeps its automatic name when the reader's next name for its class is
  // its name. Names that never come from the numbering are explicit from the start.
  const base = (i: number): string => snakeCase(kerasClass(layers[i]!.spec));
  const explicit = new Set<number>();
  names.forEach((n, i) => {
    if (n !== layers[i]!.name || !new RegExp(`^${base(i)}(_\\d+)?$`).test(n)) explicit.add(i);
  });
  const greedyTaken = new Set([...explicit].map((i) => names[i]!));
  const greedyCounts = new Map<string, number>();
  names.forEach((n, i) => {
    if (explicit.has(i)) return;
    let auto: string;
    do {
      const k = greedyCounts.get(base(i)) ?? 0;
      auto = k === 0 ? base(i) : `${base(i)}_${k}`;
      if (auto === n || greedyTaken.has(auto)) greedyCounts.set(base(i), k + 1);
    } while (greedyTaken.has(auto));
    if (auto !== n) explicit.add(i);
    greedyTaken.add(n);
  });
  // Check against the reader's numbering; anything still off is written out.
  for (let changed = true; changed;) {
    changed = false;
    const taken = new Set([...explicit].map((i) => names[i]!));
    const counts = new Map<string, number>();
    layers.forEach((_, i) => {
      if (explicit.has(i)) return;
      const b = base(i);
      let auto: string;
      do {
        const k = counts.get(b) ?? 0;
        counts.set(b, k + 1);
        auto = k === 0 ? b : `${b}_${k}`;
      } while (taken.has(auto));
      taken.add(auto);
      if (auto !== names[i]) {
        explicit.add(i);
        changed = true;
      }
    });
  }
  return names.map((n, i) => (explicit.has(i) ? n : null));
}

const pair = (p: Pair): string => pyTuple(p);
const isOne = (p: Pair): boolean => p[0] === 1 && p[1] === 1;

interface Written {
  readonly lines: string[];
  readonly notes: string[];
}

/** padding= for a window layer, or a ZeroPadding2D to put in front (with a note). */
function paddingArg(padding: Padding, kernel: Pair, strides: Pair, dilation: Pair, la: LayerAnalysis | undefined, what: string): { arg: string | null; zeroPad: Pair | null; note: string | null } {
  if (padding === 'same') return { arg: 'padding="same"', zeroPad: null, note: null };
  if (isZero(padding)) return { arg: null, zeroPad: null, note: null };
  const explicit = padding as Pair;
  if (samePads(resolvedPadding(la), samePadding(la, kernel, strides, dilation))) return { arg: 'padding="same"', zeroPad: null, note: null };
  return {
    arg: null,
    zeroPad: explicit,
    note: `${what} pads ${explicit[0]} row(s) and ${explicit[1]} column(s) on each side, which Keras' 'valid' and 'same' cannot say: ` +
      'the code puts a layers.ZeroPadding2D in front, which runs in Keras but ConvLab does not read back' +
      (what.startsWith('Max') ? ' (and it pads with zeros, where ConvLab and PyTorch leave padded cells out of the max)' : ''),
  };
}

function layerCall(spec: LayerSpec, la: LayerAnalysis | undefined, label: string): { call: string; zeroPad: Pair | null; notes: string[] } {
  const notes: string[] = [];
  const act = (a: Activation): string[] => (a === 'linear' ? [] : [`activation=${kerasActivation(a)}`]);
  switch (spec.kind) {
    case 'conv2d': {
      const p = paddingArg(spec.padding, spec.kernelSize, spec.strides, spec.dilation, la, label);
      if (p.note) notes.push(p.note);
      if (!isOne(spec.strides) && !isOne(spec.dilation)) notes.push(`${label} has strides ${spec.strides.join('×')} and dilation ${spec.dilation.join('×')} together, which Keras' Conv2D refuses`);
      if (spec.convention === 'convolution') notes.push(`${label} slides the flipped kernel (the textbook convolution); Keras cross-correlates, so the code is the same model up to flipping the learned kernels, and ConvLab reads it back as cross-correlation`);
      const args = [
        pyInt(spec.filters), `kernel_size=${pair(spec.kernelSize)}`,
        ...(isOne(spec.strides) ? [] : [`strides=${pair(spec.strides)}`]),
        ...(p.arg ? [p.arg] : []),
        ...(isOne(spec.dilation) ? [] : [`dilation_rate=${pair(spec.dilation)}`]),
        ...(spec.groups === 1 ? [] : [`groups=${pyInt(spec.groups)}`]),
        ...act(spec.activation),
        ...(spec.useBias ? [] : ['use_bias=False']),
      ];
      return { call: `layers.Conv2D(${args.join(', ')})`, zeroPad: p.zeroPad, notes };
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const p = paddingArg(spec.padding, spec.poolSize, spec.strides, [1, 1], la, label);
      if (p.note) notes.push(p.note);
      const sameAsPool = spec.strides[0] === spec.poolSize[0] && spec.strides[1] === spec.poolSize[1];
      const args = [`pool_size=${pair(spec.poolSize)}`, ...(sameAsPool ? [] : [`strides=${pair(spec.strides)}`]), ...(p.arg ? [p.arg] : [])];
      return { call: `layers.${kerasClass(spec)}(${args.join(', ')})`, zeroPad: p.zeroPad, notes };
    }
    case 'globalAvgPool2d':
      return { call: `layers.GlobalAveragePooling2D(${spec.keepDims ? 'keepdims=True' : ''})`, zeroPad: null, notes };
    case 'dense':
      return { call: `layers.Dense(${[pyInt(spec.units), ...act(spec.activation), ...(spec.useBias ? [] : ['use_bias=False'])].join(', ')})`, zeroPad: null, notes };
    case 'flatten':
      return { call: 'layers.Flatten()', zeroPad: null, notes };
    case 'dropout':
      return { call: `layers.${kerasClass(spec)}(${pyFloat(spec.rate)})`, zeroPad: null, notes };
    case 'activation':
      return { call: `layers.Activation(${kerasActivation(spec.activation, spec.log)})`, zeroPad: null, notes };
    case 'batchNorm': {
      const args = [...(spec.momentum === 0.99 ? [] : [`momentum=${pyFloat(spec.momentum)}`]), ...(spec.epsilon === 0.001 ? [] : [`epsilon=${pyFloat(spec.epsilon)}`])];
      return { call: `layers.BatchNormalization(${args.join(', ')})`, zeroPad: null, notes };
    }
    case 'locallyConnected2d': {
      notes.push(`${label} is a LocallyConnected2D: Keras 3 no longer has it (tf.keras in TensorFlow 2 does), so run this code with tf.keras or swap in the PyTorch version`);
      const args = [
        pyInt(spec.filters), `kernel_size=${pair(spec.kernelSize)}`, ...(isOne(spec.strides) ? [] : [`strides=${pair(spec.strides)}`]),
        ...act(spec.activation), ...(spec.useBias ? [] : ['use_bias=False']),
      ];
      return { call: `layers.LocallyConnected2D(${args.join(', ')})`, zeroPad: null, notes };
    }
    case 'reshape':
      return { call: `layers.Reshape(${pyTuple(kerasShapeOf(spec.targetShape))})`, zeroPad: null, notes };
    default:
      throw new UnsupportedCodegen('Keras', `${label} is a ${spec.kind}, which the Keras writer does not write yet`);
  }
}

function withName(call: string, name: string | null): string {
  if (name === null) return call;
  return call.endsWith('()') ? `${call.slice(0, -1)}name=${pyString(name)})` : `${call.slice(0, -1)}, name=${pyString(name)})`;
}

/** A merge layer's call: Concatenate's axis in Keras' channels-last order (core 0 → -1). */
function mergeCall(spec: LayerSpec & { kind: 'merge' }): string {
  if (spec.op !== 'concatenate') return `layers.${MERGE_CLASSES[spec.op]}()`;
  const axis = spec.axis ?? 0;
  return axis === 0 ? 'layers.Concatenate()' : `layers.Concatenate(axis=${axis})`;
}

/** A graph as Keras' functional API: one variable per layer, the model from input to outputs. */
function toKerasFunctional(model: ModelIR): GeneratedCode {
  const analysis = analyseModel(model);
  const names = explicitNames(model.layers);
  const notes: string[] = [];
  const lines: string[] = [];
  if (model.inputShape.length > 0) lines.push(`inputs = keras.Input(shape=${pyTuple(kerasShapeOf(model.inputShape))})`);
  else {
    lines.push('inputs = keras.Input(shape=None)');
    notes.push('the input shape is unknown: write it in keras.Input(shape=(height, width, channels))');
  }
  const v = (j: number): string => (j === INPUT_NODE ? 'inputs' : `x${j}`);
  model.layers.forEach((layer, i) => {
    const ins = inputsOf(model, i);
    if (layer.spec.kind === 'merge') {
      lines.push(`${v(i)} = ${withName(mergeCall(layer.spec), names[i]!)}([${ins.map(v).join(', ')}])`);
      return;
    }
    const { call, zeroPad, notes: more } = layerCall(layer.spec, analysis.layers[i], `${kerasClass(layer.spec)} '${layer.name}'`);
    notes.push(...more);
    let arg = v(ins[0]!);
    if (zeroPad) {
      lines.push(`${v(i)} = layers.ZeroPadding2D(padding=${pyTuple(zeroPad)})(${arg})`);
      arg = v(i);
    }
    lines.push(`${v(i)} = ${withName(call, names[i]!)}(${arg})`);
  });
  const outs = outputsOf(model).map(v);
  const name = snakeName(model.name);
  const code = [
    'import keras',
    'from keras import layers',
    '',
    ...lines,
    `model = keras.Model(inputs, ${outs.length === 1 ? outs[0] : `[${outs.join(', ')}]`}, name=${pyString(name)})`,
    '',
  ].join('\n');
  return { language: 'keras', fileName: `${name}_keras.py`, code, notes };
}

/** The model as a Keras Sequential, or, for a graph, in the functional API. */
export function toKeras(model: ModelIR): GeneratedCode {
  requireWritable(model, 'Keras', WRITABLE);
  if (isGraphModel(model)) return toKerasFunctional(model);
  const analysis = analyseModel(model);
  const names = explicitNames(model.layers);
  const body: Written = { lines: [], notes: [] };
  if (model.inputShape.length > 0) body.lines.push(`keras.Input(shape=${pyTuple(kerasShapeOf(model.inputShape))}),`);
  else body.notes.push('the input shape is unknown: add keras.Input(shape=(height, width, channels)) as the first entry');
  model.layers.forEach((layer, i) => {
    const la = analysis.layers[i];
    const label = `${kerasClass(layer.spec)} '${layer.name}'`;
    const { call, zeroPad, notes } = layerCall(layer.spec, la, label);
    body.notes.push(...notes);
    if (layer.spec.kind === 'conv2d' && layer.spec.convention === 'convolution') body.lines.push('# ConvLab slides this kernel flipped (true convolution); Keras cross-correlates.');
    if (zeroPad) body.lines.push(`layers.ZeroPadding2D(padding=${pyTuple(zeroPad)}),`);
    body.lines.push(`${withName(call, names[i]!)},`);
  });
  const name = snakeName(model.name);
  const code = [
    'import keras',
    'from keras import layers',
    '',
    'model = keras.Sequential([',
    ...body.lines.map((l) => `    ${l}`),
    `], name=${pyString(name)})`,
    '',
  ].join('\n');
  return { language: 'keras', fileName: `${name}_keras.py`, code, notes: body.notes };
}
