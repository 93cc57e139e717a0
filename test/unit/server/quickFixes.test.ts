/**
 * Quick fixes, applied to the text and read again: the missing Flatten (Keras and PyTorch),
 * the right in_features, and an input comment — after each, the diagnostic is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver';
import { analyseText } from '../../../server/analyse';
import { quickFixesOf } from '../../../server/quickFixes';
import { DEFAULT_SETTINGS } from '../../../server/settings';
import { REPO } from './lspClient';

const URI = 'file:///m.py';

function fixes(text: string): { doc: TextDocument; actions: CodeAction[]; codes: string[] } {
  const doc = TextDocument.create(URI, 'python', 1, text);
  const file = analyseText(URI, 1, 'python', text, DEFAULT_SETTINGS);
  const all = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
  const codes = [...file.parse.diagnostics.map((d) => d.code), ...file.analyses.flatMap((a) => a.diagnostics.map((d) => d.code))] as string[];
  return { doc, actions: quickFixesOf(file, doc, all), codes };
}

function apply(doc: TextDocument, a: CodeAction): string {
  return TextDocument.applyEdits(doc, a.edit!.changes![URI]!);
}

const TORCH = readFileSync(path.join(REPO, 'examples', 'mnist_cnn_pytorch.py'), 'utf8');

test('Keras: Dense on a feature map → insert Flatten() before it, in the same style', () => {
  const text = 'import keras\nfrom keras import layers\nm = keras.Sequential([\n    keras.Input(shape=(28, 28, 1)),\n    layers.Conv2D(8, 3),\n    layers.Dense(10),\n])\n';
  const { doc, actions } = fixes(text);
  const flatten = actions.find((a) => a.title.startsWith('Insert layers.Flatten()'));
  assert.ok(flatten, actions.map((a) => a.title).join(' | '));
  const fixed = apply(doc, flatten);
  assert.match(fixed, /layers\.Conv2D\(8, 3\),\n {4}layers\.Flatten\(\),\n {4}layers\.Dense\(10\),/);
  assert.ok(!fixes(fixed).codes.includes('denseOnFeatureMap'));
  const add = fixes('import keras\nfrom keras import layers\nm = keras.Sequential()\nm.add(keras.Input(shape=(28, 28, 1)))\nm.add(layers.Conv2D(8, 3))\nm.add(layers.Dense(10, activation="softmax"))\n');
  assert.match(apply(add.doc, add.actions[0]!), /m\.add\(layers\.Flatten\(\)\)\nm\.add\(layers\.Dense\(10, activation="softmax"\)\)/);
});

test('PyTorch: a Linear whose in_features does not match → the right number', () => {
  const text = TORCH.replace('nn.Linear(64 * 5 * 5, 10)', 'nn.Linear(1000, 10)');
  const { doc, actions, codes } = fixes(text);
  assert.ok(codes.includes('inFeaturesMismatch'));
  const set = actions.find((a) => a.title === 'Set in_features to 1600');
  assert.ok(set, actions.map((a) => a.title).join(' | '));
  const fixed = apply(doc, set);
  assert.match(fixed, /nn\.Linear\(1600, 10\)/);
  assert.ok(!fixes(fixed).codes.includes('inFeaturesMismatch'));
});

test('PyTorch: a Linear on a feature map → torch.flatten before it in forward, and in_features set', () => {
  const text = TORCH.replace('        x = torch.flatten(x, 1)\n', '').replace('nn.Linear(64 * 5 * 5, 10)', 'nn.Linear(in_features=64, out_features=10)');
  const { doc, actions, codes } = fixes(text);
  assert.ok(codes.includes('denseOnFeatureMap'), codes.join(', '));
  const flatten = actions.find((a) => a.title.startsWith('Flatten before fc'));
  assert.ok(flatten, actions.map((a) => a.title).join(' | '));
  const fixed = apply(doc, flatten);
  assert.match(fixed, /x = self\.dropout\(x\)\n {8}x = torch\.flatten\(x, 1\)\n {8}return self\.fc\(x\)/);
  assert.match(fixed, /nn\.Linear\(in_features=1600, out_features=10\)/);
  const again = fixes(fixed);
  assert.ok(!again.codes.includes('denseOnFeatureMap') && !again.codes.includes('inFeaturesMismatch'), again.codes.join(', '));
});

test('a model without an input shape → a "# convlab: input" comment above it, and then its shapes are known', () => {
  const text = TORCH.replace('# convlab: input 1x28x28\n', '');
  const { doc, actions, codes } = fixes(text);
  assert.ok(codes.includes('unknownInput'), codes.join(', '));
  const add = actions.find((a) => a.title.startsWith('Add "# convlab: input 1x28x28"'));
  assert.ok(add, actions.map((a) => a.title).join(' | '));
  const fixed = apply(doc, add);
  assert.match(fixed, /# convlab: input 1x28x28\nclass Net/);
  assert.ok(!fixes(fixed).codes.includes('unknownInput'));
});
