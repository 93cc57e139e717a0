/**
 * Small readers over @lezer/python's syntax tree. Lezer's tree is concrete: brackets,
 * commas and keywords are nodes too, and a keyword argument is three siblings
 * (VariableName, AssignOp, value). These helpers give the parts that carry meaning.
 * Named node types start with a capital letter (VariableName, CallExpression); tokens and
 * keywords do not; "⚠" marks what the parser skipped in broken code.
 */
import type { SyntaxNode } from '@lezer/common';

export type { SyntaxNode } from '@lezer/common';

export function isNamed(node: SyntaxNode): boolean {
  const c = node.name.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** The children with meaning: expressions, statements, bodies (no tokens, no errors). */
export function parts(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (isNamed(c) && c.name !== 'Comment') out.push(c);
  return out;
}

/** All children, tokens included, for the few places where a keyword or operator matters. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

/** One argument of a call: positional, keyword (`name`), or unpacked (`*xs`, `**kw`). */
export interface ArgNode {
  readonly node: SyntaxNode;
  readonly keyword?: string;
  readonly star?: '*' | '**';
  /** Where the whole argument starts: the keyword's name for `kernel_size=3`. */
  readonly from: number;
  readonly to: number;
}

export function argNodes(argList: SyntaxNode, text: string): ArgNode[] {
  const out: ArgNode[] = [];
  let keyword: SyntaxNode | null = null;
  let star: '*' | '**' | undefined;
  for (let c = argList.firstChild; c; c = c.nextSibling) {
    const name = c.name;
    if (name === '*' || name === '**') {
      star = name;
      continue;
    }
    if (!isNamed(c) || name === 'Comment' || name === 'AssignOp') continue;
    const next = c.nextSibling;
    if (name === 'VariableName' && next?.name === 'AssignOp') {
      keyword = c;
      continue;
    }
    if (keyword) out.push({ node: c, keyword: text.slice(keyword.from, keyword.to), from: keyword.from, to: c.to });
    else out.push({ node: c, ...(star ? { star } : {}), from: c.from, to: c.to });
    keyword = null;
    star = undefined;
  }
  return out;
}

/** `tf.keras.layers.Conv2D` as ['tf', 'keras', 'layers', 'Conv2D']; undefined for anything else. */
export function dottedName(node: SyntaxNode, text: string): string[] | undefined {
  if (node.name === 'VariableName') return [text.slice(node.from, node.to)];
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = node.lastChild;
  if (!object || !property || property.name !== 'PropertyName') return undefined;
  const head = dottedName(object, text);
  return head ? [...head, text.slice(property.from, property.to)] : undefined;
}

/** A Python number literal's value; undefined for complex literals (10j) and broken ones. */
export function numberValue(source: string): number | undefined {
  const s = source.replace(/_/g, '');
  if (/[jJ]$/.test(s)) return undefined;
  const v = /^0[0-7]+$/.test(s) ? Number.NaN : Number(s);
  return Number.isFinite(v) ? v : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** A Python string literal's value (prefixes r/u/b, any quote); undefined for f-strings. */
export function stringValue(source: string): string | undefined {
  const m = /^([rRuUbB]{0,2})('''|"""|'|")/.exec(source);
  if (!m) return undefined;
  const raw = /[rR]/.test(m[1]!);
  const quote = m[2]!;
  const end = source.endsWith(quote) && source.length >= m[0].length + quote.length ? source.length - quote.length : source.length;
  const body = source.slice(m[0].length, end);
  return raw ? body : body.replace(/\\(.)/gs, (_all, ch: string) => ESCAPES[ch] ?? `\\${ch}`);
}
