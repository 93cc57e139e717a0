/**
 * What both generators share: the result type, and the padding questions a model from one
 * framework raises in the other (PyTorch pads explicitly, Keras by 'valid' or 'same').
 */
import type { LayerAnalysis } from '../analysis/types';
import { resolveAxis } from '../analysis/window';
import { graphError, inputsOf, isChain } from '../model/graph';
import type { ModelIR, Padding, Pair } from '../model/ir';

export type CodeLanguage = 'keras' | 'pytorch';

export interface GeneratedCode {
  readonly language: CodeLanguage;
  /** A file name to suggest, e.g. "teaching_cnn_keras.py". */
  readonly fileName: string;
  readonly code: string;
  /**
   * Where the code is not exactly the model: a setting the framework cannot write, or one
   * ConvLab cannot read back. Empty when the code parses back to the same model.
   */
  readonly notes: readonly string[];
}

/** Padding resolved on both axes: [top, bottom, left, right]; null when the input is unknown. */
export type ResolvedPadding = readonly [number, number, number, number];

export function resolvedPadding(layer: LayerAnalysis | undefined): ResolvedPadding | null {
  const w = layer?.window;
  return w ? [w.rows.padBefore, w.rows.padAfter, w.cols.padBefore, w.cols.padAfter] : null;
}

/** What 'same' would pad for this window on this input, or null when the input is unknown. */
export function samePadding(layer: LayerAnalysis | undefined, kernel: Pair, strides: Pair, dilation: Pair): ResolvedPadding | null {
  const input = layer?.inputShape;
  if (!input || input.length !== 3) return null;
  const rows = resolveAxis(input[1]!, kernel[0], strides[0], dilation[0], 'same', 0);
  const cols = resolveAxis(input[2]!, kernel[1], strides[1], dilation[1], 'same', 1);
  return [rows.padBefore, rows.padAfter, cols.padBefore, cols.padAfter];
}

export function isZero(p: Padding): boolean {
  return p === 'valid' || (typeof p !== 'string' && p[0] === 0 && p[1] === 0);
}

export function samePads(a: ResolvedPadding | null, b: ResolvedPadding | null): boolean {
  return a !== null && b !== null && a.every((v, i) => v === b[i]);
}

/** "teaching CNN" → "teaching_cnn": Keras model names and file names. */
export function snakeName(name: string, fallback = 'model'): string {
  const s = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return s === '' ? fallback : /^[0-9]/.test(s) ? `${fallback}_${s}` : s;
}

/**
 * A model the generators cannot write yet: a graph (merges, several outputs) or a layer
 * kind without a writer. The message names what, so the command can tell the learner.
 */
export class UnsupportedCodegen extends Error {
  constructor(framework: string, what: string) {
    super(`ConvLab cannot write this model as ${framework} code yet: ${what}.`);
    this.name = 'UnsupportedCodegen';
  }
}

/** Throws UnsupportedCodegen for a model with a layer kind the writer does not write. */
export function requireWritable(model: ModelIR, framework: string, writable: ReadonlySet<string>): void {
  const broken = graphError(model);
  if (broken) throw new UnsupportedCodegen(framework, `its graph is malformed (${broken})`);
  const other = model.layers.find((l) => !writable.has(l.spec.kind));
  if (other) throw new UnsupportedCodegen(framework, `layer '${other.name}' is a ${other.spec.kind}, which the code writers do not write yet`);
  const merge = model.layers.find((l) => l.spec.kind === 'merge' && (l.spec.op === 'maximum' || l.spec.op === 'minimum') && inputsOf(model, model.layers.indexOf(l)).length !== 2);
  if (merge) throw new UnsupportedCodegen(framework, `layer '${merge.name}' takes the ${merge.spec.kind === 'merge' ? merge.spec.op : ''} of more than two tensors`);
}

/** Whether the model needs a graph writer (Keras' functional API, a PyTorch forward with names). */
export function isGraphModel(model: ModelIR): boolean {
  return !isChain(model);
}
