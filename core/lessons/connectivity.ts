/**
 * Dense versus locally connected versus convolution, at the same input and output sizes:
 * the lecture's "sparse interactions" and "parameter sharing" as numbers.
 *
 * An input of C×H×W values and an output of F×H'×W' values (H', W' from the kernel's
 * window) can be joined three ways:
 *
 *   dense               every output meets every input:        weights  (C·H·W)·(F·H'·W')
 *   locally connected   each output meets one k×k×C window,    weights  H'·W'·(k·k·C·F)
 *                       with weights of its own
 *   convolution         the same windows, one shared kernel:   weights  k·k·C·F
 *
 * plus one bias per output (dense, locally connected: Keras' LocallyConnected2D has a bias
 * per position and filter) or per filter (convolution). The connections — the
 * input–output pairs that interact — are all pairs for dense, and the window's taps that
 * land on the input for the other two (taps on zero padding join nothing): sparse.
 * Locally connected and convolution have the same connections; sharing is the only
 * difference, and it divides the weights by H'·W'.
 */
import { analyseModel } from '../analysis';
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types';
import { resolveAxis } from '../analysis/window';
import type { LayerKind, LayerSpec, ModelIR, Padding, Pair } from '../model/ir';
import { count } from './format';

export interface ConnectivityGeometry {
  /** [channels, height, width]. */
  readonly inputShape: readonly [number, number, number];
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly strides?: Pair;
  readonly padding?: Padding;
  readonly dilation?: Pair;
  readonly useBias?: boolean;
}

export type ConnectionKind = 'dense' | 'locallyConnected' | 'conv';

export interface ConnectivityRow {
  readonly kind: ConnectionKind;
  readonly label: string;
  readonly weights: number;
  readonly biases: number;
  readonly params: number;
  /** The parameter count with the numbers filled in. */
  readonly paramsFormula: string;
  /** Input–output pairs that interact (each is one multiply per example). */
  readonly connections: number;
  readonly connectionsFormula: string;
  /** Inputs one output unit sees (the most, at the centre when padding cuts windows). */
  readonly inputsPerOutput: number;
  /** Outputs one input unit reaches (the most, over all input positions). */
  readonly outputsPerInput: number;
  readonly weightsShared: boolean;
  /** How many connections each weight serves: 1 without sharing. */
  readonly usesPerWeight: number;
  /** What the layer can learn: patterns over the whole input, or local ones. */
  readonly pattern: 'global' | 'local';
}

export interface ConnectivityComparison {
  readonly inputShape: readonly [number, number, number];
  readonly outputShape: readonly [number, number, number];
  readonly inputUnits: number;
  readonly outputUnits: number;
  readonly dense: ConnectivityRow;
  readonly locallyConnected: ConnectivityRow;
  readonly conv: ConnectivityRow;
  /** dense ÷ conv parameters, and locally connected ÷ conv: what sparsity and sharing save. */
  readonly savings: { readonly denseOverConv: number; readonly locallyConnectedOverConv: number; readonly denseOverLocallyConnected: number };
}

/** Per axis: the taps that land on real input, and the most windows any one input index is in. */
function axisCoverage(n: number, k: number, s: number, d: number, padding: Padding, axis: 0 | 1): { out: number; taps: number; maxWindows: number; maxTaps: number } {
  const w = resolveAxis(n, k, s, d, padding, axis);
  const windows = new Int32Array(n);
  let taps = 0;
  let maxTaps = 0;
  for (let o = 0; o < w.outSize; o++) {
    let inside = 0;
    for (let t = 0; t < k; t++) {
      const i = o * s - w.padBefore + t * d;
      if (i >= 0 && i < n) {
        windows[i]! += 1;
        inside++;
      }
    }
    taps += inside;
    maxTaps = Math.max(maxTaps, inside);
  }
  let maxWindows = 0;
  for (const c of windows) maxWindows = Math.max(maxWindows, c);
  return { out: w.outSize, taps, maxWindows, maxTaps };
}

export function compareConnectivity(g: ConnectivityGeometry): ConnectivityComparison {
  const [C, H, W] = g.inputShape;
  const F = g.filters;
  const [kh, kw] = g.kernelSize;
  const strides = g.strides ?? [1, 1];
  const dilation = g.dilation ?? [1, 1];
  const padding = g.padding ?? 'valid';
  const bias = g.useBias ?? true;
  const ints = [C, H, W, F, kh, kw, ...strides, ...dilation];
  if (!ints.every((v) => Number.isInteger(v) && v >= 1)) throw new RangeError(`sizes must be whole numbers ≥ 1, got ${ints.join(', ')}`);
  const rows = axisCoverage(H, kh, strides[0], dilation[0], padding, 0);
  const cols = axisCoverage(W, kw, strides[1], dilation[1], padding, 1);
  if (rows.out <= 0 || cols.out <= 0) throw new RangeError(`the ${kh}×${kw} kernel does not fit the ${H}×${W} input: the output would be ${rows.out}×${cols.out}`);
  const [oh, ow] = [rows.out, cols.out];
  const inputUnits = C * H * W;
  const outputUnits = F * oh * ow;
  const positions = oh * ow;
  const windowTaps = C * kh * kw;
  const windowConnections = F * C * rows.taps * cols.taps;
  const inputsPerWindow = C * rows.maxTaps * cols.maxTaps;
  const outputsPerInputLocal = F * rows.maxWindows * cols.maxWindows;
  const b = (text: string): string => (bias ? ` + ${text}` : '');

  const denseWeights = inputUnits * outputUnits;
  const denseBiases = bias ? outputUnits : 0;
  const dense: ConnectivityRow = {
    kind: 'dense',
    label: 'Dense (fully connected)',
    weights: denseWeights,
    biases: denseBiases,
    params: denseWeights + denseBiases,
    paramsFormula: `(${C}·${H}·${W})·(${F}·${oh}·${ow})${b(`${F}·${oh}·${ow}`)} = ${count(denseWeights + denseBiases)}`,
    connections: denseWeights,
    connectionsFormula: `every input × every output = ${count(inputUnits)}·${count(outputUnits)} = ${count(denseWeights)}`,
    inputsPerOutput: inputUnits,
    outputsPerInput: outputUnits,
    weightsShared: false,
    usesPerWeight: 1,
    pattern: 'global',
  };

  const lcWeights = positions * windowTaps * F;
  const lcBiases = bias ? positions * F : 0;
  const tapsText = rows.taps === oh * kh && cols.taps === ow * kw
    ? `${F}·${oh}·${ow}·(${kh}·${kw}·${C})`
    : `${F}·${C}·${rows.taps}·${cols.taps} (taps on padding join nothing)`;
  const locallyConnected: ConnectivityRow = {
    kind: 'locallyConnected',
    label: 'Locally connected (no sharing)',
    weights: lcWeights,
    biases: lcBiases,
    params: lcWeights + lcBiases,
    paramsFormula: `${oh}·${ow}·(${kh}·${kw}·${C}·${F})${b(`${oh}·${ow}·${F}`)} = ${count(lcWeights + lcBiases)}`,
    connections: windowConnections,
    connectionsFormula: `${tapsText} = ${count(windowConnections)}`,
    inputsPerOutput: inputsPerWindow,
    outputsPerInput: outputsPerInputLocal,
    weightsShared: false,
    usesPerWeight: windowConnections / lcWeights,
    pattern: 'local',
  };

  const convWeights = windowTaps * F;
  const convBiases = bias ? F : 0;
  const conv: ConnectivityRow = {
    kind: 'conv',
    label: 'Convolution (shared kernel)',
    weights: convWeights,
    biases: convBiases,
    params: convWeights + convBiases,
    paramsFormula: `${kh}·${kw}·${C}·${F}${b(`${F}`)} = ${count(convWeights + convBiases)}`,
    connections: windowConnections,
    connectionsFormula: `${tapsText} = ${count(windowConnections)}`,
    inputsPerOutput: inputsPerWindow,
    outputsPerInput: outputsPerInputLocal,
    weightsShared: true,
    usesPerWeight: windowConnections / convWeights,
    pattern: 'local',
  };

  return {
    inputShape: [C, H, W],
    outputShape: [F, oh, ow],
    inputUnits,
    outputUnits,
    dense,
    locallyConnected,
    conv,
    savings: {
      denseOverConv: dense.params / conv.params,
      locallyConnectedOverConv: locallyConnected.params / conv.params,
      denseOverLocallyConnected: dense.params / locallyConnected.params,
    },
  };
}

/**
 * The lecture's picture of sparse interactions in one dimension: n inputs x₁…xₙ and n
 * outputs s₁…sₙ, joined by a kernel of width k ('same' zero padding) or densely. Edges are
 * [input, output] index pairs, for drawing; `reachOf(i)` style questions read them.
 */
export function interactionGraph1d(n: number, k: number, kind: 'dense' | 'conv'): { readonly inputs: number; readonly outputs: number; readonly edges: readonly (readonly [number, number])[] } {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 1)) throw new RangeError(`n and k must be whole numbers ≥ 1, got ${n}, ${k}`);
  const edges: [number, number][] = [];
  const before = Math.floor((k - 1) / 2);
  for (let o = 0; o < n; o++) {
    for (let i = 0; i < n; i++) {
      if (kind === 'dense' || (i >= o - before && i < o - before + k)) edges.push([i, o]);
    }
  }
  return { inputs: n, outputs: n, edges };
}

// ——— The same three kinds in a model ———

export interface ModelLayerConnectivity {
  readonly index: number;
  readonly name: string;
  /** The framework's name (Conv2D, nn.Linear, …). */
  readonly type: string;
  readonly kind: ConnectionKind;
  readonly inputShape: readonly number[] | null;
  readonly outputShape: readonly number[] | null;
  readonly params: number | null;
  readonly connections: number | null;
  readonly weightsShared: boolean;
  readonly pattern: 'global' | 'local';
  /**
   * The three ways to join the same input and output sizes: for a conv or locally
   * connected layer, with its window; for a Dense layer after Flatten, with a window as
   * large as the map it flattens (one position: the three coincide).
   */
  readonly alternatives: ConnectivityComparison | null;
  /** For a Dense layer after Flatten: the [C, H, W] map the Flatten unrolled. */
  readonly flattenedFrom: readonly [number, number, number] | null;
}

export interface ModelConnectivity {
  readonly layers: readonly ModelLayerConnectivity[];
  readonly counts: Readonly<Record<ConnectionKind, number>>;
}

const KINDS: Partial<Record<LayerKind, ConnectionKind>> = { dense: 'dense', conv2d: 'conv', locallyConnected2d: 'locallyConnected' };

function alternativesOf(layer: LayerAnalysis, model: ModelIR): ConnectivityComparison | null {
  const spec = model.layers[layer.index]!.spec;
  const input = layer.inputShape;
  if (!input || input.length !== 3 || (spec.kind !== 'conv2d' && spec.kind !== 'locallyConnected2d')) return null;
  if (spec.kind === 'conv2d' && spec.groups !== 1) return null; // grouped: the three-way comparison assumes every channel meets every filter
  try {
    return compareConnectivity({
      inputShape: [input[0]!, input[1]!, input[2]!],
      filters: spec.filters,
      kernelSize: spec.kernelSize,
      strides: spec.strides,
      padding: spec.kind === 'conv2d' ? spec.padding : 'valid',
      dilation: spec.kind === 'conv2d' ? spec.dilation : [1, 1],
      useBias: spec.useBias,
    });
  } catch {
    return null; // a layer analysis already reports (the kernel does not fit)
  }
}

/** Layers that keep every value where it is (a Dense layer after them still sees the Flatten's unrolled map). */
const ELEMENTWISE: ReadonlySet<LayerKind> = new Set<LayerKind>(['dropout', 'activation', 'batchNorm']);

/** The map a Flatten unrolled right before this layer (through dropout, activations, batch norm), or null. */
function flattenedMap(analysis: ModelAnalysis, index: number): [number, number, number] | null {
  for (let i = index - 1; i >= 0; i--) {
    const l = analysis.layers[i]!;
    if (l.kind === 'flatten') {
      const s = l.inputShape;
      return s && s.length === 3 ? [s[0]!, s[1]!, s[2]!] : null;
    }
    if (!ELEMENTWISE.has(l.kind)) return null;
  }
  return null;
}

/**
 * A Dense layer of `units` after Flatten of a C×H×W map, as the lesson's comparison: a
 * window of H×W covers the whole map, so there is one position and units filters — dense,
 * locally connected and convolution then have the same weights. Sparsity and sharing save
 * only where a window is smaller than its input.
 */
function denseAlternatives(map: readonly [number, number, number], spec: Extract<LayerSpec, { kind: 'dense' }>): ConnectivityComparison | null {
  try {
    return compareConnectivity({ inputShape: map, filters: spec.units, kernelSize: [map[1], map[2]], useBias: spec.useBias });
  } catch {
    return null;
  }
}

/** Which layers of a model are dense, convolution or locally connected, with their numbers. */
export function modelConnectivity(model: ModelIR): ModelConnectivity {
  const analysis = analyseModel(model);
  const counts: Record<ConnectionKind, number> = { dense: 0, conv: 0, locallyConnected: 0 };
  const layers: ModelLayerConnectivity[] = [];
  for (const layer of analysis.layers) {
    const kind = KINDS[layer.kind];
    if (!kind) continue;
    counts[kind] += 1;
    const spec = model.layers[layer.index]!.spec;
    const flattenedFrom = spec.kind === 'dense' ? flattenedMap(analysis, layer.index) : null;
    const alternatives = spec.kind === 'dense' ? (flattenedFrom ? denseAlternatives(flattenedFrom, spec) : null) : alternativesOf(layer, model);
    const onMap = (layer.inputShape?.length ?? 1) > 1;
    const inputUnits = layer.inputShape?.length === 1 ? layer.inputShape[0]! : null;
    const connections = kind === 'dense'
      ? (inputUnits !== null && layer.outputShape ? inputUnits * layer.outputShape[0]! : null)
      : (alternatives ? alternatives[kind].connections : layer.macs);
    layers.push({
      index: layer.index,
      name: layer.name,
      type: layer.type,
      kind,
      inputShape: layer.inputShape,
      outputShape: layer.outputShape,
      params: layer.params?.total ?? null,
      connections,
      // A dense layer on a vector sees all of it; fed a feature map it acts per position
      // (Keras' Dense on the channel axis: a 1×1 convolution, shared across positions).
      weightsShared: kind === 'conv' || (kind === 'dense' && onMap),
      pattern: kind === 'dense' && !onMap ? 'global' : 'local',
      alternatives,
      flattenedFrom,
    });
  }
  return { layers, counts };
}
