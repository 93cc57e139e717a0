/** `convlab lsp --stdio` and the desktop entry (server/node.ts) answer a generic LSP client: hovers, diagnostics, CodeLens, inlay hints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, startStdioServer } from './lspClient';

const KERAS = readFileSync(path.join(REPO, 'examples', 'mnist_cnn_keras.py'), 'utf8');
const uri = 'file:///tmp/convlab-test/mnist_cnn_keras.py';

function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle) + 1;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

for (const desktop of [false, true]) test(`${desktop ? 'the desktop entry server/node.ts' : 'convlab lsp --stdio'}: hover, diagnostics, CodeLens and inlay hints for a Keras file`, { timeout: 60_000 }, async () => {
  const client = await startStdioServer({ desktop });
  try {
    await client.open(uri, KERAS);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(KERAS, 'Conv2D(32') }) as { contents: { value: string } };
    assert.match(hover.contents.value, /3·3·1·32 \+ 32 = 320/);
    assert.match(hover.contents.value, /\(26, 26, 32\)/);
    const lenses = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as { command: { title: string } }[];
    assert.ok(lenses.some((l) => l.command.title.includes('34,826 parameters')), lenses.map((l) => l.command.title).join(' | '));
    const lines = KERAS.split('\n').length;
    const hints = await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } }) as { label: string; position: { line: number; character: number } }[];
    const conv = hints.find((h) => h.position.line === positionOf(KERAS, 'Conv2D(32').line);
    assert.equal(conv?.label, '→ (26, 26, 32)');
    assert.equal(conv?.position.character, KERAS.split('\n')[conv!.position.line]!.length, 'at the end of the line');

    const broken = 'import keras\nfrom keras import layers\nmodel = keras.Sequential([\n    keras.Input(shape=(4, 4, 1)),\n    layers.Conv2D(8, 5),\n    layers.Flatten(),\n    layers.Dense(10),\n])\n';
    const brokenUri = 'file:///tmp/convlab-test/broken.py';
    await client.open(brokenUri, broken);
    const published = await client.diagnostics(brokenUri, (p) => p.diagnostics.length > 0);
    const error = published.diagnostics.find((d) => d.severity === 1);
    assert.ok(error, JSON.stringify(published.diagnostics));
    assert.equal(error.range.start.line, 4);
    assert.equal(error.source, 'ConvLab');
  } finally {
    await client.close();
  }
});
