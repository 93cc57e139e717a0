import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, nextEvent } from './helpers';

async function openExample(name: string): Promise<vscode.TextEditor> {
  const [uri] = await vscode.workspace.findFiles(`**/${name}`);
  assert.ok(uri, `${name} is in the examples folder`);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** The position just inside the first occurrence of `text` in the document. */
function positionOf(doc: vscode.TextDocument, text: string): vscode.Position {
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is in ${doc.fileName}`);
  return doc.positionAt(offset + 1);
}

async function hoverText(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function diagnosticsOf(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ConvLab');
  if (accept(now)) return now;
  await nextEvent(vscode.languages.onDidChangeDiagnostics, () => accept(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ConvLab')));
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ConvLab');
}

suite('model code: hovers, CodeLens, diagnostics, summary', () => {
  test('hover on a Keras Conv2D: output shape, the parameter formula, receptive field and a kernel picture', async () => {
    await convlab();
    const editor = await openExample('mnist_cnn_keras.py');
    const text = await hoverText(editor.document, positionOf(editor.document, 'Conv2D(32'));
    assert.match(text, /\(26, 26, 32\)/);
    assert.match(text, /3·3·1·32 \+ 32 = 320/);
    assert.match(text, /Receptive field/);
    assert.match(text, /!\[kernels\]\(data:image\/png;base64,/);
  });

  test('hover on Dropout: drop rate against keep probability, 2^n masks, inverted scaling', async () => {
    const editor = await openExample('mnist_cnn_keras.py');
    const text = await hoverText(editor.document, positionOf(editor.document, 'Dropout(0.5)'));
    assert.match(text, /keep probability p = 1 − 0\.5 = 0\.5/);
    assert.match(text, /2\^1600/);
    assert.match(text, /inverted dropout/);
  });

  test('no hover where there is nothing to say', async () => {
    const editor = await openExample('mnist_cnn_keras.py');
    assert.strictEqual(await hoverText(editor.document, positionOf(editor.document, 'import keras')), '');
  });

  test('CodeLens above the model gives its parameter count', async () => {
    const editor = await openExample('mnist_cnn_keras.py');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes('34,826 parameters')), titles.join(' | '));
  });

  test('a PyTorch model: hover on nn.Linear, input shape from the comment', async () => {
    const editor = await openExample('mnist_cnn_pytorch.py');
    const text = await hoverText(editor.document, positionOf(editor.document, 'nn.Linear('));
    assert.match(text, /1600·10 \+ 10 = 16,?010|16,?010/);
    const api = await convlab();
    const file = (await api.models.get(editor.document))!;
    assert.deepStrictEqual(file.parse.models[0]!.inputShape, [1, 28, 28]);
  });

  test('a model error appears in the Problems panel with its range, and goes when fixed', async () => {
    const source = [
      'from tensorflow import keras',
      'from keras import layers',
      'model = keras.Sequential([',
      '    keras.Input(shape=(4, 4, 1)),',
      '    layers.Conv2D(8, 5),',
      '    layers.Flatten(),',
      '    layers.Dense(10),',
      '])',
      '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: source });
    await vscode.window.showTextDocument(doc);
    const found = await diagnosticsOf(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
    const error = found.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    assert.strictEqual(error.range.start.line, 4, `on the Conv2D line: ${error.message}`);
    assert.match(error.message, /5|kernel/i);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(4, 0, 4, 100), '    layers.Conv2D(8, 3),');
    await vscode.workspace.applyEdit(edit);
    await diagnosticsOf(doc.uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the side view summarises the model in the active editor', async () => {
    const api = await convlab();
    await openExample('mnist_cnn_keras.py');
    const posted = nextEvent(api.sideView.onDidPostSummary, (s) => s !== null && s.fileName.endsWith('mnist_cnn_keras.py'));
    await vscode.commands.executeCommand('convlab.summary');
    const summary = await posted;
    const model = summary!.models[0]!;
    assert.strictEqual(model.totalParams, 34826);
    assert.deepStrictEqual(model.layers.map((l) => l.params), [320, 0, 18496, 0, 0, 0, 16010]);
  });
});
