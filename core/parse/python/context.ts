/**
 * What the framework tables (keras/, torch/) see of the Python reader: a call with its
 * arguments already evaluated, and a host to report to. Keeping this boundary small lets
 * the tables be plain data plus short builders, with no knowledge of the syntax tree.
 */
import type { ParseDiagnosticCode, ParseSeverity } from '../types';
import type { FunctionalValue, LayerValue, SequentialValue, TensorValue, Value } from './values';

export interface CallArg {
  readonly value: Value;
  /** The whole argument, `kernel_size=(3, 3)` for a keyword one. */
  readonly from: number;
  readonly to: number;
  /** Just the value expression. */
  readonly valueFrom: number;
  readonly valueTo: number;
}

export interface Call {
  readonly from: number;
  readonly to: number;
  /** The callee as written, for messages: "layers.Conv2D". */
  readonly callee: string;
  readonly positional: readonly CallArg[];
  readonly keywords: ReadonlyMap<string, CallArg>;
  /** An *args or **kwargs ConvLab couldn't expand: some arguments are not known. */
  readonly opaque: boolean;
}

export interface Host {
  report(from: number, to: number, severity: ParseSeverity, code: ParseDiagnosticCode, message: string): void;
  /** The source between two offsets, shortened for a message. */
  snippet(from: number, to: number): string;
  /**
   * The base of a generated layer name ('conv2d', 'relu'): numbered per model when the model
   * is finished (conv2d, conv2d_1, …, as Keras numbers them), so names don't depend on the
   * order ConvLab reads the file in.
   */
  autoName(base: string): string;
  /** Calls a value (layer, Sequential, model, module instance) on a tensor. */
  applyTo(callee: Value, tensor: TensorValue, from: number, to: number): TensorValue;
  /** A tensor's shape as its framework's code reads it (batch first), or null when unknown. */
  tensorShape(t: TensorValue): readonly Value[] | null;
  /** Joins tensors with a merge layer (Add, Concatenate, `a + b`). */
  merge(layer: LayerValue, tensors: readonly TensorValue[], from: number, to: number): TensorValue;
  registerModel(model: SequentialValue | FunctionalValue): void;
  /** True while running a method of a class from the file (PyTorch's __init__ and forward). */
  readonly insideClass: boolean;
}

/** Binds a call's arguments to a signature's parameter names, as Python does. */
export function bindArgs(call: Call, params: readonly string[]): Map<string, CallArg> {
  const bound = new Map<string, CallArg>();
  call.positional.forEach((arg, i) => {
    const name = params[i];
    if (name !== undefined) bound.set(name, arg);
  });
  for (const [name, arg] of call.keywords) bound.set(name, arg);
  return bound;
}

export function firstTensor(call: Call): TensorValue | undefined {
  for (const arg of [...call.positional, ...call.keywords.values()]) {
    const v = arg.value;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'tensor') return v;
    if (Array.isArray(v)) {
      const t = v.find((x): x is TensorValue => typeof x === 'object' && x !== null && !Array.isArray(x) && x.kind === 'tensor');
      if (t) return t;
    }
  }
  return undefined;
}
