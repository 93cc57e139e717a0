/**
 * What the reader works out from a syntax node's shape alone (a call's arguments, a
 * function's parameters and body), kept per node for one read of a file. A helper such as
 * conv3x3(...) or a block's __init__ runs hundreds of times while a ResNet is built; its
 * syntax is the same every time, so it is walked once.
 *
 * Lezer hands out a new node object at each visit, so a node is known by its type and
 * span, within the text being read (zoo code is another text, with spans of its own).
 * A shape function must depend on the node and the text only, and its result is shared:
 * callers never change it.
 */
import type { SyntaxNode } from './syntax';

export type ShapeOf<T> = (node: SyntaxNode, text: string) => T;

/** Spans up to 2^21 characters and 2^10 node types fit one number below 2^53. */
const SPAN = 2 ** 21;
const TYPES = 2 ** 10;

type Memo = Map<ShapeOf<unknown>, Map<number, unknown>>;

export class SyntaxMemo {
  private readonly byText = new Map<string, Memo>();
  // The text read last and its memo: the text changes only when zoo code is entered or left.
  private lastText: string | undefined;
  private last: Memo | undefined;

  of<T>(shape: ShapeOf<T>, node: SyntaxNode, text: string): T {
    const id = node.type.id;
    // A node beyond what one number names is worked out each time (the budget stops such files anyway).
    if (node.to >= SPAN || id >= TYPES) return shape(node, text);
    let memo = this.last;
    if (text !== this.lastText || !memo) {
      memo = this.byText.get(text);
      if (!memo) this.byText.set(text, (memo = new Map()));
      this.lastText = text;
      this.last = memo;
    }
    let values = memo.get(shape);
    if (!values) memo.set(shape, (values = new Map()));
    const key = (node.from * SPAN + node.to) * TYPES + id;
    const hit = values.get(key);
    if (hit !== undefined || values.has(key)) return hit as T;
    const value = shape(node, text);
    values.set(key, value);
    return value;
  }
}
