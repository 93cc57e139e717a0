/**
 * The side view's kernel strip follows the layer at the cursor (and the lab's selection),
 * its buttons act on the model it shows; the lab draws the first dense layer's weights as
 * images, from the worker's weights, and updates them as the model trains.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, nextEvent, openExample, posted } from './helpers';
import type { PageHost } from '../../extension/webview/pageHost';
import type { SideKernelsView, TrainSettings } from '../../webview/protocol';

/** The strip the side view posts after `action`, once it satisfies `accept` (it may already show it: then no new one is posted). */
async function stripAfter(action: () => unknown, accept: (k: SideKernelsView) => boolean, mayAlreadyShow = false): Promise<SideKernelsView> {
  const api = await convlab();
  const next = nextEvent(api.sideView.onDidPostKernels, (k) => k !== null && accept(k), 15_000);
  await action();
  await new Promise((r) => setTimeout(r, 200));
  const now = await api.sideView.kernels();
  if (mayAlreadyShow && now && accept(now)) {
    next.catch(() => undefined);
    return now;
  }
  return (await next)!;
}

/** Puts the cursor inside the first occurrence of `text`. */
function cursorOn(editor: vscode.TextEditor, text: string): void {
  const offset = editor.document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is in the file`);
  const at = editor.document.positionAt(offset + 2);
  editor.selection = new vscode.Selection(at, at);
}

const SHORT_RUN: TrainSettings = { dataset: 'bars', trainCount: 200, epochs: 2, batchSize: 32, learningRate: 0.005, optimizer: 'adam', seed: 3, patience: 0, restoreBest: false };

suite('kernel strip and dense weights', () => {
  let side: PageHost;

  test('the side view\'s strip shows the kernels of the conv layer at the cursor, and says so when a layer has none', async () => {
    const api = await convlab();
    const resolved = api.sideView.current ? Promise.resolve(api.sideView.current) : nextEvent(api.sideView.onDidResolve);
    await vscode.commands.executeCommand('workbench.view.extension.convlab');
    side = await resolved;
    let editor!: vscode.TextEditor;
    await stripAfter(async () => (editor = await openExample('mnist_cnn_keras.py')), (k) => k.uri.endsWith('mnist_cnn_keras.py'), true);
    // From a pooling line to a conv line: the strip's layer changes.
    const p = await stripAfter(() => cursorOn(editor, 'MaxPooling2D'), (k) => k.name === 'max_pooling2d');
    assert.strictEqual(p.kernel, null);
    assert.match(p.note ?? '', /no kernels/);
    const k2 = await stripAfter(() => cursorOn(editor, 'Conv2D(64'), (k) => k.name === 'conv2d_1');
    assert.strictEqual(k2.selectedBy, 'cursor');
    assert.strictEqual(k2.totalFilters, 64);
    assert.deepStrictEqual(k2.kernel?.shape, [8, 32, 3, 3]);
    // The lab suite trained this file: then the strip shows the kept trained weights, else the worker's seeded ones.
    const ir = (await api.models.get(editor.document))!.parse.models[0]!;
    const kept = api.trainedWeights.get(editor.document.uri.toString(), ir.name);
    assert.strictEqual(k2.weights, kept ? 'trained' : 'initial');
    const seed = vscode.workspace.getConfiguration('convlab').get<number>('seed', 0);
    const weights = kept?.weights ?? (await api.worker.request('initialWeights', { model: ir, seed })).weights;
    const full = weights.find((w) => w.layer === 'conv2d_1' && w.param === 'kernel')!;
    assert.deepStrictEqual(Array.from(k2.kernel!.values), Array.from(full.values.subarray(0, 8 * 32 * 9)), 'the strip\'s kernels are those weights\' first 8 filters');

    const k1 = await stripAfter(() => cursorOn(editor, 'Conv2D(32'), (k) => k.name === 'conv2d');
    assert.deepStrictEqual(k1.kernel?.shape, [16, 1, 3, 3]);
  });

  test('a layer picked in the lab (arrow keys on the strip) moves the side view\'s strip too', async () => {
    const api = await convlab();
    await vscode.commands.executeCommand('convlab.visualize');
    const page = api.lab.current!;
    const picked = await stripAfter(() => page.handleMessage({ type: 'selectedLayer', model: 0, layer: 2 }), (k) => k.selectedBy === 'lab' && k.name === 'conv2d_1');
    assert.deepStrictEqual(picked.kernel?.shape, [8, 32, 3, 3]);
    assert.strictEqual(await page.handleMessage({ type: 'selectedLayer', model: -1, layer: 2 }), false);
  });

  test('Visualize Model in the side view opens the lab on the side view\'s model, with no text editor active', async () => {
    const api = await convlab();
    const mlp = await openExample('mnist_mlp_keras.py');
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    const model = posted('model', (m) => m.data?.uri === mlp.document.uri.toString());
    assert.strictEqual(await side.handleMessage({ type: 'runCommand', command: 'convlab.visualize' }), true);
    await model;
    assert.strictEqual(api.labController.current?.uri, mlp.document.uri.toString());
  });

  test('the lab draws the MLP\'s first dense layer as 28×28 images from the worker\'s weights, and updates them as it trains', async () => {
    const api = await convlab();
    const mlp = await openExample('mnist_mlp_keras.py');
    const uri = mlp.document.uri.toString();
    const dense = posted('denseWeights', (m) => m.data.uri === uri);
    await vscode.commands.executeCommand('convlab.visualize');
    const page = api.lab.current!;
    const d = (await dense).data;
    assert.deepStrictEqual([d.name, d.units, d.shownUnits, d.flattenedBy, d.weights, d.isOutput], ['dense', 32, 32, 'flatten', 'initial', false]);
    assert.deepStrictEqual(d.imageShape, [1, 28, 28]);
    const ir = (await api.models.get(mlp.document))!.parse.models[0]!;
    const seed = vscode.workspace.getConfiguration('convlab').get<number>('seed', 0);
    const reply = await api.worker.request('initialWeights', { model: ir, seed });
    const kernel = reply.weights.find((w) => w.layer === 'dense' && w.param === 'kernel')!;
    assert.deepStrictEqual(kernel.shape, [32, 784]);
    assert.deepStrictEqual(Array.from(d.values).slice(784 * 5, 784 * 5 + 20), Array.from(kernel.values).slice(784 * 5, 784 * 5 + 20), 'unit 6 is row 6 of the kernel');
    assert.strictEqual(d.scale, Math.max(...Array.from(kernel.values, Math.abs)));
    // The page draws the first 16 units, one canvas each.
    const drawn = page.lastModelRendered?.denseUnits === 16 ? page.lastModelRendered : await nextEvent(page.onDidRenderModel, (r) => r.denseUnits === 16, 30_000);
    assert.strictEqual(drawn.denseUnits, 16);

    const during = posted('denseWeights', (m) => m.data.uri === uri && m.data.weights === 'training', 120_000);
    const after = posted('denseWeights', (m) => m.data.uri === uri && m.data.weights === 'trained', 120_000);
    assert.strictEqual(await page.handleMessage({ type: 'train', settings: SHORT_RUN }), true);
    const running = (await during).data;
    assert.ok(running.epoch !== null && running.epoch >= 0);
    const trained = (await after).data;
    const kept = api.trainedWeights.get(uri, ir.name)!.weights.find((w) => w.layer === 'dense' && w.param === 'kernel')!;
    assert.deepStrictEqual(Array.from(trained.values).slice(0, 50), Array.from(kept.values).slice(0, 50), 'the trained templates are the kept weights');
    assert.notDeepStrictEqual(Array.from(trained.values).slice(0, 784), Array.from(d.values).slice(0, 784), 'training changed them');
  }).timeout(150_000);

  test('a dense layer behind Flatten → Dropout of a 64×5×5 map: one row of 64 channel images per unit', async () => {
    const keras = await openExample('mnist_cnn_keras.py');
    const dense = posted('denseWeights', (m) => m.data.uri === keras.document.uri.toString());
    await vscode.commands.executeCommand('convlab.visualize');
    const d = (await dense).data;
    assert.deepStrictEqual([d.layer, d.name, d.units, d.flattenedBy, d.isOutput], [6, 'dense', 10, 'flatten', true]);
    assert.deepStrictEqual(d.imageShape, [64, 5, 5]);
    assert.strictEqual(d.values.length, 10 * 64 * 25);
  });
});
