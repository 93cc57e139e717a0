/**
 * From what the reader collected to ModelIRs: each Sequential, functional model and module
 * class as one model with its layers, its range and its input shape, which comes from the
 * code, else a `# convlab: input` comment, else the caller's setting, else stays unknown
 * (with a diagnostic that says how to give it).
 */
import type { InputShapeSource, LayerIR, ModelGap, ModelIR } from '../../model/ir';
import { kerasShape } from '../keras/layers';
import type { ParseOptions } from '../types';
import { isJustAbove, type InputComment } from './comments';
import { emptyCall, type Interpreter, type OffsetDiagnostic } from './interpreter';
import { followGraph, inputTensor } from './tensorGraph';
import type { ClassValue, Framework, InputInfo, InstanceValue, LayerValue, TensorValue } from './values';

interface Collected {
  readonly name: string;
  readonly framework: Framework;
  readonly from: number;
  readonly to: number;
  /** Where "no input shape" is reported: the class name, or the model's first line. */
  readonly head: { readonly from: number; readonly to: number };
  /** The tensors the model returns; its layers are the graph they descend from. */
  readonly outputs: readonly TensorValue[];
  readonly input: InputInfo | null;
  /** A module class model: its instance, whose input the code may show (net(torch.randn(1, 3, 32, 32))). */
  readonly instance?: InstanceValue;
}

function registered(it: Interpreter): Collected[] {
  // An unnamed Sequential inside another (nn.Sequential(nn.Sequential(...))) is a part only.
  const models = it.models.filter(({ value }) => !(value.kind === 'sequential' && value.nested && value.variable === undefined));
  return models.map(({ value, functionName }) => {
    const name = value.name || functionName || 'model';
    const head = { from: value.from, to: Math.min(value.to, it.lines.lineEnd(value.from)) };
    if (value.kind === 'functional') {
      return { name, framework: 'keras', from: value.from, to: value.to, head, outputs: value.outputs, input: value.input?.input ?? value.outputs[0]?.input ?? null };
    }
    const out = it.applyTo(value, inputTensor(value.input), value.from, value.to);
    return { name, framework: value.framework, from: value.from, to: value.to, head, outputs: [out], input: value.input };
  });
}

/**
 * Module classes that are models of their own, not parts of another class in the file.
 * A class the file builds with arguments (`ResNet(BasicBlock, [2, 2, 2, 2])` in resnet18())
 * is shown as each of those builds, with their sizes; one it never builds, with its defaults.
 */
type ClassRun = { cls: ClassValue; instance: InstanceValue; diagnostics: OffsetDiagnostic[] };

/**
 * Every module class built with its defaults: this marks the helpers __init__ calls as
 * called and the classes it builds as parts. Forward runs later, for the roots only.
 */
function defaultClassRuns(it: Interpreter): ClassRun[] {
  return it.classes.filter((cls) => cls.framework !== null && !cls.isLayer).map((cls) => {
    const at = cls.node.getChild('VariableName') ?? cls.node;
    const { result, diagnostics } = it.capture(() => it.instantiate(cls, emptyCall(at.from, at.to)));
    return { cls, instance: result, diagnostics };
  });
}

function classModels(it: Interpreter, runs: readonly ClassRun[]): { models: Collected[]; diagnostics: OffsetDiagnostic[] } {
  const built = new Set(it.instantiations.map((b) => b.instance.cls));
  // A base class of another class in the file (d2l's Module, Classifier) is a part of a model.
  const bases = new Set(it.classes.flatMap((c) => c.bases));
  const roots = runs.filter((r) => !it.submoduleClasses.has(r.cls) && !built.has(r.cls) && !bases.has(r.cls));
  const diagnostics: OffsetDiagnostic[] = [];
  const models: Collected[] = roots.map(({ cls, instance, diagnostics: built }) => {
    const { result, diagnostics: ran } = it.capture(() => it.classModel(cls, instance));
    diagnostics.push(...built, ...ran);
    const nameNode = cls.node.getChild('VariableName') ?? cls.node;
    const from = cls.node.parent?.name === 'DecoratedStatement' ? cls.node.parent.from : cls.node.from;
    return { name: cls.name, framework: cls.framework!, from, to: trimEnd(it.text, from, cls.node.to), head: { from: nameNode.from, to: nameNode.to }, outputs: result, input: null, instance };
  });
  const names = new Map<string, number>();
  const seen = new Set<number>();
  for (const b of it.instantiations) {
    if (it.submoduleClasses.has(b.instance.cls)) continue;
    // resnet18() called again in a test function builds the same model: show it once.
    const site = b.returnedBy?.from ?? b.from;
    if (seen.has(site)) continue;
    seen.add(site);
    const { result, diagnostics: notes } = it.capture(() => it.classModel(b.instance.cls, b.instance));
    diagnostics.push(...notes);
    // Named after the builder that returns it, else the call (VGG('VGG11')) when short, else the class.
    const call = it.snippet(b.from, b.to);
    const base = b.returnedBy?.name ?? (call.length <= 32 ? call : b.instance.cls.name);
    const n = names.get(base) ?? 0;
    names.set(base, n + 1);
    const at = b.returnedBy ?? { from: b.from, to: b.to };
    const head = { from: at.from, to: Math.min(at.to, it.lines.lineEnd(at.from)) };
    models.push({ name: n === 0 ? base : `${base} (${n + 1})`, framework: b.instance.cls.framework!, from: at.from, to: trimEnd(it.text, at.from, at.to), head, outputs: result, input: null, instance: b.instance });
  }
  return { models, diagnostics };
}

/** A class's node runs to the next statement: end it at its last character instead. */
function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * Generated names numbered within one model, as Keras numbers them: conv2d, conv2d_1, …
 * A layer object applied twice keeps one name; names written in the code are never reused.
 */
function numberNames(layers: readonly LayerIR[], autoNamed: ReadonlyMap<LayerIR, LayerValue>): LayerIR[] {
  const taken = new Set(layers.filter((l) => !autoNamed.has(l)).map((l) => l.name));
  const given = new Map<LayerValue, string>();
  const counts = new Map<string, number>();
  return layers.map((l) => {
    const value = autoNamed.get(l);
    if (!value) return l;
    let name = given.get(value);
    if (name === undefined) {
      do {
        const n = counts.get(l.name) ?? 0;
        counts.set(l.name, n + 1);
        name = n === 0 ? l.name : `${l.name}_${n}`;
      } while (taken.has(name));
      given.set(value, name);
      taken.add(name);
    }
    return name === l.name ? l : { ...l, name };
  });
}

const ORDER_HINT: Record<Framework, string> = {
  pytorch: '`# convlab: input 1x28x28` (channels×height×width)',
  keras: '`# convlab: input 28x28x1` (height×width×channels)',
};

export function collectModels(it: Interpreter, comments: readonly InputComment[], options: ParseOptions): ModelIR[] {
  // Module classes first: the helpers they call (make_layers) are then not run on their own.
  const defaults = defaultClassRuns(it);
  it.runUncalledFunctions();
  const classes = classModels(it, defaults);
  it.keep(classes.diagnostics);
  const collected = [...registered(it), ...classes.models].sort((a, b) => a.from - b.from);
  const attached = new Map<Collected, InputComment>();
  const used = new Set<InputComment>();
  for (const m of collected) {
    const lineStart = it.lines.lineStart(m.from);
    const c = [...comments].reverse().find((x) => isJustAbove(it.text, x, lineStart));
    if (c) {
      attached.set(m, c);
      used.add(c);
    }
  }
  const fileWide = comments.find((c) => !used.has(c));
  for (const c of comments) {
    if (c.dims === null) it.report(c.from, c.to, 'warning', 'input', 'ConvLab can\'t read this input shape: write it as `# convlab: input 1x28x28` (PyTorch: channels×height×width; Keras: height×width×channels).');
  }
  return collected.map((m) => {
    const graph = followGraph(m.outputs);
    const named = numberNames(graph.layers, it.autoNamed);
    const frozenAt = (ir: LayerIR): boolean => {
      const source = it.sourceOf.get(ir);
      return source !== undefined && it.frozen.get(source) === true;
    };
    const firstApplication = new Map<object, number>();
    const layers = named.map((l, i) => {
      const withInputs = graph.inputs[i] ? { ...l, inputs: graph.inputs[i] } : l;
      const source = it.sourceOf.get(graph.layers[i]!);
      const first = source ? firstApplication.get(source) : undefined;
      if (source && first === undefined) firstApplication.set(source, i);
      const applied = first === undefined ? withInputs : { ...withInputs, applicationOf: first };
      return frozenAt(graph.layers[i]!) ? { ...applied, trainable: false as const } : applied;
    });
    const gaps: ModelGap[] = graph.roots.length > 1
      ? [{ message: `This model has ${graph.roots.length} inputs: ConvLab follows models with one, so it reads every input as the first one's shape.`, range: it.range(m.head.from, m.head.to) }]
      : [];
    let inputShape: readonly number[] = [];
    let source: InputShapeSource = 'unknown';
    const comment = attached.get(m) ?? fileWide;
    // Where the code runs the model on a made tensor (net(torch.randn(2, 3, 32, 32)), summary(net, (3, 32, 32))).
    const shown = m.instance ? it.inputHints.get(m.instance) ?? it.inputHints.get(m.instance.cls) : undefined;
    if (m.input?.shape) {
      inputShape = m.input.shape;
      source = 'code';
    } else if (shown && !attached.has(m)) {
      inputShape = shown;
      source = 'code';
    } else if (comment?.dims) {
      inputShape = m.framework === 'keras' ? kerasShape(comment.dims) : [...comment.dims];
      source = 'comment';
    } else if (options.defaultInputShape && options.defaultInputShape.length > 0) {
      inputShape = [...options.defaultInputShape];
      source = 'setting';
    } else if (!m.input) {
      const what = m.framework === 'pytorch' ? 'PyTorch code doesn\'t state its input size' : 'This model doesn\'t state its input shape';
      const fix = m.framework === 'keras' ? 'start it with keras.Input(shape=(28, 28, 1)), or add a comment' : 'add a comment';
      it.report(m.head.from, m.head.to, 'information', 'input', `${what}: ${fix} ${ORDER_HINT[m.framework]} above it, or set ConvLab's default input shape.`);
    }
    const open = inputShape.length === 0 ? m.input?.open : undefined;
    return {
      name: m.name,
      inputShape,
      ...(open ? { openInputShape: open } : {}),
      layers,
      ...(graph.outputs ? { outputs: graph.outputs } : {}),
      ...(gaps.length > 0 ? { gaps } : {}),
      source: m.framework,
      range: it.range(m.from, m.to),
      inputShapeSource: source,
    };
  });
}
