/**
 * The language server as VS Code runs it (a Web Worker in this web build): inlay hints and
 * their setting, models answered to the host, and a server that dies is started again
 * with the learner told, while hovers keep working.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, nextEvent, openExample } from './helpers';

async function inlayHints(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)) ?? [];
}

const label = (h: vscode.InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

/** Retries `probe` until it returns a value that `accept`s (the server answers once it has the document). */
async function eventually<T>(probe: () => Promise<T>, accept: (t: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const t = await probe();
    if (accept(t) || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const at = doc.positionAt(doc.getText().indexOf(needle) + 1);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

suite('language server: inlay hints, models for the host, restart', () => {
  test('inlay hints give each layer\'s output shape at the end of its line, and the setting switches them off', async () => {
    await convlab();
    const editor = await openExample('mnist_cnn_keras.py');
    const doc = editor.document;
    const convLine = doc.positionAt(doc.getText().indexOf('Conv2D(32')).line;
    const hints = await eventually(() => inlayHints(doc), (h) => h.length > 0);
    const conv = hints.find((h) => h.position.line === convLine);
    assert.ok(conv, hints.map((h) => `${h.position.line}: ${label(h)}`).join(' | '));
    assert.strictEqual(label(conv), '→ (26, 26, 32)');
    assert.strictEqual(conv.position.character, doc.lineAt(convLine).text.length, 'at the end of the line');
    assert.ok(hints.some((h) => label(h) === '→ (10,)'), 'the last Dense');
    const config = vscode.workspace.getConfiguration('convlab');
    await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const off = await eventually(() => inlayHints(doc), (h) => h.length === 0);
      assert.deepStrictEqual(off.map(label), []);
    } finally {
      await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok((await eventually(() => inlayHints(doc), (h) => h.length > 0)).length > 0, 'back on');
  });

  test('the host gets the models of the document version it asks for, parsed by the server', async () => {
    const api = await convlab();
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4)])\n' });
    const first = await api.models.get(doc);
    assert.strictEqual(first?.analyses[0]?.totals.params, 36);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(2, 0, 2, 200), 'm = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(5)])');
    await vscode.workspace.applyEdit(edit);
    const second = await api.models.get(doc);
    assert.strictEqual(second?.version, doc.version);
    assert.strictEqual(second?.analyses[0]?.totals.params, 45);
  });

  test('a quick fix inserts the missing Flatten, and the error goes', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import keras\nfrom keras import layers\nm = keras.Sequential([\n    keras.Input(shape=(28, 28, 1)),\n    layers.Conv2D(8, 3),\n    layers.Dense(10),\n])\n' });
    await vscode.window.showTextDocument(doc);
    const line = new vscode.Range(5, 0, 5, 20);
    const actions = await eventually(
      async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, line)) ?? [],
      (a) => a.some((x) => x.title.startsWith('Insert layers.Flatten()')));
    const fix = actions.find((x) => x.title.startsWith('Insert layers.Flatten()'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.lineAt(5).text, '    layers.Flatten(),');
    const api = await convlab();
    const file = await api.models.get(doc);
    assert.ok(!file?.analyses[0]?.diagnostics.some((d) => d.code === 'denseOnFeatureMap'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('typing into a 300-line model leaves the extension host\'s event loop free (95th percentile lag < 50 ms)', async () => {
    const api = await convlab();
    const lines = ['import keras', 'from keras import layers', 'model = keras.Sequential()', 'model.add(keras.Input(shape=(32, 32, 3)))'];
    for (let i = 0; lines.length < 300; i++) lines.push(i % 3 === 2 ? 'model.add(layers.BatchNormalization())' : `model.add(layers.Conv2D(${8 + (i % 5)}, 3, padding="same", activation="relu"))`);
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: `${lines.join('\n')}\n` });
    const editor = await vscode.window.showTextDocument(doc);
    const type = async (k: number): Promise<void> => {
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), k % 2 ? '' : '#'), { undoStopBefore: false, undoStopAfter: false });
      // What the side view and the lab do on each edit: ask for the models of this version.
      const file = await api.models.get(doc);
      assert.strictEqual(file?.version, doc.version);
    };
    // Two edits first, so that the code paths are compiled before the timer runs.
    await type(0);
    await type(1);
    // A 5 ms timer's lateness is the host thread's lag: reading this file on it took up to
    // 170 ms per edit (in Node, cold). The 95th percentile, because on this shared 2-core machine the whole
    // browser is now and then descheduled, which no code of ConvLab's causes or can avoid.
    let last = Date.now();
    const lags: number[] = [];
    const timer = setInterval(() => {
      const now = Date.now();
      lags.push(Math.max(0, now - last - 5));
      last = now;
    }, 5);
    try {
      for (let k = 0; k < 40; k++) await type(k);
    } finally {
      clearInterval(timer);
    }
    lags.sort((a, b) => a - b);
    const p95 = lags[Math.floor(lags.length * 0.95)] ?? 0;
    console.log(`    host event-loop lag while typing into a ${doc.lineCount}-line model: 95th percentile ${p95} ms, worst ${lags.at(-1)} ms (${lags.length} samples)`);
    assert.ok(p95 < 50, `the host's event loop lagged ${p95} ms (95th percentile)`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a server that dies is started again, the learner is told, and hovers work again', async () => {
    const api = await convlab();
    const editor = await openExample('mnist_cnn_keras.py');
    assert.match(await hoverText(editor.document, 'Conv2D(32'), /3·3·1·32 \+ 32 = 320/);
    const before = api.language.restarts;
    const restarted = nextEvent(api.language.onDidRestart, () => true, 20_000);
    await api.language.crashForTest();
    assert.strictEqual(await restarted, before + 1);
    const text = await eventually(() => hoverText(editor.document, 'Conv2D(32'), (t) => /320/.test(t), 20_000);
    assert.match(text, /3·3·1·32 \+ 32 = 320/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.some((l) => l.command?.title.includes('34,826 parameters')));
  });
});
