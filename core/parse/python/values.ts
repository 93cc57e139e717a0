/**
 * The values ConvLab's Python reader works with. It follows a model file the way Python
 * would run it, but only as far as constants, layers and models go: `num_layers = 4`, a
 * `range(num_layers)` loop, `keras.layers.Dense(512)`, `self.conv1(x)`. Anything else
 * (data, optimisers, file I/O) is UNKNOWN and carries on silently, until it reaches a
 * layer or a model: that is where ConvLab says what it could not follow.
 *
 * Tuples and lists are both JavaScript arrays (ConvLab never needs the difference).
 */
import type { LayerIR, LayerSpec } from '../../model/ir';
import type { SyntaxNode } from './syntax';

export type Framework = 'keras' | 'pytorch';

export interface UnknownValue {
  readonly kind: 'unknown';
}

export const UNKNOWN: UnknownValue = { kind: 'unknown' };

/** The batch size read from a tensor (`x.size(0)`, `x.shape[0]`): for x.view(x.size(0), -1). */
export interface BatchDim {
  readonly kind: 'batch';
}

export const BATCH: BatchDim = { kind: 'batch' };

/** A module, or a name inside one, by its canonical dotted path: 'keras.layers.Conv2D'. */
export interface PathValue {
  readonly kind: 'path';
  readonly path: string;
}

/** An input shape as the code states it, already in the core's [C, H, W] order. */
export interface InputInfo {
  /** null when the code's shape is not a constant ConvLab can work out. */
  readonly shape: readonly number[] | null;
  /** A shape with sizes left open, Keras' (None, None, 3), in the IR's order with null for None. */
  readonly open?: readonly (number | null)[];
  readonly from: number;
  readonly to: number;
  /** Made by torch.rand(1, *shape) to probe sizes, not the model's input: batch pitfalls don't apply. */
  readonly probe?: boolean;
}

/** A layer object: built by a constructor call, applied to a tensor later (or added to a model). */
export interface LayerValue {
  readonly kind: 'layer';
  /** null when ConvLab can't model it: applying it then reports `omitted` and passes the tensor on. */
  readonly spec: LayerSpec | null;
  readonly omitted?: { readonly message: string; readonly code: 'unknownLayer' | 'unresolved' | 'unsupported' | 'invalidArgument'; readonly severity?: 'error' };
  name: string;
  /** The name was written in the code (Keras' name=, a PyTorch attribute): keep it. */
  named: boolean;
  /** The constructor call: the layer's range. */
  readonly from: number;
  readonly to: number;
  /** Keras' input_shape= on a first layer. */
  readonly inputShape?: InputInfo;
}

/**
 * One layer applied to tensors: a node of the model's graph. `order` is when it was
 * made: every node is made after its inputs, so sorting by it is a topological order.
 */
export interface TensorNode {
  readonly layer: LayerIR;
  readonly inputs: readonly TensorValue[];
  readonly order: number;
}

/**
 * A tensor flowing through the model: the output of a graph node, or (node null) a model
 * input. Tensors are immutable and share their history, so residual branches, merges and
 * several outputs cost nothing to follow (see tensorGraph.ts).
 */
export interface TensorValue {
  readonly kind: 'tensor';
  readonly node: TensorNode | null;
  /** The input it descends from (the first one, where paths from several meet). */
  readonly input: InputInfo | null;
  /** Whose model it flows through, where known: the order its `.shape` is read in. */
  readonly framework?: Framework;
}

/** One thing a Sequential holds, with where it was written (for diagnostics). */
export interface SequentialItem {
  readonly value: Value;
  readonly from: number;
  readonly to: number;
}

/** keras.Sequential or nn.Sequential: a container of layers, and a model on its own. */
export interface SequentialValue {
  readonly kind: 'sequential';
  readonly framework: Framework;
  readonly items: SequentialItem[];
  /** Keys of nn.Sequential(OrderedDict(...)), by position. */
  readonly keys?: readonly string[];
  input: InputInfo | null;
  name: string;
  named: boolean;
  /** The variable it was first assigned to, if any. */
  variable?: string;
  /** Placed inside another Sequential: without a variable of its own, it is not a model. */
  nested?: boolean;
  readonly from: number;
  to: number;
}

/** keras.Model(inputs, outputs): the layers on the paths from its input to its outputs. */
export interface FunctionalValue {
  readonly kind: 'functional';
  /** The model's input tensor, which a call on another tensor replaces. */
  readonly input: TensorValue | null;
  readonly outputs: readonly TensorValue[];
  name: string;
  named: boolean;
  readonly from: number;
  readonly to: number;
}

export interface FunctionValue {
  readonly kind: 'function';
  readonly node: SyntaxNode;
  readonly name: string;
  /** Names visible where it was defined (Python's closures, read-only here). */
  readonly scope: Scope;
  /** The instance it is bound to, for methods looked up on `self`. */
  readonly self?: InstanceValue;
  /** The class whose body defines it: where super() starts looking. */
  readonly owner?: ClassValue;
  /** Defined in one of ConvLab's model sources (torchvision's resnet18, Keras' ResNet50), not the learner's file. */
  readonly zoo?: ZooSource;
  /** @staticmethod (no self), @classmethod (the class first), @property (read as an attribute). */
  readonly decorator?: 'staticmethod' | 'classmethod' | 'property';
  /** A classmethod's class, bound where it is looked up. */
  readonly cls?: ClassValue;
}

/** A model-zoo source: Python text ConvLab ships, read by the same reader. */
export interface ZooSource {
  readonly name: string;
  readonly text: string;
}

/** `model.parameters()`: the weights of a module, as far as freezing them goes (see freezing.ts). */
export interface ParamsValue {
  readonly kind: 'params';
  readonly of: Value;
}

/** argparse.ArgumentParser(): the options' defaults (see argparse.ts). */
export interface ArgParserValue {
  readonly kind: 'argparser';
  readonly defaults: Map<string, Value>;
}

/** What parse_args() returns: the defaults as attributes (args.num_classes). */
export interface NamespaceValue {
  readonly kind: 'namespace';
  readonly attrs: Map<string, Value>;
}

/** super() inside a method: the instance, seen from the defining class's bases. */
export interface SuperValue {
  readonly kind: 'super';
  readonly instance: InstanceValue;
  readonly owner: ClassValue;
}

export interface ClassValue {
  readonly kind: 'class';
  readonly name: string;
  readonly node: SyntaxNode;
  /** 'pytorch' for nn.Module subclasses, 'keras' for keras.Model / Layer subclasses. */
  readonly framework: Framework | null;
  /** A Keras Layer subclass: a part of models, never a model of its own. */
  readonly isLayer: boolean;
  readonly methods: ReadonlyMap<string, FunctionValue>;
  /** Class attributes (`cfg = {...}`, `expansion = 4`), inherited ones included. */
  readonly attrs: ReadonlyMap<string, Value>;
  /** Base classes from the file, for super(). */
  readonly bases: readonly ClassValue[];
}

/** An instance of a class from the file (self inside its methods). */
export interface InstanceValue {
  readonly kind: 'instance';
  readonly cls: ClassValue;
  readonly attrs: Map<string, Value>;
  /** Built by a zoo model: the learner's call that built it (`models.resnet18()`), for ranges. */
  readonly site?: { readonly from: number; readonly to: number };
}

export interface DictValue {
  readonly kind: 'dict';
  readonly entries: [Value, Value][];
}

export type RefValue =
  | UnknownValue | BatchDim | PathValue | LayerValue | TensorValue | SequentialValue
  | FunctionalValue | FunctionValue | ClassValue | InstanceValue | DictValue | SuperValue | ParamsValue | ArgParserValue | NamespaceValue;

export type Value = number | string | boolean | null | Value[] | RefValue;

export function isRef(v: Value): v is RefValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isKind<K extends RefValue['kind']>(v: Value, kind: K): v is Extract<RefValue, { kind: K }> {
  return isRef(v) && v.kind === kind;
}

export function isUnknown(v: Value): boolean {
  return isRef(v) && (v.kind === 'unknown' || v.kind === 'batch');
}

export function tensorOf(v: Value | undefined): TensorValue | undefined {
  return v !== undefined && isRef(v) && v.kind === 'tensor' ? v : undefined;
}

/** A list whose every item is a tensor (merge inputs: [x, shortcut]); null for anything else or an empty list. */
export function tensorList(v: Value | undefined): TensorValue[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const ts = v.map(tensorOf);
  return ts.every((t) => t !== undefined) ? (ts as TensorValue[]) : null;
}

/** Something a model is made of: where a value reaching a layer means a diagnostic is due. */
export function isModelPart(v: Value): boolean {
  if (Array.isArray(v)) return v.some(isModelPart);
  return isRef(v) && (v.kind === 'tensor' || v.kind === 'layer' || v.kind === 'sequential' || v.kind === 'functional' || v.kind === 'instance');
}

/** Python's truth value, or undefined when it can't be told. */
export function truthy(v: Value): boolean | undefined {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v.kind === 'dict') return v.entries.length > 0;
  return v.kind === 'unknown' || v.kind === 'batch' ? undefined : true;
}

/**
 * Where each element of a list or tuple literal was written, so that a Sequential's items
 * keep their own ranges for diagnostics. Weak: it holds nothing alive.
 */
export const elementRanges = new WeakMap<readonly Value[], readonly { readonly from: number; readonly to: number }[]>();

/** Variables by name, with the enclosing scope behind (a function's locals, then the module). */
export class Scope {
  private readonly vars = new Map<string, Value>();

  constructor(readonly parent?: Scope) {}

  get(name: string): Value | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }

  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }
}
