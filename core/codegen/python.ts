/**
 * Writing Python source: literals that Python reads back as the same values, identifiers
 * that are legal and unique, and the small pieces both generators share.
 */
import type { Activation, Pair } from '../model/ir';

/**
 * A float literal. JavaScript's shortest round-trip form ("0.1", "1e-7") is also a valid
 * Python float that parses to the same double; whole numbers get ".0" so they stay floats.
 */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`cannot write ${v} as a Python literal`);
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? v.toFixed(1) : String(v);
}

export function pyInt(v: number): string {
  if (!Number.isInteger(v)) throw new RangeError(`expected a whole number, got ${v}`);
  return String(v);
}

/** A double-quoted string literal; JSON's escapes are Python's too. */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/** PyTorch's habit: an int for a square pair, a tuple otherwise. */
export function intOrPair(p: Pair): string {
  return p[0] === p[1] ? pyInt(p[0]) : pyTuple(p);
}

const KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
]);

/** A legal Python identifier close to `name`: "features.0" → "features_0", "2d" → "_2d". */
export function identifier(name: string, fallback = 'layer'): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^_(?=[A-Za-z])/, '');
  if (id === '' || id === '_') id = fallback;
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (KEYWORDS.has(id)) id = `${id}_`;
  return id;
}

/** Identifiers made unique in order: a second "conv" becomes "conv_1". */
export function uniqueIdentifiers(names: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved);
  return names.map((n) => {
    const base = identifier(n);
    let id = base;
    for (let i = 1; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    return id;
  });
}

/** A class name: "teaching CNN" → "TeachingCNN", "depth_4" → "Depth4". */
export function className(name: string, fallback = 'Net'): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0);
  const id = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  if (id === '') return fallback;
  return /^[0-9]/.test(id) ? `${fallback}${id}` : id;
}

/** Keras' activation strings; 'linear' is Keras' default, so it is never written. */
/** Keras' string names where they differ from the IR's. */
const KERAS_ACTIVATION_NAMES: Partial<Record<Activation, string>> = { leakyRelu: 'leaky_relu', hardSwish: 'hard_swish', hardSigmoid: 'hard_sigmoid' };

export function kerasActivation(a: Activation, log = false): string {
  return pyString(a === 'softmax' && log ? 'log_softmax' : KERAS_ACTIVATION_NAMES[a] ?? a);
}
