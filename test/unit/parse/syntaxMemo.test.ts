// The reader's per-node memo of syntax shapes: one walk per node, nodes and texts kept apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { SyntaxMemo } from '../../../core/parse/python/syntaxMemo';

function nodes(text: string, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  parser.parse(text).iterate({ enter: (n) => void (n.name === name && out.push(n.node)) });
  return out;
}

test('a node visited again (a new lezer object for the same node) is not walked again, and gets the same shape', () => {
  const text = 'f(1, 2)\ng(3)\n';
  const memo = new SyntaxMemo();
  let walks = 0;
  const shape = (n: SyntaxNode, t: string): string => {
    walks++;
    return t.slice(n.from, n.to);
  };
  const first = nodes(text, 'CallExpression').map((n) => memo.of(shape, n, text));
  const again = nodes(text, 'CallExpression').map((n) => memo.of(shape, n, text));
  assert.deepEqual(first, ['f(1, 2)', 'g(3)']);
  assert.deepEqual(again, first);
  assert.equal(walks, 2);
});

test('nodes of one span but different types, shapes of one node, and the same span in another text are kept apart', () => {
  // `x` is an ExpressionStatement and a VariableName over the same characters.
  const text = 'x\n';
  const statement = nodes(text, 'ExpressionStatement')[0]!;
  const name = nodes(text, 'VariableName')[0]!;
  assert.equal(statement.from, name.from);
  assert.equal(statement.to, name.to);
  const memo = new SyntaxMemo();
  const typeOf = (n: SyntaxNode): string => n.name;
  const lengthOf = (n: SyntaxNode): number => n.to - n.from;
  assert.equal(memo.of(typeOf, statement, text), 'ExpressionStatement');
  assert.equal(memo.of(typeOf, name, text), 'VariableName');
  assert.equal(memo.of(lengthOf, name, text), 1);
  // Zoo code is another text: its `y` has the span and type of the file's `x`.
  const other = 'y\n';
  const source = (n: SyntaxNode, t: string): string => t.slice(n.from, n.to);
  assert.equal(memo.of(source, nodes(other, 'VariableName')[0]!, other), 'y');
  assert.equal(memo.of(source, name, text), 'x');
});

test('a shape that is undefined (broken syntax) is remembered too', () => {
  const text = 'f(\n';
  const memo = new SyntaxMemo();
  let walks = 0;
  const broken = (): undefined => void walks++;
  const call = nodes(text, 'CallExpression')[0]!;
  memo.of(broken, call, text);
  memo.of(broken, call, text);
  assert.equal(walks, 1);
});
