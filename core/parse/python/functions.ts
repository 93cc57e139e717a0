/**
 * Functions and classes from the learner's file. A call to one is followed into its body
 * (a `build_model(num_layers=4)` helper, a `conv_block(x, 64)` in the functional API, a
 * PyTorch submodule's __init__ and forward), with its parameters bound as Python binds
 * them; a parameter without an argument or default is UNKNOWN.
 */
import { canonicalPath } from './imports';
import type { Call } from './context';
import { Frame, type Interp } from './state';
import { children, parts, type SyntaxNode } from './syntax';
import { isRef, Scope, UNKNOWN, type ClassValue, type FunctionValue, type InstanceValue, type Value } from './values';

interface Param {
  readonly name: string;
  readonly kind: 'plain' | 'args' | 'kwargs';
  readonly defaultNode?: SyntaxNode;
}

/** A function's parameters and what it runs, as its syntax gives them (once per function: see syntaxMemo.ts). */
interface FunctionShape {
  readonly params: readonly Param[];
  /** A lambda's one expression, else undefined. */
  readonly expression?: SyntaxNode;
  readonly body?: SyntaxNode;
}

function functionShape(fn: SyntaxNode, text: string): FunctionShape {
  if (fn.name === 'LambdaExpression') {
    const expr = fn.lastChild;
    return { params: params(fn, text), ...(expr && expr.name !== ':' ? { expression: expr } : {}) };
  }
  const body = fn.getChild('Body');
  return { params: params(fn, text), ...(body ? { body } : {}) };
}

function params(fn: SyntaxNode, text: string): Param[] {
  const list = fn.getChild('ParamList');
  if (!list) return [];
  const out: Param[] = [];
  let star: '*' | '**' | undefined;
  let takeDefault = false;
  for (const c of children(list)) {
    if (c.name === '*' || c.name === '**') star = c.name;
    else if (c.name === 'AssignOp') takeDefault = true;
    else if (c.name === ',') star = star === '*' ? undefined : star;
    else if (c.name === 'VariableName' && !takeDefault) {
      out.push({ name: text.slice(c.from, c.to), kind: star === '*' ? 'args' : star === '**' ? 'kwargs' : 'plain' });
      star = undefined;
    } else if (takeDefault && c.name !== 'TypeDef' && c.name !== '(' && c.name !== ')') {
      const last = out.pop();
      if (last) out.push({ ...last, defaultNode: c });
      takeDefault = false;
    }
  }
  return out;
}

/** Runs a function's body with the call's arguments and returns what it returns. */
export function callFunction(fn: FunctionValue, call: Call, it: Interp): Value {
  const scope = new Scope(fn.scope);
  const shape = it.shapeOf(functionShape, fn.node);
  const ps = shape.params;
  const positional = [...call.positional.map((a) => a.value)];
  if (fn.self) positional.unshift(fn.self);
  else if (fn.cls) positional.unshift(fn.cls);
  const extraKeywords = new Map(call.keywords);
  for (const p of ps) {
    if (p.kind === 'args') {
      scope.set(p.name, call.opaque ? UNKNOWN : positional.splice(0));
      continue;
    }
    if (p.kind === 'kwargs') {
      scope.set(p.name, call.opaque ? UNKNOWN : { kind: 'dict', entries: [...extraKeywords].map(([k, a]) => [k, a.value]) });
      continue;
    }
    let v: Value | undefined = positional.length > 0 ? positional.shift() : undefined;
    const kw = extraKeywords.get(p.name);
    if (v === undefined && kw) v = kw.value;
    extraKeywords.delete(p.name);
    if (v === undefined) v = call.opaque ? UNKNOWN : p.defaultNode ? it.evaluate(p.defaultNode, fn.scope) : UNKNOWN;
    scope.set(p.name, v);
  }
  // lambda x: x / 255.0 — its body is one expression.
  if (fn.node.name === 'LambdaExpression') return shape.expression ? it.evaluate(shape.expression, scope) : UNKNOWN;
  if (!shape.body) return UNKNOWN;
  const frame = new Frame();
  it.execBody(shape.body, scope, frame);
  return frame.value;
}

/**
 * What a class's bases make it: a PyTorch module (nn.Module; a model unless another class
 * uses it), a Keras model (keras.Model) or a Keras layer (keras.layers.Layer: a part only).
 */
function roleOf(bases: readonly Value[]): Pick<ClassValue, 'framework' | 'isLayer'> {
  for (const b of bases) {
    if (!isRef(b)) continue;
    if (b.kind === 'class' && b.framework) return { framework: b.framework, isLayer: b.isLayer };
    if (b.kind !== 'path') continue;
    const p = canonicalPath(b.path);
    if (p === 'torch.nn.Module' || p.endsWith('LightningModule')) return { framework: 'pytorch', isLayer: false };
    if (p === 'keras.Model') return { framework: 'keras', isLayer: false };
    if (p === 'keras.layers.Layer' || p === 'keras.Layer') return { framework: 'keras', isLayer: true };
  }
  return { framework: null, isLayer: false };
}

/** A class statement: its methods and attributes (inherited ones from classes in the file too) and framework. */
export function defineClass(node: SyntaxNode, scope: Scope, it: Interp): ClassValue | undefined {
  const nameNode = node.getChild('VariableName');
  const body = node.getChild('Body');
  if (!nameNode || !body) return undefined;
  const argList = node.getChild('ArgList');
  const bases = argList ? parts(argList).map((b) => it.evaluate(b, scope)) : [];
  const fileBases = bases.filter((b): b is ClassValue => isRef(b) && b.kind === 'class');
  const methods = new Map<string, FunctionValue>();
  const attrs = new Map<string, Value>();
  for (const b of [...fileBases].reverse()) {
    for (const [k, m] of b.methods) methods.set(k, m);
    for (const [k, v] of b.attrs) attrs.set(k, v);
  }
  const cls: ClassValue = { kind: 'class', name: it.text.slice(nameNode.from, nameNode.to), node, ...roleOf(bases), methods, attrs, bases: fileBases };
  // The class body's own names: `cfg = {...}`, `expansion = 4`, read as `self.cfg`, `block.expansion`.
  const classScope = new Scope(scope);
  for (const stmt of parts(body)) {
    const def = stmt.name === 'DecoratedStatement' ? stmt.getChild('FunctionDefinition') : stmt.name === 'FunctionDefinition' ? stmt : null;
    const defName = def?.getChild('VariableName');
    if (def && defName) {
      const name = it.text.slice(defName.from, defName.to);
      const decorator = stmt.name === 'DecoratedStatement' ? methodDecorator(stmt, it) : undefined;
      methods.set(name, { kind: 'function', node: def, name, scope, owner: cls, ...(it.zoo ? { zoo: it.zoo } : {}), ...(decorator ? { decorator } : {}) });
    } else if (stmt.name === 'AssignStatement') {
      // `expansion = 4`, or annotated: `expansion: int = 1`.
      const cs = children(stmt).filter((c) => c.name !== 'TypeDef');
      const target = cs[0];
      const value = cs[cs.length - 1];
      if (cs.length === 3 && target?.name === 'VariableName' && cs[1]?.name === 'AssignOp' && value) {
        const v = it.evaluate(value, classScope);
        const name = it.text.slice(target.from, target.to);
        classScope.set(name, v);
        attrs.set(name, v);
      }
    }
  }
  return cls;
}

/** How a decorated method binds: @staticmethod, @classmethod, @property; undefined for others. */
function methodDecorator(stmt: SyntaxNode, it: Interp): FunctionValue['decorator'] {
  for (const d of stmt.getChildren('Decorator')) {
    const name = it.text.slice(d.from, d.to).replace(/^@\s*/, '').trim();
    if (name === 'staticmethod' || name === 'classmethod' || name === 'property') return name;
  }
  return undefined;
}

export function boundMethod(instance: InstanceValue, name: string): FunctionValue | undefined {
  const m = instance.cls.methods.get(name);
  if (!m) return undefined;
  // A static method takes no self; a class method takes the class (see callFunction).
  if (m.decorator === 'staticmethod') return m;
  if (m.decorator === 'classmethod') return { ...m, cls: instance.cls };
  return { ...m, self: instance };
}
