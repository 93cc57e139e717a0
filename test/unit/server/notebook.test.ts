/**
 * Notebooks through LSP 3.17 notebook sync: the code cells are one program (a model whose
 * imports and input sit in earlier cells), IPython lines are blanked, and hovers, per-cell
 * diagnostics, CodeLens and inlay hints come back in the cells' own lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankMagics } from '../../../server/notebook';
import { startStdioServer } from './lspClient';

const NB = 'file:///tmp/convlab-nb/model.ipynb';
const cell = (i: number): string => `vscode-notebook-cell:/tmp/convlab-nb/model.ipynb#cell${i}`;
const CELLS = [
  '%matplotlib inline\n!pip install keras\nimport keras\nfrom keras import layers',
  '# Markdown-free: a code cell with the input\ninputs = keras.Input(shape=(4, 4, 1))',
  'x = layers.Conv2D(8, 5)(inputs)\nx = layers.Flatten()(x)\noutputs = layers.Dense(10)(x)\nmodel = keras.Model(inputs, outputs)',
];

test('IPython magics and shell lines are blanked, keeping columns; a %% cell is blanked whole', () => {
  assert.equal(blankMagics('%time x = 1\n  !ls\nimport os'), `${' '.repeat(11)}\n${' '.repeat(5)}\nimport os`);
  assert.equal(blankMagics('%%bash\necho hi'), `${' '.repeat(6)}\n${' '.repeat(7)}`);
});

test('a notebook: a model built across cells, its error in its own cell, hovers and hints in cell lines', { timeout: 60_000 }, async () => {
  const client = await startStdioServer();
  try {
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: NB, notebookType: 'jupyter-notebook', version: 1, cells: CELLS.map((_, i) => ({ kind: 2, document: cell(i) })) },
      cellTextDocuments: CELLS.map((text, i) => ({ uri: cell(i), languageId: 'python', version: 1, text })),
    });
    // Conv2D(8, 5) on 4×4: the error is published for the third cell, on its first line.
    const published = await client.diagnostics(cell(2), (p) => p.diagnostics.some((d) => d.severity === 1));
    const error = published.diagnostics.find((d) => d.severity === 1)!;
    assert.equal(error.range.start.line, 0);
    const first = await client.diagnostics(cell(0));
    assert.deepEqual(first.diagnostics.filter((d) => d.severity === 1), [], 'nothing wrong in the imports cell');

    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: cell(2) }, position: { line: 0, character: 12 } }) as { contents: { value: string }; range: { start: { line: number } } };
    assert.match(hover.contents.value, /5·5·1·8 \+ 8 = 208/);
    assert.equal(hover.range.start.line, 0, 'in the cell\'s lines');

    const lenses = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: cell(1) } }) as { range: { start: { line: number } }; command: { title: string; arguments: unknown[] } }[];
    assert.ok(lenses.some((l) => /parameters/.test(l.command.title)), 'the functional model starts at its Input, in cell 2');
    assert.equal(lenses[0]!.command.arguments[0], cell(1));

    // Fix the kernel in the third cell: the error goes.
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(2), version: 2 }, changes: [{ range: { start: { line: 0, character: 21 }, end: { line: 0, character: 22 } }, text: '3' }] }] } },
    });
    await client.diagnostics(cell(2), (p) => !p.diagnostics.some((d) => d.severity === 1));
    const hints = await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: cell(2) }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } } }) as { label: string; position: { line: number } }[];
    assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[0, '→ (2, 2, 8)'], [1, '→ (32,)'], [2, '→ (10,)']]);
  } finally {
    await client.close();
  }
});
