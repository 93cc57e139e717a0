/**
 * The Python reader: runs a model file's statements as Python would, over @lezer/python's
 * tree, tracking constants, layers, tensors and models (see values.ts), and collects the
 * models it builds. It never executes anything of the learner's: it only reads.
 *
 * Bounds that keep it fast and finite on any input: a statement budget, a call depth, no
 * recursion into a function already running, at most MAX_LOOP_PASSES passes of a loop.
 */
import type { LayerIR, SourceRange } from '../../model/ir';
import { KERAS_LAYERS } from '../keras/layers';
import { isKerasConstructor } from '../keras/api';
import { LineIndex } from '../lines';
import { isTorchConstructor } from '../torch/api';
import { TORCH_MODULES } from '../torch/modules';
import type { ParseDiagnosticCode, ParseSeverity } from '../types';
import { PYTHON_BUILTINS } from './builtins';
import { applyTo, callMethod, callValue, evaluateCall, getAttr, mergeTensors } from './calls';
import { followGraph, inputTensor } from './tensorGraph';
import { frameworkShape, frameworkShapeOrNull, type ShapeBudget } from './tensorShape';
import type { Call } from './context';
import { Budget } from './budget';
import { evaluate } from './evaluate';
import { boundMethod, callFunction } from './functions';
import { canonicalPath, CONVENTIONAL_NAMES } from './imports';
import { Frame, type Interp } from './state';
import { execBody } from './statements';
import type { SyntaxNode } from './syntax';
import { SyntaxMemo, type ShapeOf } from './syntaxMemo';
import {
  BATCH, isRef, isUnknown, Scope, UNKNOWN, type ClassValue, type Framework, type FunctionalValue, type FunctionValue, type InstanceValue, type LayerValue,
  type SequentialValue, type TensorValue, type Value, type ZooSource,
} from './values';

/** Statements ConvLab runs per file before it stops: far more than any model file needs. */
const MAX_STEPS = 20000;
const MAX_CALL_DEPTH = 12;

export interface OffsetDiagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity: ParseSeverity;
  readonly code: ParseDiagnosticCode;
  readonly message: string;
}

export interface RegisteredModel {
  readonly value: SequentialValue | FunctionalValue;
  /** The enclosing function's name, for `return keras.Sequential([...])` in build_model(). */
  readonly functionName: string | undefined;
}

/**
 * A model class built with arguments outside any class: `ResNet(BasicBlock, [2, 2, 2, 2])`
 * in a `def resnet18()` builder, `VGG('VGG11')` in a test function. Each is a model of
 * its own, with the sizes those arguments give, named after the builder that returns it.
 */
export interface Instantiation {
  readonly instance: InstanceValue;
  readonly from: number;
  readonly to: number;
  /** The outermost function that returns it (resnet18 over _resnet), with its range. */
  returnedBy?: { readonly name: string; readonly from: number; readonly to: number };
  /** The function it was built in, if it is not returned. */
  readonly inFunction: string | undefined;
}

export function emptyCall(from: number, to: number, positional: Value[] = []): Call {
  return { from, to, callee: '', positional: positional.map((value) => ({ value, from, to, valueFrom: from, valueTo: to })), keywords: new Map(), opaque: false };
}

export class Interpreter implements Interp {
  readonly lines: LineIndex;
  readonly starImports: string[] = [];
  readonly models: RegisteredModel[] = [];
  readonly moduleScope = new Scope();
  /** Module-level functions and classes from the file, in the order they are defined. */
  readonly functions: FunctionValue[] = [];
  readonly classes: ClassValue[] = [];
  /** Classes instantiated inside another class's methods: parts of a model, not models. */
  readonly submoduleClasses = new Set<ClassValue>();
  readonly instantiations: Instantiation[] = [];
  private readonly called = new Set<number>();
  private readonly running = new Set<number>();
  private readonly functionNames: string[] = [];
  /** Layers whose names are generated, to number them per model (see autoName). */
  readonly autoNamed = new Map<LayerIR, LayerValue>();
  readonly sourceOf = new WeakMap<LayerIR, LayerValue>();
  readonly frozen = new Map<LayerValue, boolean>();
  /** Input shapes the code shows for a module (its first call on a made tensor, a torchsummary call). */
  readonly inputHints = new Map<InstanceValue | ClassValue, readonly number[]>();
  private sink: OffsetDiagnostic[] = [];
  private readonly limits: OffsetDiagnostic[] = [];
  private classDepth = 0;
  private readonly methodStack: FunctionValue[] = [];
  buildEvents = 0;
  private steps = 0;

  /**
   * The input shape a model without one in its code is read with, in the core's order, by
   * framework (the file's `# convlab: input` comment, else the setting): for `x.shape[1]`.
   */
  assumedInput: Partial<Record<Framework, readonly number[]>> = {};
  private readonly shapeBudget: ShapeBudget = { spent: 0, known: new WeakMap() };
  private readonly syntaxMemo = new SyntaxMemo();

  shapeOf<T>(shape: ShapeOf<T>, node: SyntaxNode): T {
    return this.syntaxMemo.of(shape, node, this.text);
  }

  /**
   * While zoo code runs (a torchvision or Keras applications model ConvLab ships as Python),
   * its own text is read, and every range it makes is the learner's call that asked for it.
   */
  private zooContext: { readonly source: ZooSource; readonly site: { readonly from: number; readonly to: number } } | null = null;

  get text(): string {
    return this.zooContext?.source.text ?? this.fileText;
  }

  get zoo(): ZooSource | undefined {
    return this.zooContext?.source;
  }

  /** Runs fn with zoo code's text, its ranges all at `site` in the learner's file. */
  inZoo<T>(source: ZooSource, site: { readonly from: number; readonly to: number }, fn: () => T): T {
    const outer = this.zooContext;
    this.zooContext = { source, site };
    try {
      return fn();
    } finally {
      this.zooContext = outer;
    }
  }

  constructor(private readonly fileText: string, private readonly hint: Framework | null, readonly budget: Budget = new Budget()) {
    // Limits are kept apart from the sink: a limit hit inside a captured run (an uncalled
    // function whose notes are dropped) must still be said, and it is said only once. Hit
    // inside zoo code, a limit is the learner's call's (the zoo's own text is not theirs).
    budget.attach((from, to, severity, code, message) => {
      const at = this.zooContext?.site ?? { from, to };
      this.limits.push({ from: at.from, to: at.to, severity, code, message });
    });
    this.lines = new LineIndex(fileText);
  }

  get insideClass(): boolean {
    return this.classDepth > 0;
  }

  // --- diagnostics and names --------------------------------------------------------------

  report(from: number, to: number, severity: ParseSeverity, code: ParseDiagnosticCode, message: string): void {
    // ConvLab's own zoo code says nothing about the learner's file.
    if (this.zooContext) return;
    this.sink.push({ from, to, severity, code, message });
  }

  /** Runs `fn` with its diagnostics set aside, for the caller to keep or drop. */
  capture<T>(fn: () => T): { result: T; diagnostics: OffsetDiagnostic[] } {
    const outer = this.sink;
    const inner: OffsetDiagnostic[] = [];
    this.sink = inner;
    try {
      return { result: fn(), diagnostics: inner };
    } finally {
      this.sink = outer;
    }
  }

  takeDiagnostics(): OffsetDiagnostic[] {
    return [...this.sink, ...this.limits];
  }

  keep(diagnostics: readonly OffsetDiagnostic[]): void {
    this.sink.push(...diagnostics);
  }

  snippet(from: number, to: number): string {
    const s = this.text.slice(from, to).replace(/\s+/g, ' ').trim();
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }

  range(from: number, to: number): SourceRange {
    const site = this.zooContext?.site;
    return site ? this.lines.range(site.from, site.to) : this.lines.range(from, to);
  }

  autoName(base: string): string {
    this.buildEvents++;
    return base;
  }

  registerModel(model: SequentialValue | FunctionalValue): void {
    this.buildEvents++;
    this.models.push({ value: model, functionName: this.functionNames[this.functionNames.length - 1] });
  }

  // --- running ------------------------------------------------------------------------------

  tick(at: SyntaxNode): boolean {
    if (!this.budget.inTime(at)) return false;
    this.steps++;
    if (this.steps === MAX_STEPS + 1) {
      this.report(at.from, at.to, 'information', 'limit', `ConvLab stopped following this file here: it runs more than ${MAX_STEPS} statements. Models defined after this point are not shown.`);
    }
    return this.steps <= MAX_STEPS;
  }

  execBody(body: SyntaxNode, scope: Scope, frame: Frame): void {
    execBody(body, scope, frame, this);
  }

  run(script: SyntaxNode): void {
    execBody(script, this.moduleScope, new Frame(), this);
  }

  /**
   * A build_model() the file never calls is still a model the learner wrote: it is run with
   * its defaults. Its diagnostics are kept only if it builds a model (a helper such as
   * conv_block(x, filters) says nothing useful without its arguments).
   */
  runUncalledFunctions(): void {
    // Last defined first: builders (resnet18) come after the helpers they call (_resnet,
    // make_layers), which are then called with real arguments, not run on their own.
    for (const fn of [...this.functions].reverse()) {
      if (this.called.has(fn.node.from)) continue;
      const before = this.models.length + this.instantiations.length;
      const { diagnostics } = this.capture(() => this.callFunction(fn, emptyCall(fn.node.from, fn.node.from)));
      if (this.models.length + this.instantiations.length > before) this.keep(diagnostics);
    }
  }

  defineFunction(fn: FunctionValue): void {
    if (fn.scope === this.moduleScope) this.functions.push(fn);
  }

  defineClass(cls: ClassValue): void {
    // A zoo class (torchvision's BasicBlock) is never a model of the learner's file on its own.
    if (this.zooContext) return;
    this.classes.push(cls);
  }

  evaluate(node: SyntaxNode, scope: Scope): Value {
    if (!this.budget.inTime(node) || !this.budget.enter(node)) return UNKNOWN;
    try {
      return evaluate(node, scope, this);
    } finally {
      this.budget.leave();
    }
  }

  evaluateCall(node: SyntaxNode, scope: Scope): Value {
    return evaluateCall(node, scope, this);
  }

  /** A bare name: the file's own, a star import, a conventional module, a built-in. */
  resolveName(name: string, scope: Scope): Value {
    if (scope.has(name)) return scope.get(name)!;
    for (const star of this.starImports) {
      const path = canonicalPath(`${star}.${name}`);
      if (isKerasConstructor(path) || isTorchConstructor(path) || path.startsWith('torch.nn.functional.')) return { kind: 'path', path };
    }
    const conventional = CONVENTIONAL_NAMES[name];
    if (conventional) return { kind: 'path', path: conventional };
    if (PYTHON_BUILTINS.has(name)) return { kind: 'path', path: `builtins.${name}` };
    if (name === 'OrderedDict') return { kind: 'path', path: 'collections.OrderedDict' };
    if (name === '__name__') return '__main__';
    // Snippets without imports (the lecture's code): a layer name is read as its framework's.
    if (KERAS_LAYERS[name] && !TORCH_MODULES[name]) return { kind: 'path', path: `keras.layers.${name}` };
    if (TORCH_MODULES[name] && !KERAS_LAYERS[name]) return { kind: 'path', path: `torch.nn.${name}` };
    if (name === 'Sequential') return { kind: 'path', path: this.hint === 'pytorch' ? 'torch.nn.Sequential' : 'keras.Sequential' };
    if (name === 'Input' || name === 'Model') return { kind: 'path', path: `keras.${name}` };
    return UNKNOWN;
  }

  peek(node: SyntaxNode, scope: Scope): Value | undefined {
    if (node.name === 'VariableName') return this.resolveName(this.text.slice(node.from, node.to), scope);
    if (node.name === 'MemberExpression' && node.lastChild?.name === 'PropertyName' && node.firstChild) {
      const object = this.peek(node.firstChild, scope);
      return object === undefined ? undefined : this.getAttr(object, this.text.slice(node.lastChild.from, node.lastChild.to));
    }
    return undefined;
  }

  getAttr(object: Value, name: string): Value {
    if (name === 'shape' && isRef(object) && object.kind === 'tensor') return frameworkShape(object, this.assumedInput, BATCH, this.shapeBudget);
    // model.layers / base_model.layers: Keras' layer objects in order (for freezing some of them).
    if (name === 'layers' && isRef(object) && (object.kind === 'functional' || (object.kind === 'sequential' && object.framework === 'keras'))) return kerasLayersOf(object, this.sourceOf);
    const v = getAttr(object, name);
    // A @property is read by calling it.
    if (isRef(v) && v.kind === 'function' && v.decorator === 'property' && v.self) return this.callFunction(v, emptyCall(v.node.from, v.node.from));
    return v;
  }

  tensorShape(t: TensorValue): readonly Value[] | null {
    return frameworkShapeOrNull(t, this.assumedInput, BATCH, this.shapeBudget);
  }

  callValue(callee: Value, call: Call): Value {
    return callValue(callee, call, this);
  }

  callMethod(object: Value, method: string, call: Call): Value {
    return callMethod(object, method, call, this);
  }

  callFunction(fn: FunctionValue, call: Call): Value {
    const id = fn.node.from;
    if (this.running.has(id) || this.running.size >= MAX_CALL_DEPTH) return UNKNOWN;
    this.called.add(id);
    this.running.add(id);
    this.functionNames.push(fn.name);
    if (fn.self) {
      this.classDepth++;
      this.methodStack.push(fn);
    }
    try {
      const enter = fn.zoo && this.zooContext?.source !== fn.zoo;
      const site = fn.self?.site ?? this.zooContext?.site ?? { from: call.from, to: call.to };
      const result = enter ? this.inZoo(fn.zoo!, site, () => callFunction(fn, call, this)) : callFunction(fn, call, this);
      if (!fn.self && isRef(result) && result.kind === 'instance') {
        const built = this.instantiations.find((b) => b.instance === result);
        // A zoo builder (resnet18) names the model; its range is the learner's call.
        if (built) built.returnedBy = fn.zoo ? { name: fn.name, from: site.from, to: site.to } : { name: fn.name, from: fn.node.from, to: fn.node.to };
      }
      return result;
    } finally {
      if (fn.self) {
        this.classDepth--;
        this.methodStack.pop();
      }
      this.functionNames.pop();
      this.running.delete(id);
    }
  }

  instantiate(cls: ClassValue, call: Call): InstanceValue {
    if (this.classDepth > 0) this.submoduleClasses.add(cls);
    const site = this.zooContext?.site;
    const instance: InstanceValue = { kind: 'instance', cls, attrs: new Map(), ...(site ? { site } : {}) };
    const init = boundMethod(instance, '__init__');
    if (init) this.callFunction(init, call);
    // Built from a builder run without its own arguments (ResNet(block, layers) in _resnet()), it is no model.
    const args = [...call.positional, ...call.keywords.values()].map((a) => a.value);
    const builtWithArgs = args.length > 0 && !call.opaque && !args.some((v) => isUnknown(v));
    if (this.classDepth === 0 && cls.framework !== null && !cls.isLayer && builtWithArgs && call.to > call.from) {
      this.buildEvents++;
      this.instantiations.push({ instance, from: site?.from ?? call.from, to: site?.to ?? call.to, inFunction: this.functionNames[this.functionNames.length - 1] });
    }
    return instance;
  }

  applyTo(callee: Value, tensor: TensorValue, from: number, to: number): TensorValue {
    this.buildEvents++;
    return applyTo(callee, tensor, from, to, this);
  }

  merge(layer: LayerValue, tensors: readonly TensorValue[], from: number, to: number): TensorValue {
    this.buildEvents++;
    return mergeTensors(layer, tensors, from, to, this);
  }

  /** The instance whose method is running, and the class that defines that method: for super(). */
  currentMethod(): FunctionValue | undefined {
    return this.methodStack[this.methodStack.length - 1];
  }

  /**
   * A module class (nn.Module, keras.Model subclass) as a model: built with its defaults and
   * run on an input tensor through forward (or Keras' call). Every tensor forward returns
   * is an output (`return self.fc21(h), self.fc22(h)`).
   */
  classModel(cls: ClassValue, built?: InstanceValue): readonly TensorValue[] {
    const at = cls.node.getChild('VariableName') ?? cls.node;
    const instance = built ?? this.instantiate(cls, emptyCall(at.from, at.to));
    const forward = boundMethod(instance, cls.framework === 'keras' ? 'call' : 'forward');
    const input = inputTensor(null, cls.framework ?? undefined);
    if (!forward) {
      this.report(at.from, at.to, 'information', 'unsupported', `ConvLab can't find ${cls.framework === 'keras' ? 'call' : 'forward'} in ${cls.name}: it shows the layers in the order __init__ assigns them.`);
      let t = input;
      for (const v of instance.attrs.values()) {
        if (isRef(v) && (v.kind === 'layer' || v.kind === 'sequential' || v.kind === 'instance')) t = this.applyTo(v, t, at.from, at.to);
      }
      return [t];
    }
    const out = this.callFunction(forward, emptyCall(at.from, at.to, [input]));
    const tensors = tensorsIn(out);
    if (tensors.length > 0) return tensors;
    const name = forward.node.getChild('VariableName') ?? at;
    this.report(name.from, name.to, 'information', 'unsupported', `ConvLab can't follow what ${forward.name} returns: it doesn't come from the input through layers ConvLab could follow.`);
    return [input];
  }
}

/** The tensors in what a forward returns: one, a tuple of them, or a dict's values. */
export function tensorsIn(v: Value, depth = 0): TensorValue[] {
  if (depth > 4) return [];
  if (Array.isArray(v)) return v.flatMap((x) => tensorsIn(x, depth + 1));
  if (!isRef(v)) return [];
  if (v.kind === 'tensor') return [v];
  if (v.kind === 'dict') return v.entries.flatMap(([, x]) => tensorsIn(x, depth + 1));
  return [];
}

/** A Keras model's `.layers`: its layer objects in order, the input layer first as Keras lists it. */
function kerasLayersOf(model: FunctionalValue | SequentialValue, sourceOf: WeakMap<LayerIR, LayerValue>): Value[] {
  const layers: Value[] = [];
  if (model.kind === 'sequential') {
    for (const item of model.items) layers.push(item.value);
    return layers;
  }
  // A functional model lists its InputLayer first: index 0 is not a layer ConvLab keeps.
  layers.push(UNKNOWN);
  const seen = new Set<LayerValue>();
  for (const ir of followGraph(model.outputs).layers) {
    const layer = sourceOf.get(ir);
    if (layer && !seen.has(layer)) {
      seen.add(layer);
      layers.push(layer);
    }
  }
  return layers;
}
