/**
 * The Sobel lesson on images from MNIST and from the workspace (decoded in the page), and
 * the lessons drawn from the learner's own model, in the real VS Code web build: the
 * numbers the page reports it shows are checked against the core.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LessonName } from '../../webview/protocol';
import type { PageHost } from '../../extension/webview/pageHost';
import { exampleScene } from '../../core/image/exampleScene';
import { LUMA_REC601 } from '../../core/image/grey';
import { num, sobelEdges } from '../../core/lessons';
import { convlab, nextEvent } from './helpers';

type Shown = NonNullable<PageHost['lastLessonRendered']>;

async function showsLesson(lesson: LessonName, run: () => Thenable<unknown>, accept: (m: Shown) => boolean = () => true): Promise<{ page: PageHost; shown: Shown }> {
  const api = await convlab();
  const opened = api.lab.current ? Promise.resolve(api.lab.current) : nextEvent(api.lab.onDidOpen);
  const done = run();
  const page = await opened;
  const shown = await nextEvent(page.onDidRenderLesson, (m) => m.lesson === lesson && accept(m), 30_000);
  await done;
  return { page, shown };
}

async function exampleUri(name: string): Promise<vscode.Uri> {
  const [uri] = await vscode.workspace.findFiles(`**/${name}`);
  assert.ok(uri, `${name} is in the examples folder`);
  return uri;
}

async function openInEditor(name: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(await exampleUri(name)), { viewColumn: vscode.ViewColumn.One, preview: false });
}

suite('Lessons on images and on your model', () => {
  test('sobel: the example PNG via the command\'s Uri is decoded in the page, scaled to 128×96, and its maps are the core\'s', async function () {
    this.timeout(60_000);
    const api = await convlab();
    const uri = await exampleUri('sobel_shapes.png');
    const { shown } = await showsLesson('sobel', () => vscode.commands.executeCommand('convlab.lesson.sobel', uri), (m) => m.values.image === 'sobel_shapes.png');
    assert.strictEqual(shown.values.imageSize, '128×96', '192×144 scaled to a longest side of 128');
    assert.strictEqual(shown.values.mapSize, '126×94');
    const grid = api.lessons.sobel.shownImage;
    assert.deepStrictEqual([grid.cols, grid.rows], [128, 96]);
    // Decoding happened: inside each flat region the grey is that colour's Rec. 601 luma.
    const scene = exampleScene();
    for (const s of scene.samples) {
      const [r, g, b] = scene.palette[s.colour]!;
      const luma = (LUMA_REC601.r * r + LUMA_REC601.g * g + LUMA_REC601.b * b) / 255;
      const at = grid.data[Math.floor(s.at[0] * grid.rows) * grid.cols + Math.floor(s.at[1] * grid.cols)]!;
      assert.ok(Math.abs(at - luma) < 2 / 255, `${s.name}: grey ${at} against luma ${luma}`);
    }
    // The maps the page shows are the core's Sobel on that grid.
    const r = sobelEdges(grid);
    assert.strictEqual(shown.values.gxRange, `${num(r.gx.min)} … ${num(r.gx.max)}`);
    assert.strictEqual(shown.values.gyRange, `${num(r.gy.min)} … ${num(r.gy.max)}`);
    assert.strictEqual(shown.values.magnitudeMax, num(r.magnitudeMax));
    assert.ok(r.magnitudeMax > 1, 'the shapes\' edges answer');
    assert.deepStrictEqual(shown.notices, []);
  });

  test('sobel: editing a kernel recomputes the file\'s maps at once', async () => {
    const api = await convlab();
    const page = api.lab.current!;
    const edited = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && m.values.gx === '0 0 0 0 1 0 0 0 0');
    await page.handleMessage({ type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [0, 0, 0, 0, 1, 0, 0, 0, 0] });
    const shown = await edited;
    const grid = api.lessons.sobel.shownImage;
    let [lo, hi] = [Infinity, -Infinity];
    for (let y = 1; y < grid.rows - 1; y++) for (let x = 1; x < grid.cols - 1; x++) [lo, hi] = [Math.min(lo, grid.data[y * grid.cols + x]!), Math.max(hi, grid.data[y * grid.cols + x]!)];
    assert.strictEqual(shown.values.gxRange, `${num(lo)} … ${num(hi)}`, 'the identity kernel copies the inner pixels');
    const reset = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && m.values.gx === '1 2 1 0 0 0 −1 −2 −1');
    await page.handleMessage({ type: 'lessonAction', lesson: 'sobel', action: 'sobelReset' });
    await reset;
  });

  test('sobel: a file that is not a picture gets a clear message and the image stays', async () => {
    const uri = await exampleUri('mnist_cnn_keras.py');
    const { shown } = await showsLesson('sobel', () => vscode.commands.executeCommand('convlab.lesson.sobel', uri), (m) => (m.notices ?? []).length > 0);
    assert.match(shown.notices![0]!, /cannot use mnist_cnn_keras\.py as an image: it is neither a PNG nor a JPEG/);
    assert.strictEqual(shown.values.image, 'sobel_shapes.png');
    // A page that cannot decode the bytes says why, too (a PNG signature with nothing after it).
    const api = await convlab();
    const page = api.lab.current!;
    const broken = vscode.Uri.joinPath(uri, '..', 'broken.png');
    await vscode.workspace.fs.writeFile(broken, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 4, 0, 0, 0, 4, 8, 6, 0, 0, 0]));
    try {
      const failed = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && (m.notices ?? []).some((n) => /broken\.png/.test(n)), 30_000);
      await vscode.commands.executeCommand('convlab.lesson.sobel', broken);
      assert.match((await failed).notices!.join(' '), /could not decode it as PNG/);
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });

  test('sobel: a JPEG written into the workspace is decoded in the page too (its grey halves and its one edge)', async function () {
    this.timeout(60_000);
    const api = await convlab();
    // Drawn and JPEG-encoded here, in the extension host's worker: black on the left, white on the right, 160×80.
    const canvas = new OffscreenCanvas(160, 80);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#000';
    g.fillRect(0, 0, 80, 80);
    g.fillStyle = '#fff';
    g.fillRect(80, 0, 80, 80);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
    assert.deepStrictEqual([bytes[0], bytes[1]], [0xff, 0xd8], 'a JPEG');
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'step.jpg');
    await vscode.workspace.fs.writeFile(uri, bytes);
    try {
      const { shown } = await showsLesson('sobel', () => vscode.commands.executeCommand('convlab.lesson.sobel', uri), (m) => m.values.image === 'step.jpg');
      assert.strictEqual(shown.values.imageSize, '128×64', '160×80 scaled to a longest side of 128');
      const grid = api.lessons.sobel.shownImage;
      const at = (row: number, col: number): number => grid.data[row * grid.cols + col]!;
      assert.ok(at(32, 10) < 0.05 && at(32, 118) > 0.95, `grey halves: ${at(32, 10)} and ${at(32, 118)}`);
      // G_y (changes across the columns) answers at the one vertical edge, G_x (down the rows) hardly at all.
      const r = sobelEdges(grid);
      assert.ok(Math.max(Math.abs(r.gy.min), Math.abs(r.gy.max)) > 3, `G_y range ${r.gy.min} … ${r.gy.max}`);
      assert.ok(Math.max(Math.abs(r.gx.min), Math.abs(r.gx.max)) < 0.5, `G_x range ${r.gx.min} … ${r.gx.max}`);
      assert.strictEqual(shown.values.gyRange, `${num(r.gy.min)} … ${num(r.gy.max)}`);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('sobel: MNIST digits by index and by Next, from the worker', async function () {
    this.timeout(60_000);
    const api = await convlab();
    const page = api.lab.current!;
    const seven = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && m.values.image === 'MNIST #0', 45_000);
    assert.strictEqual(await page.handleMessage({ type: 'lessonInput', lesson: 'sobel', name: 'mnistIndex', value: 0 }), true);
    const shown = await seven;
    assert.strictEqual(shown.values.imageSize, '28×28');
    assert.deepStrictEqual(shown.notices, [], 'a new image clears the old message');
    const grid = api.lessons.sobel.shownImage;
    assert.strictEqual(shown.values.magnitudeMax, num(sobelEdges(grid).magnitudeMax));
    const next = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && m.values.image === 'MNIST #1');
    await page.handleMessage({ type: 'lessonAction', lesson: 'sobel', action: 'sobelMnist' });
    await next;
    assert.strictEqual(await page.handleMessage({ type: 'lessonInput', lesson: 'sobel', name: 'mnistIndex', value: 10_000 }), false);
  });

  test('dense vs conv on your model: the Keras example\'s layers beside dense and locally connected ones', async () => {
    await openInEditor('mnist_cnn_keras.py');
    const { shown } = await showsLesson('denseVsConv', () => vscode.commands.executeCommand('convlab.lesson.denseVsConv'), (m) => /mnist_cnn_keras\.py/.test(m.values.ownModel ?? ''));
    assert.ok(shown.sections.includes('ownModel'));
    assert.strictEqual(shown.values.ownLayers, 'conv2d · conv2d_1 · dense');
    assert.strictEqual(shown.values['params:conv2d'], '16,981,120 / 216,320 / 320');
    assert.strictEqual(shown.values['params:conv2d_1'], `${(32 * 13 * 13 * 64 * 11 * 11 + 64 * 11 * 11).toLocaleString('en-US')} / ${(11 * 11 * 9 * 32 * 64 + 11 * 11 * 64).toLocaleString('en-US')} / 18,496`);
    assert.strictEqual(shown.values['params:dense'], '16,010 / 16,010 / 16,010');
    assert.strictEqual(shown.values.denseParams, '16,981,120', 'the lecture\'s section stays');
  });

  test('receptive fields on your model: 3, 4, 8, 10, then the whole input at the Dense layer; it follows an edit of the kernel size', async function () {
    this.timeout(30_000);
    const editor = await openInEditor('mnist_cnn_keras.py');
    const { page, shown } = await showsLesson('receptiveField', () => vscode.commands.executeCommand('convlab.lesson.receptiveField'), (m) => /mnist_cnn_keras\.py/.test(m.values.ownModel ?? ''));
    assert.strictEqual(shown.values.ownFields, 'conv2d 3×3 · max_pooling2d 4×4 · conv2d_1 8×8 · max_pooling2d_1 10×10 · flatten 10×10 · dropout 10×10 · dense global');
    assert.strictEqual(shown.values.ownJumps, '1 2 2 4 4 4', 'Flatten and Dropout keep the pooling\'s jump');
    assert.strictEqual(shown.values.finalField, '14×14', 'the lecture\'s stack stays');
    // The learner edits the first kernel to 5×5: the field grows to 5, 6, 10, 12.
    const doc = editor.document;
    const at = doc.getText().indexOf('kernel_size=(3, 3)');
    const followed = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'receptiveField' && /^conv2d 5×5 · max_pooling2d 6×6 · conv2d_1 10×10 · max_pooling2d_1 12×12/.test(m.values.ownFields ?? ''));
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'kernel_size=(3, 3)'.length)), 'kernel_size=(5, 5)'));
    await followed;
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('variable size on your model: Keras\' Dense after Flatten forbids it; switching to the PyTorch example follows the editor', async () => {
    await openInEditor('mnist_cnn_keras.py');
    const { page, shown } = await showsLesson('variableSize', () => vscode.commands.executeCommand('convlab.lesson.variableSize'), (m) => /mnist_cnn_keras\.py/.test(m.values.ownModel ?? ''));
    assert.strictEqual(shown.values.ownAnySize, 'no');
    assert.strictEqual(shown.values.ownCulprit, 'dense (Dense)');
    const pytorch = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'variableSize' && /mnist_cnn_pytorch\.py/.test(m.values.ownModel ?? ''));
    await openInEditor('mnist_cnn_pytorch.py');
    const p = await pytorch;
    assert.strictEqual(p.values.ownCulprit, 'fc (nn.Linear)');
  });
});
