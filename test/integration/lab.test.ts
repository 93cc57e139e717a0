import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, nextEvent, openExample, posted, type Posted } from './helpers';
import { LAB_VIEW_TYPE } from '../../extension/webview/labPanel';
import type { PageHost } from '../../extension/webview/pageHost';
import type { KernelsView, TrainSettings, TrainingView } from '../../webview/protocol';
import { exactExpectation, type DropoutSite } from '../../core/dropout';
import { Network } from '../../core/network';
import { viewImage } from '../../core/worker/viewInput';
import { PNG_SIGNATURE } from '../../extension/lab/pngHeader';
import { CANCEL_TRAINING_COMMAND } from '../../extension/lab/training';
import { decodePng, distinctColours } from './png';

/** The page's latest report of what it draws, once it satisfies `accept` (it may already have). */
async function drawn(page: PageHost, accept: (r: NonNullable<PageHost['lastModelRendered']>) => boolean = () => true): Promise<NonNullable<PageHost['lastModelRendered']>> {
  const last = page.lastModelRendered;
  return last && accept(last) ? last : nextEvent(page.onDidRenderModel, accept, 30_000);
}

/** The figures an export wrote, removed after the suite: the workspace is the repository's examples folder. */
const exported: vscode.Uri[] = [];

async function exportFigure(figure: string): Promise<{ uri: vscode.Uri; png: Awaited<ReturnType<typeof decodePng>>; colours: number }> {
  const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('convlab.exportFigure', figure);
  assert.ok(uri, `ConvLab: Export Figure wrote the ${figure} figure`);
  exported.push(uri);
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  assert.ok(uri.toString().startsWith(vscode.Uri.joinPath(folder, 'convlab-figures').toString() + '/'), `${uri.toString()} is in the workspace's convlab-figures/`);
  assert.match(uri.path, new RegExp(`/${figure}-[0-9T-]+\\.png$`));
  const bytes = await vscode.workspace.fs.readFile(uri);
  assert.deepStrictEqual(Array.from(bytes.subarray(0, 8)), [...PNG_SIGNATURE], 'the PNG signature');
  const png = await decodePng(bytes);
  return { uri, png, colours: distinctColours(png) };
}

const SHORT_RUN: TrainSettings = { dataset: 'bars', trainCount: 200, epochs: 2, batchSize: 32, learningRate: 0.005, optimizer: 'adam', seed: 3, patience: 0, restoreBest: false };

suite('the visual lab', () => {
  let page: PageHost;
  let keras: vscode.TextEditor;

  test('ConvLab: Visualize Model opens the panel on the model: the strip\'s blocks and the initial kernels', async () => {
    const api = await convlab();
    keras = await openExample('mnist_cnn_keras.py');
    const kernels = posted('kernels', (k) => k.data.uri === keras.document.uri.toString());
    await vscode.commands.executeCommand('convlab.visualize');
    page = api.lab.current!;
    assert.ok(page, 'the panel is open');
    const strip = await drawn(page);
    assert.deepStrictEqual(strip.blocks, (await api.models.get(keras.document))!.parse.models[0]!.layers.map((l) => l.name));
    const k = (await kernels).data as KernelsView;
    assert.strictEqual(k.weights, 'initial');
    assert.deepStrictEqual(k.layers.map((l) => l.shape), [[32, 1, 3, 3], [64, 32, 3, 3]]);
    await drawn(page, (r) => r.kernelCanvases === 2);
  });

  test('the CodeLens offers Visualize next to Summary', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', keras.document.uri);
    const visualize = lenses.find((l) => l.command?.title === 'Visualize');
    assert.ok(visualize && lenses.some((l) => l.command?.title === 'Summary'));
    assert.strictEqual(visualize.command?.command, 'convlab.visualize');
  });

  test('the cursor on a layer\'s line selects that layer in the panel', async () => {
    const line = keras.document.getText().split('\n').findIndex((l) => l.includes('Dropout(0.5)'));
    const selected = posted('selectLayer', (m) => m.layer === 5);
    await vscode.window.showTextDocument(keras.document, vscode.ViewColumn.One);
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(line, 10, line, 10);
    assert.strictEqual((await selected).layer, 5);
  });

  test('a click on a block reveals its line in the editor', async () => {
    assert.strictEqual(await page.handleMessage({ type: 'revealLayer', model: 0, layer: 2 }), true);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !vscode.window.activeTextEditor?.document.lineAt(vscode.window.activeTextEditor.selection.start.line).text.includes('Conv2D(64')) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /Conv2D\(64/);
  });

  test('an edit is re-analysed and the panel updates (debounced)', async () => {
    const doc = keras.document;
    const line = doc.getText().split('\n').findIndex((l) => l.includes('Conv2D(64'));
    const updated = posted('model', (m) => m.data?.layers[2]?.params === 4624);
    const edit = new vscode.WorkspaceEdit();
    const col = doc.lineAt(line).text.indexOf('64');
    edit.replace(doc.uri, new vscode.Range(line, col, line, col + 2), '16');
    await vscode.workspace.applyEdit(edit);
    const m = (await updated).data!;
    assert.strictEqual(m.layers[2]!.outputShape, '(11, 11, 16)');
    const back = posted('model', (x) => x.data?.layers[2]?.params === 18496);
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, new vscode.Range(line, col, line, col + 2), '64');
    await vscode.workspace.applyEdit(undo);
    await back;
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('feature maps: a bars image through the model, every layer\'s output', async () => {
    const maps = posted('featureMaps', (m) => m.data.inputKind === 'bars');
    assert.strictEqual(await page.handleMessage({ type: 'requestFeatureMaps', input: { kind: 'bars', index: 2 } }), true);
    const data = (await maps).data;
    assert.deepStrictEqual(data.outputs.map((o) => o.shape), [[32, 26, 26], [32, 13, 13], [64, 11, 11], [64, 5, 5], [1600], [1600], [10]]);
    await drawn(page, (r) => r.featureMapCanvases >= 5);
  });

  test('Export Figure writes the kernels into the workspace as a PNG: signature, IHDR size from the kernel shapes, not blank', async () => {
    await drawn(page, (r) => r.kernelCanvases === 2);
    const { png, colours } = await exportFigure('kernels');
    // The figure stacks the two layers' canvases (12 px apart). Conv2D(64) has 32 input channels:
    // one row per filter and one 3×3 tile of 4 px cells per channel, 5 px apart, so its canvas
    // alone is 32·17 − 5 = 539 px wide and 64·17 − 5 = 1083 px high; Conv2D(32) adds its rows of 27 px tiles.
    assert.strictEqual(png.header.colourType, 6, 'RGBA, as a canvas writes it');
    assert.ok(png.header.width >= 539, `width ${png.header.width} holds the 32 channels of Conv2D(64)`);
    assert.ok(png.header.height >= 1083 + 12 + 27, `height ${png.header.height} holds both layers`);
    assert.ok(colours > 50, `a diverging heatmap of 18,720 weights has many colours, not ${colours}`);
  });

  test('Export Figure on a figure not drawn yet writes nothing and says so', async () => {
    const outcome = nextEvent((await convlab()).labController.onDidExportFigure, (e) => e.name === 'mask-ensemble');
    assert.strictEqual(await vscode.commands.executeCommand('convlab.exportFigure', 'mask-ensemble'), undefined);
    assert.deepStrictEqual(await outcome, { name: 'mask-ensemble', uri: undefined, error: 'empty' });
  });

  test('malformed lab messages are rejected', async () => {
    const bad: unknown[] = [
      { type: 'train', settings: { dataset: 'imagenet', trainCount: 10, epochs: 1, batchSize: 1, learningRate: 0.1, optimizer: 'adam', seed: 0, patience: 0, restoreBest: false } },
      { type: 'requestFeatureMaps', input: { kind: 'pixels', pixels: [1, 2, 3] } },
      { type: 'sampleMasks', settings: { layer: 5, samples: 1e9, seed: 0, convention: 'inverted' }, input: { kind: 'bars', index: 0 } },
      { type: 'exportPng', name: '../../etc/passwd', dataUrl: 'data:image/png;base64,AA==' },
      { type: 'exportPng', name: 'kernels', dataUrl: 'data:image/jpeg;base64,AA==' },
      { type: 'exportEmpty', name: 'everything' },
      { type: 'showView', view: 'somewhere' },
    ];
    for (const raw of bad) assert.strictEqual(await page.handleMessage(raw), false, `rejected ${JSON.stringify(raw)}`);
  });

  test('training a short run streams the curves\' data; the trained weights are kept and shown', async () => {
    const api = await convlab();
    const epochs: number[] = [];
    const sub = api.labController.onDidPost((m) => m.type === 'training' && m.data.state === 'running' && epochs.push(m.data.epochs.length));
    const trainedKernels = posted('kernels', (k) => k.data.weights === 'trained');
    const done = posted('training', (m) => m.data.state === 'done', 120_000);
    assert.strictEqual(await page.handleMessage({ type: 'train', settings: SHORT_RUN }), true);
    const view = (await done).data as TrainingView;
    sub.dispose();
    assert.ok(epochs.includes(1), `epoch 1 arrived while running (${epochs.join(',')})`);
    assert.strictEqual(view.epochs.length, 2);
    assert.ok(view.epochs.every((e) => e.valLoss !== null && e.valAccuracy !== null), 'validation curves too');
    assert.ok(view.test && view.test.accuracy >= 0 && view.test.accuracy <= 1);
    await trainedKernels;
    const kept = api.trainedWeights.get(keras.document.uri.toString(), (await api.models.get(keras.document))!.parse.models[0]!.name);
    assert.ok(kept, 'the trained weights are kept for this file');
    assert.deepStrictEqual(kept.weights.find((w) => w.layer.includes('conv') && w.param === 'kernel')?.shape, [32, 1, 3, 3]);
    const at = keras.document.positionAt(keras.document.getText().indexOf('Conv2D(32') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', keras.document.uri, at);
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /trained weights/);

    // The curves as a figure: two plots (loss, accuracy) with lines in the theme's chart colours.
    const { png, colours } = await exportFigure('curves');
    assert.ok(png.header.width > 100 && png.header.height > 100, `curves figure ${png.header.width}×${png.header.height}`);
    assert.ok(colours > 3, `the curves figure has axes and coloured lines, not ${colours} colour(s)`);
  }).timeout(150_000);

  test('a PNG that is not one is refused with a clear error, and nothing is written', async () => {
    const outcome = nextEvent((await convlab()).labController.onDidExportFigure, (e) => e.name === 'kernels');
    assert.strictEqual(await page.handleMessage({ type: 'exportPng', name: 'kernels', dataUrl: `data:image/png;base64,${btoa('GIF89a not a png at all, but long enough to have a header')}` }), true);
    const e = await outcome;
    assert.strictEqual(e.uri, undefined);
    assert.match(e.error ?? '', /not a PNG image/);
  });

  test('a training run is cancelled from the panel', async () => {
    const firstEpoch = posted('training', (m) => m.data.state === 'running', 60_000);
    const cancelled = posted('training', (m) => m.data.state === 'cancelled', 120_000);
    assert.strictEqual(await page.handleMessage({ type: 'train', settings: { ...SHORT_RUN, trainCount: 4000, epochs: 50 } }), true);
    await firstEpoch;
    const api = await convlab();
    assert.ok(api.training.isRunning);
    assert.strictEqual(await page.handleMessage({ type: 'cancelTraining' }), true);
    const view = (await cancelled).data;
    assert.ok(view.epochs.length < 50);
    const deadline = Date.now() + 5000;
    while (api.training.isRunning && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(api.training.isRunning, false);
  }).timeout(150_000);

  test('the status-bar item cancels a run: it settles as cancelled, its curves stop, the page is told, the item goes away', async () => {
    const api = await convlab();
    const uri = keras.document.uri.toString();
    const model = (await api.models.get(keras.document))!.parse.models[0]!;
    const keptBefore = Array.from(api.trainedWeights.get(uri, model.name)!.weights[0]!.values);
    const firstEpoch = posted('training', (m) => m.data.state === 'running' && m.data.epochs.length >= 1, 60_000);
    const run = api.training.train({ uri, modelIndex: 0, model }, { ...SHORT_RUN, trainCount: 4000, epochs: 50 });
    await firstEpoch;
    const item = api.training.statusItem;
    assert.ok(item, 'the status-bar item shows while the run goes on');
    assert.match(item.text, /ConvLab: .+ \d+\/50/);
    assert.match(item.tooltip, /cancel/i);
    assert.strictEqual(item.command, CANCEL_TRAINING_COMMAND);

    const afterCancel: Posted<'training'>[] = [];
    const sub = api.labController.onDidPost((m) => m.type === 'training' && afterCancel.push(m));
    await vscode.commands.executeCommand(item.command);
    const view = await run;
    assert.strictEqual(view.state, 'cancelled', 'the training promise settles as cancelled');
    assert.ok(view.epochs.length >= 1 && view.epochs.length < 50, `stopped after ${view.epochs.length} epochs`);
    // Long enough for two more epochs of 3,200 bars images had the worker gone on.
    await new Promise((r) => setTimeout(r, 2000));
    sub.dispose();
    assert.ok(afterCancel.length >= 1, 'the page was told');
    assert.strictEqual(afterCancel.at(-1)!.data.state, 'cancelled', 'the page\'s last word is cancelled');
    assert.ok(afterCancel.every((m) => m.data.state !== 'running' || m.data.epochs.length <= view.epochs.length), 'no epoch arrives after the cancel');
    assert.strictEqual(api.training.statusItem, undefined, 'the status-bar item is gone');
    assert.strictEqual(api.training.isRunning, false);
    assert.deepStrictEqual(Array.from(api.trainedWeights.get(uri, model.name)!.weights[0]!.values), keptBefore, 'a cancelled run keeps the last trained weights');
    // The worker is free again: a new request is answered.
    assert.ok((await api.worker.request('ping', {})).workerId);
  }).timeout(150_000);

  test('a revived panel (as after a window reload) follows the model again, with its trained weights', async () => {
    const api = await convlab();
    api.lab.current?.dispose();
    const panel = vscode.window.createWebviewPanel(LAB_VIEW_TYPE, 'ConvLab', vscode.ViewColumn.Two, {});
    const kernels = posted('kernels', (k) => k.data.weights === 'trained' && k.data.uri === keras.document.uri.toString(), 30_000);
    await api.lab.deserializeWebviewPanel(panel, { view: 'model', uri: keras.document.uri.toString(), model: 0, layer: 5 });
    page = api.lab.current!;
    const k = (await kernels).data;
    const kept = api.trainedWeights.get(keras.document.uri.toString(), k.layers[0] ? (await api.models.get(keras.document))!.parse.models[0]!.name : '')!;
    const conv = kept.weights.find((w) => w.layer === k.layers[0]!.name && w.param === 'kernel')!;
    assert.deepStrictEqual(Array.from(k.layers[0]!.values).slice(0, 9), Array.from(conv.values).slice(0, 9));
    await drawn(page, (r) => r.kernelCanvases === 2);
  });

  test('mask ensembles: the sampled average against core\'s exact expectation over all 2^8 masks, in both conventions', async () => {
    const api = await convlab();
    const source = [
      'import keras',
      'from keras import layers',
      'model = keras.Sequential([',
      '    keras.Input(shape=(28, 28, 1)),',
      '    layers.Conv2D(2, 3, activation="relu"),',
      '    layers.MaxPooling2D(4),',
      '    layers.Flatten(),',
      '    layers.Dense(8, activation="relu"),',
      '    layers.Dropout(0.5),',
      '    layers.Dense(4, activation="softmax"),',
      '])',
      '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: source });
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const shown = posted('model', (m) => m.data?.uri === doc.uri.toString());
    await vscode.commands.executeCommand('convlab.visualize');
    await shown;
    const input = { kind: 'bars', index: 1 } as const;
    const inverted = await api.labController.ensemble({ layer: 4, samples: 1000, seed: 5, convention: 'inverted' }, input);
    const standard = await api.labController.ensemble({ layer: 4, samples: 1000, seed: 5, convention: 'standard' }, input);
    assert.ok(inverted?.exact && standard?.exact, 'a layer of 8 units is enumerated');
    assert.strictEqual(inverted.exact.maskCount, 256);

    // The reference: core's exactExpectation over a network built here, in the extension host.
    const ir = (await api.models.get(doc))!.parse.models[0]!;
    const seed = vscode.workspace.getConfiguration('convlab').get<number>('seed', 0);
    const net = Network.fromIR(ir, { batchSize: 1, seed });
    let h = viewImage(input, { mnist: undefined }).pixels;
    for (let i = 0; i < 4; i++) h = net.layers[i]!.forward(h, false);
    const below = h.slice();
    const site: DropoutSite = { units: 8, keepProb: 0.5, convention: 'inverted' };
    const reference = exactExpectation((_: null, mask) => {
      const x = Float32Array.from(below, (v, i) => v * mask[i]!);
      return net.layers[5]!.forward(x, false);
    }, null, site);
    for (let j = 0; j < 4; j++) {
      assert.ok(Math.abs(inverted.exact.mean[j]! - reference.mean[j]!) < 1e-6, `exact, class ${j}`);
      assert.ok(Math.abs(standard.exact.mean[j]! - reference.mean[j]!) < 1e-6, `standard dropout's expectation, class ${j}`);
      assert.ok(Math.abs(inverted.mean[j]! - reference.mean[j]!) < 0.05, `Monte-Carlo average near the exact, class ${j}`);
    }
    assert.ok(inverted.gaps.monteCarloVsExact! < 0.05);
    assert.strictEqual(inverted.runningMean.length, 1000 * 4);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suiteTeardown(async () => {
    for (const uri of exported) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder || exported.length === 0) return;
    const figures = vscode.Uri.joinPath(folder, 'convlab-figures');
    const left = await vscode.workspace.fs.readDirectory(figures).then((e) => e, () => [['x', 0]]);
    if (left.length === 0) await vscode.workspace.fs.delete(figures, { recursive: true });
  });
});
