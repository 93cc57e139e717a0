/**
 * Python statements, run in order as Python would run them, so that `num_layers = 4`
 * before `for l in range(num_layers): model.add(...)` unrolls the loop four times.
 *
 * Loops, decided so that every layer the learner wrote is seen and none is invented:
 * - a loop over something known (range(4), [32, 64], a ModuleList) is unrolled, each pass
 *   adding its layers with the range of the call in the loop body;
 * - a loop ConvLab can't count (range(args.depth)) runs once, with an information
 *   diagnostic, so the layers in its body are still shown and analysed;
 * - a loop whose body builds a whole new model (the lecture's depth experiment rebuilds
 *   `keras.Sequential()` on each pass) runs once with its loop variables unknown: one model,
 *   not 25 copies over the same lines.
 * An `if` ConvLab can't decide follows its first branch (and says so when a branch builds).
 */
import { isKerasConstructor } from '../keras/api';
import { isTorchConstructor, nameModule } from '../torch/api';
import { iterate } from './builtins';
import { setTrainable } from './freezing';
import { tensorOperator } from './merges';
import { arithmetic, bindTargets, sequence } from './evaluate';
import { defineClass } from './functions';
import { canonicalPath, importBindings } from './imports';
import { MAX_LOOP_PASSES, type Frame, type Interp } from './state';
import { children, parts, type SyntaxNode } from './syntax';
import { isRef, truthy, UNKNOWN, type Scope, type Value } from './values';

const MODEL_PATHS: ReadonlySet<string> = new Set(['keras.Sequential', 'keras.Model', 'torch.nn.Sequential']);
const BUILDING_METHODS: ReadonlySet<string> = new Set(['add', 'append', 'extend', 'insert', 'add_module']);

/**
 * Scans a body, without running it, for calls that build a model (keras.Sequential,
 * keras.Model, nn.Sequential) or make layers (a layer constructor, `model.add`,
 * `Conv2D(...)(x)`): for branches and loops ConvLab decides about before running them.
 */
function scan(body: SyntaxNode, scope: Scope, it: Interp): { buildsModel: boolean; mayBuild: boolean } {
  let buildsModel = false;
  let mayBuild = false;
  body.cursor().iterate((ref) => {
    if (ref.name !== 'CallExpression') return;
    const callee = ref.node.firstChild;
    if (!callee) return;
    if (callee.name === 'CallExpression') mayBuild = true;
    const property = callee.name === 'MemberExpression' ? callee.lastChild : null;
    if (property?.name === 'PropertyName' && BUILDING_METHODS.has(it.text.slice(property.from, property.to))) mayBuild = true;
    const target = it.peek(callee, scope);
    if (target && isRef(target) && target.kind === 'path') {
      const path = canonicalPath(target.path);
      if (MODEL_PATHS.has(path)) buildsModel = true;
      if (isKerasConstructor(path) || isTorchConstructor(path)) mayBuild = true;
    }
  });
  return { buildsModel, mayBuild: mayBuild || buildsModel };
}

/** Runs `fn` and tells whether it made or applied a layer, or built a model. */
function builds(it: Interp, fn: () => void): boolean {
  const before = it.buildEvents;
  fn();
  return it.buildEvents > before;
}

function assignTo(target: SyntaxNode, value: Value, scope: Scope, it: Interp): void {
  if (target.name === 'VariableName') {
    const name = it.text.slice(target.from, target.to);
    scope.set(name, value);
    if (isRef(value) && (value.kind === 'sequential' || value.kind === 'functional') && !value.named && value.name === '') value.name = name;
    if (isRef(value) && value.kind === 'sequential') value.variable ??= name;
    return;
  }
  if (target.name === 'MemberExpression' && target.lastChild?.name === ']' && target.firstChild) {
    // vgg.classifier[6] = nn.Linear(4096, 5), layers[0] = ...: an item replaced in place.
    const object = it.evaluate(target.firstChild, scope);
    const inner = children(target).filter((c) => c.name !== '[' && c.name !== ']').slice(1);
    const index = inner.length === 1 ? it.evaluate(inner[0]!, scope) : UNKNOWN;
    if (typeof index !== 'number' || !Number.isInteger(index)) return;
    if (isRef(object) && object.kind === 'sequential') {
      const i = index < 0 ? object.items.length + index : index;
      const old = object.items[i];
      if (!old) return;
      object.items[i] = { value, from: target.from, to: target.to };
      if (object.framework === 'pytorch') nameModule(value, object.named || object.name ? `${object.name}.${object.keys?.[i] ?? i}` : String(object.keys?.[i] ?? i));
    } else if (Array.isArray(object)) {
      const i = index < 0 ? object.length + index : index;
      if (i >= 0 && i < object.length) object[i] = value;
    }
    return;
  }
  if (target.name === 'MemberExpression' && target.lastChild?.name === 'PropertyName' && target.firstChild) {
    const object = it.evaluate(target.firstChild, scope);
    const property = it.text.slice(target.lastChild.from, target.lastChild.to);
    // base_model.trainable = False (Keras), p.requires_grad = False over model.parameters() (PyTorch).
    if (typeof value === 'boolean' && ((property === 'trainable' && isRef(object) && object.kind !== 'instance') || (property === 'trainable' && isRef(object) && object.kind === 'instance' && object.cls.framework === 'keras') || (property === 'requires_grad' && isRef(object) && object.kind === 'params'))) {
      setTrainable(object, value, it.frozen, it.sourceOf);
      return;
    }
    if (isRef(object) && object.kind === 'instance') {
      const attr = it.text.slice(target.lastChild.from, target.lastChild.to);
      object.attrs.set(attr, value);
      // self.features = features: a Sequential made outside (make_layers) is now a part of this model.
      if (isRef(value) && value.kind === 'sequential' && object.cls.framework && !object.cls.isLayer) value.nested = true;
      // PyTorch names a submodule by its attribute: self.conv1 → 'conv1'.
      if (object.cls.framework) nameModule(value, attr);
    }
  }
}

/** `a = b = value` as its syntax gives it (once per statement: see syntaxMemo.ts). */
interface AssignShape {
  /** The targets of each `=`, left to right. */
  readonly targets: readonly (readonly SyntaxNode[])[];
  readonly valueNodes: readonly SyntaxNode[];
  readonly named: readonly SyntaxNode[];
  /** One value, not a bare tuple `a, b`. */
  readonly single: boolean;
}

function assignShape(node: SyntaxNode): AssignShape {
  const segments: SyntaxNode[][] = [[]];
  for (const c of children(node)) {
    if (c.name === 'AssignOp') segments.push([]);
    else segments[segments.length - 1]!.push(c);
  }
  const valueNodes = segments.pop()!;
  const named = valueNodes.filter((c) => c.name !== ',' && c.name !== 'TypeDef');
  const targets = segments.map((segment) => segment.filter((c) => c.name !== ',' && c.name !== 'TypeDef'));
  return { targets, valueNodes, named, single: named.length === 1 && !valueNodes.some((c) => c.name === ',') };
}

function execAssign(node: SyntaxNode, scope: Scope, it: Interp): void {
  const { targets, valueNodes, named, single } = it.shapeOf(assignShape, node);
  if (named.length === 0) return;
  const value = single ? it.evaluate(named[0]!, scope) : sequence(named, valueNodes, scope, it);
  for (const t of targets) bindTargets(t, value, scope, it, (target, v) => assignTo(target, v, scope, it));
}

function execUpdate(node: SyntaxNode, scope: Scope, it: Interp): void {
  const [target, value] = parts(node).filter((c) => c.name !== 'UpdateOp');
  const op = node.getChild('UpdateOp');
  if (!target || !value || !op) return;
  const current = it.evaluate(target, scope);
  const rhs = it.evaluate(value, scope);
  const operator = it.text.slice(op.from, op.to).slice(0, -1);
  if (Array.isArray(current) && operator === '+') {
    const items = iterate(rhs);
    // A list grows in place, as `layers += [...]` does; element by element, since spreading
    // a long list into push's arguments overflows the stack.
    // (`xs += xs` reads the list it grows: only its elements before the push are added.)
    if (items && it.budget.elements(current.length + items.length, node)) for (let i = 0, n = items.length; i < n; i++) current.push(items[i]!);
    else if (items) assignTo(target, UNKNOWN, scope, it);
    return;
  }
  // out += self.shortcut(x): a residual add, bound to the name as Python's in-place add is.
  const joined = tensorOperator(operator, current, rhs, node.from, node.to, it);
  assignTo(target, joined ?? arithmetic(operator, current, rhs, (n) => it.budget.elements(n, node)), scope, it);
}

function runLoopBody(body: SyntaxNode, scope: Scope, frame: Frame, it: Interp): boolean {
  it.execBody(body, scope, frame);
  frame.continued = false;
  if (frame.broke) {
    frame.broke = false;
    return false;
  }
  return !frame.returned;
}

/** A for loop's targets, iterable, body and else body (once per loop: see syntaxMemo.ts); undefined when broken. */
function forShape(node: SyntaxNode): { targets: SyntaxNode[]; iterableNode: SyntaxNode; body: SyntaxNode; elseBody?: SyntaxNode } | undefined {
  const all = children(node);
  const forAt = all.findIndex((c) => c.name === 'for');
  const inAt = all.findIndex((c) => c.name === 'in');
  const bodies = node.getChildren('Body');
  const body = bodies[0];
  const iterableNode = all[inAt + 1];
  if (forAt < 0 || inAt < 0 || !body || !iterableNode) return undefined;
  const targets = all.slice(forAt + 1, inAt).filter((c) => c.name !== ',');
  return { targets, iterableNode, body, ...(bodies[1] ? { elseBody: bodies[1] } : {}) };
}

function execFor(node: SyntaxNode, scope: Scope, frame: Frame, it: Interp): void {
  const shape = it.shapeOf(forShape, node);
  if (!shape) return;
  const { targets, iterableNode, body, elseBody } = shape;
  const bind = (v: Value): void => bindTargets(targets, v, scope, it, (t, x) => assignTo(t, x, scope, it));
  const items = iterate(it.evaluate(iterableNode, scope));
  const { buildsModel } = items && items.length > 1 ? scan(body, scope, it) : { buildsModel: false };
  const header = { from: node.from, to: iterableNode.to };
  const loopVars = targets.map((t) => it.text.slice(t.from, t.to)).join(', ');
  if (items && buildsModel && items.length > 1) {
    it.report(header.from, header.to, 'information', 'loop',
      `This loop builds a new model on each of its ${items.length} passes: ConvLab shows it once, without knowing ${loopVars} (so loops that depend on ${targets.length > 1 ? 'them' : 'it'} show their layers once).`);
    bind(UNKNOWN);
    runLoopBody(body, scope, frame, it);
    return;
  }
  if (items) {
    let completed = true;
    for (const [i, item] of items.entries()) {
      if (i >= MAX_LOOP_PASSES) {
        it.report(header.from, header.to, 'information', 'limit', `ConvLab follows the first ${MAX_LOOP_PASSES} passes of this loop only.`);
        break;
      }
      bind(item);
      if (!runLoopBody(body, scope, frame, it)) {
        completed = false;
        break;
      }
    }
    if (completed && elseBody && !frame.returned) it.execBody(elseBody, scope, frame);
    return;
  }
  bind(UNKNOWN);
  if (builds(it, () => runLoopBody(body, scope, frame, it))) {
    it.report(iterableNode.from, iterableNode.to, 'information', 'loop',
      `ConvLab can't tell how many times this loop runs (\`${it.snippet(iterableNode.from, iterableNode.to)}\` isn't a constant it can work out): it shows the layers added in it once.`);
  }
}

/** An if statement's branches, each with its condition (none for `else`), once per statement (see syntaxMemo.ts). */
function ifBranches(node: SyntaxNode): { condition?: SyntaxNode; body: SyntaxNode }[] {
  const branches: { condition?: SyntaxNode; body: SyntaxNode }[] = [];
  let condition: SyntaxNode | undefined;
  let expectCondition = false;
  for (const c of children(node)) {
    if (c.name === 'if' || c.name === 'elif') expectCondition = true;
    else if (c.name === 'Body') {
      branches.push({ ...(condition ? { condition } : {}), body: c });
      condition = undefined;
    } else if (expectCondition && c.name !== ':') {
      condition = c;
      expectCondition = false;
    }
  }
  return branches;
}

function execIf(node: SyntaxNode, scope: Scope, frame: Frame, it: Interp): void {
  const branches = it.shapeOf(ifBranches, node);
  for (const [i, b] of branches.entries()) {
    if (!b.condition) return it.execBody(b.body, scope, frame);
    const t = truthy(it.evaluate(b.condition, scope));
    if (t === false) continue;
    if (t === true) return it.execBody(b.body, scope, frame);
    const built = builds(it, () => it.execBody(b.body, scope, frame));
    if (built || branches.slice(i + 1).some((x) => scan(x.body, scope, it).mayBuild)) {
      it.report(b.condition.from, b.condition.to, 'information', 'unresolved',
        `ConvLab can't tell whether \`${it.snippet(b.condition.from, b.condition.to)}\` holds: it follows this branch.`);
    }
    return;
  }
}

export function execStatement(node: SyntaxNode, scope: Scope, frame: Frame, it: Interp): void {
  switch (node.name) {
    case 'ImportStatement': {
      const { names, stars } = importBindings(node, it.text);
      for (const [local, path] of names) scope.set(local, path ? { kind: 'path', path } : UNKNOWN);
      it.starImports.push(...stars);
      return;
    }
    case 'AssignStatement': return execAssign(node, scope, it);
    case 'UpdateStatement': return execUpdate(node, scope, it);
    case 'ExpressionStatement': {
      const e = parts(node)[0];
      if (e) it.evaluate(e, scope);
      return;
    }
    case 'ReturnStatement': {
      const values = parts(node);
      const all = children(node);
      frame.value = values.length === 0 ? null : values.length === 1 && !all.some((c) => c.name === ',') ? it.evaluate(values[0]!, scope) : sequence(values, all, scope, it);
      frame.returned = true;
      return;
    }
    case 'BreakStatement':
      frame.broke = true;
      return;
    case 'ContinueStatement':
      frame.continued = true;
      return;
    case 'ForStatement': return execFor(node, scope, frame, it);
    case 'IfStatement': return execIf(node, scope, frame, it);
    case 'WhileStatement': {
      const condition = parts(node)[0];
      const body = node.getChild('Body');
      if (!condition || !body || truthy(it.evaluate(condition, scope)) === false) return;
      if (builds(it, () => runLoopBody(body, scope, frame, it))) {
        it.report(condition.from, condition.to, 'information', 'loop', 'ConvLab can\'t count the passes of a while loop: it shows the layers added in it once.');
      }
      return;
    }
    case 'WithStatement':
    case 'TryStatement': {
      // The body runs; `except` handlers don't (nothing raises here); else/finally do.
      let skip = false;
      for (const c of children(node)) {
        if (c.name === 'except') skip = true;
        else if (c.name === 'else' || c.name === 'finally') skip = false;
        else if (c.name === 'Body' && !skip) it.execBody(c, scope, frame);
        else if (c.name === 'VariableName' && c.prevSibling?.name === 'as') scope.set(it.text.slice(c.from, c.to), UNKNOWN);
      }
      return;
    }
    case 'FunctionDefinition': {
      const name = node.getChild('VariableName');
      if (!name) return;
      const fn = { kind: 'function' as const, node, name: it.text.slice(name.from, name.to), scope, ...(it.zoo ? { zoo: it.zoo } : {}) };
      scope.set(fn.name, fn);
      it.defineFunction(fn);
      return;
    }
    case 'ClassDefinition': {
      const cls = defineClass(node, scope, it);
      if (cls) {
        scope.set(cls.name, cls);
        it.defineClass(cls);
      }
      return;
    }
    case 'DecoratedStatement': {
      const inner = node.getChild('FunctionDefinition') ?? node.getChild('ClassDefinition');
      if (inner) execStatement(inner, scope, frame, it);
      return;
    }
    default: return;
  }
}

/** A body's statements: its named children but comments (once per body: see syntaxMemo.ts). */
function statementsOf(body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (c.name.charCodeAt(0) < 65 || c.name.charCodeAt(0) > 90 || c.name === 'Comment') continue;
    out.push(c);
  }
  return out;
}

export function execBody(body: SyntaxNode, scope: Scope, frame: Frame, it: Interp): void {
  for (const c of it.shapeOf(statementsOf, body)) {
    if (frame.returned || frame.broke || frame.continued) return;
    if (!it.tick(c)) return;
    execStatement(c, scope, frame, it);
  }
}
