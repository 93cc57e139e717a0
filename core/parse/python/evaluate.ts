/**
 * Python expressions, as far as ConvLab needs them: literals, names, arithmetic on
 * constants (`64 * 5 * 5`, `28 // 2`), comparisons and boolean logic for `if`, tuples and
 * lists, dicts, subscripts, conditional expressions and list comprehensions. What is not
 * a constant is UNKNOWN. A tensor inside an operation ConvLab can't follow (a residual
 * `x + y`, a slice `x[:, 0]`) is reported there and passed on as it is.
 */
import type { Interp } from './state';
import { MAX_LOOP_PASSES } from './state';
import { tensorOperator } from './merges';
import { fString, percentFormat } from './strings';
import { children, numberValue, parts, stringValue, type SyntaxNode } from './syntax';
import { elementRanges, isRef, isUnknown, Scope, tensorOf, truthy, UNKNOWN, type TensorValue, type Value } from './values';

function passTensorOn(node: SyntaxNode, tensor: TensorValue, it: Interp, what: string): TensorValue {
  it.report(node.from, node.to, 'information', 'unsupported',
    `ConvLab can't follow this yet: \`${it.snippet(node.from, node.to)}\` ${what}. It passes the tensor on unchanged, so the shapes after it may be wrong.`);
  return tensor;
}

/** Elements of a tuple, list or bare `a, b` sequence, with `*xs` expanded. */
export function sequence(nodes: readonly SyntaxNode[], all: readonly SyntaxNode[], scope: Scope, it: Interp): Value[] {
  const out: Value[] = [];
  const ranges: { from: number; to: number }[] = [];
  // The token before each element, by position: one pass (indexOf per element was quadratic
  // on a 100,000-number list literal).
  const before = new Map<number, SyntaxNode | undefined>();
  all.forEach((c, i) => before.set(c.from, all[i - 1]));
  if (!it.budget.elements(nodes.length, nodes[0] ?? { from: 0, to: 0 })) return [UNKNOWN];
  for (const n of nodes) {
    const prev = before.get(n.from);
    const v = it.evaluate(n, scope);
    if (prev?.name === '*' && Array.isArray(v)) {
      const inner = elementRanges.get(v);
      v.forEach((x, i) => {
        out.push(x);
        ranges.push(inner?.[i] ?? n);
      });
    } else {
      out.push(prev?.name === '*' ? UNKNOWN : v);
      ranges.push({ from: n.from, to: n.to });
    }
  }
  elementRanges.set(out, ranges);
  return out;
}

function equal(a: Value, b: Value): boolean | undefined {
  if (isUnknown(a) || isUnknown(b)) return undefined;
  if (isRef(a) || isRef(b)) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    let all: boolean | undefined = true;
    a.forEach((x, i) => {
      const e = equal(x, b[i]!);
      if (e === false) all = false;
      else if (e === undefined && all) all = undefined;
    });
    return all;
  }
  return a === b;
}

/**
 * `a op b` on constants. `room(n)` is asked before a list or string of n elements is made
 * (the file's element budget): a list doubled in a loop stops there, not in an allocation
 * failure that ends the process.
 */
export function arithmetic(op: string, a: Value, b: Value, room: (n: number) => boolean = () => true): Value {
  if (typeof a === 'boolean') a = a ? 1 : 0;
  if (typeof b === 'boolean') b = b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? UNKNOWN : a / b;
      case '//': return b === 0 ? UNKNOWN : Math.floor(a / b);
      case '%': return b === 0 ? UNKNOWN : ((a % b) + b) % b;
      case '**': return a ** b;
      case '<<': return a * 2 ** b;
      case '>>': return Math.floor(a / 2 ** b);
      case '|': return a | b;
      case '&': return a & b;
      case '^': return a ^ b;
    }
    return UNKNOWN;
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return room(a.length + b.length) ? a + b : UNKNOWN;
  if (op === '%' && typeof a === 'string') return percentFormat(a, b);
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return room(a.length + b.length) ? [...a, ...b] : UNKNOWN;
  if (op === '*' && Array.isArray(a) && typeof b === 'number' && b >= 0 && a.length * b <= MAX_LOOP_PASSES) return room(a.length * b) ? Array.from({ length: b }, () => a).flat() : UNKNOWN;
  if (op === '*' && typeof a === 'string' && typeof b === 'number' && b >= 0 && b < 1000) return room(a.length * b) ? a.repeat(b) : UNKNOWN;
  return UNKNOWN;
}

function compare(op: string, a: Value, b: Value): Value {
  if (op === '==' || op === '!=') {
    const e = equal(a, b);
    return e === undefined ? UNKNOWN : op === '==' ? e : !e;
  }
  if (op === 'is' || op === 'is not') {
    if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
    return (a === b) === (op === 'is');
  }
  if (op === 'in' || op === 'not in') {
    let found: boolean | undefined;
    if (typeof b === 'string' && typeof a === 'string') found = b.includes(a);
    else if (Array.isArray(b)) found = b.some((x) => equal(a, x) === true) ? true : b.some((x) => equal(a, x) === undefined) ? undefined : false;
    else if (isRef(b) && b.kind === 'dict') found = b.entries.some(([k]) => equal(a, k) === true);
    return found === undefined ? UNKNOWN : found === (op === 'in');
  }
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
    switch (op) {
      case '<': return a < b;
      case '>': return a > b;
      case '<=': return a <= b;
      case '>=': return a >= b;
    }
  }
  return UNKNOWN;
}

const OPERATORS: ReadonlySet<string> = new Set(['ArithOp', 'CompareOp', 'BitOp']);

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not']);

/** `a op b` as its syntax gives it (once per node: see syntaxMemo.ts); undefined when broken. */
function binaryShape(node: SyntaxNode, text: string): { leftNode: SyntaxNode; rightNode: SyntaxNode; op: string } | undefined {
  const all = children(node);
  const operands = parts(node).filter((c) => !OPERATORS.has(c.name));
  const [leftNode, rightNode] = [operands[0], operands[operands.length - 1]];
  // One operand only (the same node at both ends): broken code.
  if (!leftNode || !rightNode || operands.length < 2) return undefined;
  const op = all.filter((c) => c.from >= leftNode.to && c.to <= rightNode.from).map((c) => text.slice(c.from, c.to)).join(' ');
  return { leftNode, rightNode, op };
}

function binary(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const shape = it.shapeOf(binaryShape, node);
  if (!shape) return UNKNOWN;
  const { leftNode, rightNode, op } = shape;
  const left = it.evaluate(leftNode, scope);
  // and / or short-circuit and return an operand, as Python does.
  if (op === 'and' || op === 'or') {
    const t = truthy(left);
    if (t === undefined) return UNKNOWN;
    return (op === 'and') === t ? it.evaluate(rightNode, scope) : left;
  }
  const right = it.evaluate(rightNode, scope);
  const joined = tensorOperator(op, left, right, node.from, node.to, it);
  if (joined !== undefined) return joined;
  return COMPARISONS.has(op) ? compare(op, left, right) : arithmetic(op, left, right, (n) => it.budget.elements(n, node));
}

function unary(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const first = node.firstChild;
  const operand = parts(node).filter((c) => c.name !== 'ArithOp').pop();
  if (!first || !operand) return UNKNOWN;
  const op = it.text.slice(first.from, first.to);
  const v = it.evaluate(operand, scope);
  if (op === 'not') {
    const t = truthy(v);
    return t === undefined ? UNKNOWN : !t;
  }
  // -x and +x keep a tensor's shape and count.
  if (typeof v !== 'number') return tensorOf(v) ?? UNKNOWN;
  return op === '-' ? -v : op === '+' ? v : op === '~' ? ~v : UNKNOWN;
}

function subscript(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const all = children(node);
  const objectNode = all[0];
  const open = all.findIndex((c) => c.name === '[');
  if (!objectNode || open < 0) return UNKNOWN;
  const object = it.evaluate(objectNode, scope);
  const inner = all.slice(open + 1).filter((c) => c.name !== ']');
  const tensor = tensorOf(object);
  if (tensor) return passTensorOn(node, tensor, it, 'indexes a tensor');
  if (inner.some((c) => c.name === ',')) return UNKNOWN;
  if (inner.some((c) => c.name === ':')) return slice(object, inner, scope, it);
  if (inner.length !== 1) return UNKNOWN;
  const index = it.evaluate(inner[0]!, scope);
  if (Array.isArray(object) && typeof index === 'number' && Number.isInteger(index)) {
    const i = index < 0 ? object.length + index : index;
    return i >= 0 && i < object.length ? object[i]! : UNKNOWN;
  }
  if (typeof object === 'string' && typeof index === 'number') return object.at(index) ?? UNKNOWN;
  // model.classifier[6], model.features[-1]: a Sequential's item by position.
  if (isRef(object) && object.kind === 'sequential' && typeof index === 'number' && Number.isInteger(index)) {
    const i = index < 0 ? object.items.length + index : index;
    return object.items[i]?.value ?? UNKNOWN;
  }
  if (isRef(object) && object.kind === 'dict') return object.entries.find(([k]) => equal(k, index) === true)?.[1] ?? UNKNOWN;
  return UNKNOWN;
}

/** `xs[1:]`, `cfg[:-1]`, `shape[1:]`, `s[::2]`: Python's slice of a list, tuple or string. */
function slice(object: Value, inner: readonly SyntaxNode[], scope: Scope, it: Interp): Value {
  const segments: (SyntaxNode | undefined)[][] = [[]];
  for (const c of inner) {
    if (c.name === ':') segments.push([]);
    else segments[segments.length - 1]!.push(c);
  }
  if (segments.length > 3 || segments.some((seg) => seg.length > 1)) return UNKNOWN;
  const bound = (seg: (SyntaxNode | undefined)[] | undefined): number | null | undefined => {
    const n = seg?.[0];
    if (!n) return null;
    const v = it.evaluate(n, scope);
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  };
  const [start, stop, step] = [bound(segments[0]), bound(segments[1]), bound(segments[2])];
  if (start === undefined || stop === undefined || step === undefined || step === 0) return UNKNOWN;
  const items = Array.isArray(object) ? object : typeof object === 'string' ? [...object] : undefined;
  if (!items) return UNKNOWN;
  const n = items.length;
  const s = step ?? 1;
  const clamp = (i: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, i < 0 ? i + n : i));
  const out: Value[] = [];
  if (s > 0) {
    for (let i = start === null ? 0 : clamp(start, 0, n); i < (stop === null ? n : clamp(stop, 0, n)); i += s) out.push(items[i]!);
  } else {
    for (let i = start === null ? n - 1 : clamp(start, -1, n - 1); i > (stop === null ? -1 : clamp(stop, -1, n - 1)); i += s) out.push(items[i]!);
  }
  return typeof object === 'string' ? out.join('') : out;
}

function member(node: SyntaxNode, scope: Scope, it: Interp): Value {
  // lezer reads the float `100.` as 100 followed by a broken attribute access.
  if (node.firstChild?.name === 'Number' && node.lastChild?.type.isError) return numberValue(it.text.slice(node.firstChild.from, node.firstChild.to)) ?? UNKNOWN;
  const property = node.lastChild;
  if (property?.name === 'PropertyName') {
    const object = node.firstChild;
    return object ? it.getAttr(it.evaluate(object, scope), it.text.slice(property.from, property.to)) : UNKNOWN;
  }
  return subscript(node, scope, it);
}

/** Binds an assignment or loop target (a name, `a, b`, `(a, b)`, `self.x`) to a value. */
export function bindTargets(targets: readonly SyntaxNode[], value: Value, scope: Scope, it: Interp, assign: (target: SyntaxNode, v: Value) => void): void {
  if (targets.length === 1) {
    const t = targets[0]!;
    if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression') bindTargets(parts(t), value, scope, it, assign);
    else assign(t, value);
    return;
  }
  targets.forEach((t, i) => {
    const v = Array.isArray(value) && value.length === targets.length ? value[i]! : UNKNOWN;
    bindTargets([t], v, scope, it, assign);
  });
}

function comprehension(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const all = children(node);
  const fors = all.filter((c) => c.name === 'for');
  const inAt = all.findIndex((c) => c.name === 'in');
  const forAt = all.findIndex((c) => c.name === 'for');
  if (fors.length !== 1 || inAt < 0) return UNKNOWN;
  const element = all.slice(0, forAt).find((c) => c.name !== '[' && c.name !== '(');
  const targets = all.slice(forAt + 1, inAt).filter((c) => c.name !== ',');
  const ifAt = all.findIndex((c) => c.name === 'if');
  const iterable = all[inAt + 1];
  const condition = ifAt >= 0 ? all[ifAt + 1] : undefined;
  if (!element || !iterable) return UNKNOWN;
  const items = it.evaluate(iterable, scope);
  if (!Array.isArray(items) || items.length > MAX_LOOP_PASSES) return UNKNOWN;
  // Nested comprehensions multiply: 1000 × 1000 × 1000 elements are counted, not made.
  if (!it.budget.elements(items.length, node)) return UNKNOWN;
  const inner = new Scope(scope);
  const out: Value[] = [];
  for (const item of items) {
    bindTargets(targets, item, inner, it, (t, v) => {
      if (t.name === 'VariableName') inner.set(it.text.slice(t.from, t.to), v);
    });
    if (condition) {
      const keep = truthy(it.evaluate(condition, inner));
      if (keep === undefined) return UNKNOWN;
      if (!keep) continue;
    }
    out.push(it.evaluate(element, inner));
  }
  elementRanges.set(out, out.map(() => ({ from: element.from, to: element.to })));
  return out;
}

function dictionary(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const all = children(node);
  const entries: [Value, Value][] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i + 1]?.name === ':' && all[i + 2]) {
      entries.push([it.evaluate(all[i]!, scope), it.evaluate(all[i + 2]!, scope)]);
      i += 2;
    }
  }
  return { kind: 'dict', entries };
}

/** f"conv{i}_{n:02d}": the literal text around each replacement, the replacements evaluated. */
function formatString(node: SyntaxNode, scope: Scope, it: Interp): Value {
  const text = it.text.slice(node.from, node.to);
  const prefix = /^[A-Za-z]*/.exec(text)![0].length;
  const q = text[prefix] ?? '"';
  const quote = text.slice(prefix, prefix + 3) === q.repeat(3) ? 3 : 1;
  const start = node.from + prefix + quote;
  const end = node.to - quote;
  const literal = (from: number, to: number): { text: string } => ({ text: it.text.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}') });
  const pieces: Parameters<typeof fString>[0][number][] = [];
  let at = start;
  for (const r of node.getChildren('FormatReplacement')) {
    pieces.push(literal(at, r.from));
    const expr = parts(r).find((c) => c.name !== 'FormatSpec' && c.name !== 'FormatConversion');
    const spec = r.getChild('FormatSpec');
    if (!expr) return UNKNOWN;
    pieces.push({ value: it.evaluate(expr, scope), spec: spec ? it.text.slice(spec.from + 1, spec.to) : '' });
    at = r.to;
  }
  pieces.push(literal(at, end));
  return fString(pieces);
}

export function evaluate(node: SyntaxNode, scope: Scope, it: Interp): Value {
  // The node's source is sliced where a case needs it (not by a closure made at every call: this runs for every expression).
  switch (node.name) {
    case 'Number': return numberValue(it.text.slice(node.from, node.to)) ?? UNKNOWN;
    case 'String': return stringValue(it.text.slice(node.from, node.to)) ?? UNKNOWN;
    case 'ContinuedString': {
      const pieces = parts(node).map((p) => (p.name === 'String' ? stringValue(it.text.slice(p.from, p.to)) : undefined));
      return pieces.every((p) => p !== undefined) ? pieces.join('') : UNKNOWN;
    }
    case 'FormatString': return formatString(node, scope, it);
    // A lambda is a function like any other: Lambda(lambda x: x / 255.0)(x) runs it on the tensor.
    case 'LambdaExpression': return { kind: 'function', node, name: '<lambda>', scope, ...(it.zoo ? { zoo: it.zoo } : {}) };
    case 'Boolean': return it.text.slice(node.from, node.to) === 'True';
    case 'None': return null;
    case 'VariableName': return it.resolveName(it.text.slice(node.from, node.to), scope);
    case 'ParenthesizedExpression': {
      const inner = parts(node)[0];
      return inner ? it.evaluate(inner, scope) : UNKNOWN;
    }
    case 'TupleExpression':
    case 'ArrayExpression': {
      const all = children(node);
      return sequence(parts(node), all, scope, it);
    }
    case 'DictionaryExpression': return dictionary(node, scope, it);
    case 'UnaryExpression': return unary(node, scope, it);
    case 'BinaryExpression': return binary(node, scope, it);
    case 'ConditionalExpression': {
      const [then, condition, otherwise] = parts(node);
      if (!then || !condition || !otherwise) return UNKNOWN;
      const t = truthy(it.evaluate(condition, scope));
      return t === undefined ? UNKNOWN : it.evaluate(t ? then : otherwise, scope);
    }
    case 'MemberExpression': return member(node, scope, it);
    case 'CallExpression': return it.evaluateCall(node, scope);
    case 'ArrayComprehensionExpression': return comprehension(node, scope, it);
    default: return UNKNOWN;
  }
}
