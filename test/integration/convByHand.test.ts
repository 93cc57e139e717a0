import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, LECTURE_CONVOLUTION_TEXT, LECTURE_OUTPUT_TEXT, nextEvent } from './helpers';
import type { PageHost } from '../../extension/webview/pageHost';
import { gridToRows, type Grid } from '../../core/conv/byHand';
import { compact, convByHandLesson, convCell, LECTURE_BY_HAND, type ConvByHandSettings } from '../../core/lessons';
import type { ConvByHandShown } from '../../webview/protocol';

type Shown = ConvByHandShown;
const MODES = ['crossCorrelation', 'convolution'] as const;
const asText = (g: Grid | null): string[][] => (g ? gridToRows(g).map((row) => row.map(compact)) : []);
const windowOf = (s: ConvByHandSettings) => ({ strides: s.strides, padding: s.padding, dilation: s.dilation });

/** Sends the settings as the page's form does, and waits for the page to report what it then shows. */
async function showSettings(page: PageHost, settings: ConvByHandSettings, accept: (shown: Shown) => boolean): Promise<Shown> {
  const rendered = nextEvent(page.onDidRender, (m) => m.shown !== undefined && accept(m.shown), 60_000);
  assert.strictEqual(await page.handleMessage({ type: 'setConvSettings', settings }), true, 'the settings are accepted');
  return (await rendered).shown!;
}

/** The sums the page writes for its current cell, against the core's convCell on the same grids. */
function assertSums(shown: Shown, input: Grid, kernel: Grid, settings: ConvByHandSettings): void {
  assert.ok(shown.cell, 'a current cell');
  const [i, j] = shown.cell;
  for (const mode of MODES) {
    const cell = convCell(input, kernel, { ...windowOf(settings), mode }, i, j);
    assert.strictEqual(shown.sums[mode], `S(${i}, ${j}) = ${cell.text}`, `${mode} at (${i}, ${j})`);
  }
}

suite('Convolution by Hand', () => {
  let page: PageHost;

  test('the command opens the panel and the page shows the lecture output', async () => {
    const api = await convlab();
    const opened = nextEvent(api.lab.onDidOpen);
    await vscode.commands.executeCommand('convlab.convByHand');
    page = await opened;
    const shown = page.lastRendered ?? (await nextEvent(page.onDidRender));
    assert.strictEqual(shown.mode, 'crossCorrelation');
    assert.deepStrictEqual(shown.output, LECTURE_OUTPUT_TEXT);
  });

  test('switching to true convolution shows the flipped kernel\'s result', async () => {
    const rendered = nextEvent(page.onDidRender, (m) => m.mode === 'convolution');
    assert.strictEqual(await page.handleMessage({ type: 'setConvMode', mode: 'convolution' }), true);
    assert.deepStrictEqual((await rendered).output, LECTURE_CONVOLUTION_TEXT);
    const back = nextEvent(page.onDidRender, (m) => m.mode === 'crossCorrelation');
    await page.handleMessage({ type: 'setConvMode', mode: 'crossCorrelation' });
    assert.deepStrictEqual((await back).output, LECTURE_OUTPUT_TEXT);
  });

  test('malformed messages from the page are rejected without harm', async () => {
    const bad: unknown[] = [
      'junk',
      null,
      42,
      { type: 'setConvMode', mode: 'sideways' },
      { type: 'runCommand', command: 'workbench.action.closeWindow' },
      { type: 'rendered', view: 'convByHand', mode: 'convolution', output: [[1, 2]] },
      { type: 'noSuchMessage' },
    ];
    for (const raw of bad) assert.strictEqual(await page.handleMessage(raw), false, `rejected ${JSON.stringify(raw)}`);
    // The page still works afterwards.
    const rendered = nextEvent(page.onDidRender);
    assert.strictEqual(await page.handleMessage({ type: 'ready' }), true);
    assert.deepStrictEqual((await rendered).output, LECTURE_OUTPUT_TEXT);
  });

  test('stride 2, padding 1, dilation 2 on a 7×9 input: the page shows the core\'s outputs, sums and arithmetic', async () => {
    const settings: ConvByHandSettings = { ...LECTURE_BY_HAND, input: { kind: 'random', rows: 7, cols: 9, seed: 4, index: 0 }, strides: [2, 2], padding: [1, 1], dilation: [2, 2] };
    const expected = convByHandLesson(settings);
    const shown = await showSettings(page, settings, (m) => m.outputs.crossCorrelation.length === 3);
    assert.deepStrictEqual(expected.outputSize, [3, 4]);
    assert.deepStrictEqual(shown.outputs.crossCorrelation, asText(expected.crossCorrelation.output));
    assert.deepStrictEqual(shown.outputs.convolution, asText(expected.convolution.output));
    assert.notDeepStrictEqual(shown.outputs.crossCorrelation, shown.outputs.convolution, 'the lecture\'s kernel is not symmetric');
    assert.deepStrictEqual(shown.arithmetic.rows, expected.rows.steps);
    assert.deepStrictEqual(shown.arithmetic.cols, expected.cols.steps);
    assert.strictEqual(shown.arithmetic.rows[2], 'out = ⌊(padded − extent) / s⌋ + 1 = ⌊(9 − 5) / 2⌋ + 1 = ⌊2⌋ + 1 = 3');
    assert.strictEqual(shown.arithmetic.cols[2], 'out = ⌊(padded − extent) / s⌋ + 1 = ⌊(11 − 5) / 2⌋ + 1 = ⌊3⌋ + 1 = 4');
    assert.strictEqual(shown.drawing, 'grid');
    assert.strictEqual(shown.problem, null);
    assertSums(shown, expected.input, expected.kernel, settings);
  });

  test('per-axis settings (stride 1×3, padding 2×0, dilation 1×2) and a 2×4 custom kernel on a 6×11 ramp', async () => {
    const settings: ConvByHandSettings = {
      input: { kind: 'ramp', rows: 6, cols: 11, seed: 0, index: 0 }, kernel: { preset: 'custom', rows: 2, cols: 4, values: [1, -1, 0.5, 2, 0, 3, -2, 1] },
      strides: [1, 3], padding: [2, 0], dilation: [1, 2],
    };
    const expected = convByHandLesson(settings);
    const shown = await showSettings(page, settings, (m) => m.outputs.crossCorrelation.length === expected.outputSize[0]);
    assert.deepStrictEqual(shown.outputs.crossCorrelation, asText(expected.crossCorrelation.output));
    assert.deepStrictEqual(shown.outputs.convolution, asText(expected.convolution.output));
    assert.deepStrictEqual(shown.arithmetic.cols, expected.cols.steps);
    assertSums(shown, expected.input, expected.kernel, settings);
  });

  test('a kernel that does not fit is explained in the view, not thrown', async () => {
    const settings: ConvByHandSettings = { ...LECTURE_BY_HAND, dilation: [3, 3] };
    const shown = await showSettings(page, settings, (m) => m.problem !== null);
    assert.match(shown.problem!, /does not fit the 5×5 input/);
    assert.deepStrictEqual(shown.outputs, { crossCorrelation: [], convolution: [] });
    assert.strictEqual(shown.cell, null);
    assert.ok(shown.arithmetic.rows.some((l) => l.includes('extent 7 is larger than the padded size 5')));
  });

  test('a 300×200 input with same padding is drawn as a heatmap; the current cell\'s sums still match the core', async () => {
    const settings: ConvByHandSettings = {
      input: { kind: 'random', rows: 300, cols: 200, seed: 9, index: 0 }, kernel: { preset: 'sobelGx', rows: 3, cols: 3, values: [] },
      strides: [1, 1], padding: 'same', dilation: [1, 1],
    };
    const started = Date.now();
    const shown = await showSettings(page, settings, (m) => m.drawing === 'canvas' && m.arithmetic.rows.some((l) => l.includes('⌈300 / 1⌉')));
    const ms = Date.now() - started;
    assert.ok(ms < 10_000, `${ms} ms from the settings to the drawn page`);
    assert.deepStrictEqual(shown.outputs, { crossCorrelation: [], convolution: [] }, 'no number grid of 60,000 cells');
    const expected = convByHandLesson(settings);
    assertSums(shown, expected.input, expected.kernel, settings);
  });

  test('an MNIST digit as the input: the worker loads MNIST and the page writes out its pixels (0–255)', async () => {
    const api = await convlab();
    const settings: ConvByHandSettings = { ...LECTURE_BY_HAND, input: { kind: 'mnist', rows: 28, cols: 28, seed: 0, index: 0 }, kernel: { preset: 'sobelGy', rows: 3, cols: 3, values: [] } };
    const shown = await showSettings(page, settings, (m) => m.drawing === 'canvas' && m.arithmetic.rows.some((l) => l.includes(' 28 + 0 + 0 ')));
    const r = await api.worker.request('convByHandLesson', { settings });
    assert.strictEqual(r.label, 7, 'the first MNIST test image is a 7');
    assert.ok(r.input.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
    assertSums(shown, r.input, r.kernel, settings);
  });

  test('Write as PyTorch writes the layer of the current settings', async () => {
    const settings: ConvByHandSettings = { ...LECTURE_BY_HAND, input: { kind: 'random', rows: 7, cols: 9, seed: 4, index: 0 }, strides: [2, 2], padding: [1, 1], dilation: [2, 2] };
    await showSettings(page, settings, (m) => m.outputs.crossCorrelation.length === 3);
    assert.strictEqual(await page.handleMessage({ type: 'writeConvByHandCode', framework: 'pytorch' }), true);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !vscode.window.activeTextEditor?.document.getText().includes('nn.Conv2d')) await new Promise((r) => setTimeout(r, 100));
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /# convlab: input 1x7x9/);
    assert.match(text, /nn\.Conv2d\(1, 1, kernel_size=3, stride=2, padding=1, dilation=2, bias=False\)/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('settings outside the bounds are rejected; the lecture\'s example comes back', async () => {
    const bad: unknown[] = [
      { type: 'setConvSettings', settings: { ...LECTURE_BY_HAND, input: { ...LECTURE_BY_HAND.input, kind: 'random', rows: 0 } } },
      { type: 'setConvSettings', settings: { ...LECTURE_BY_HAND, input: { ...LECTURE_BY_HAND.input, kind: 'random', rows: 5000 } } },
      { type: 'setConvSettings', settings: { ...LECTURE_BY_HAND, strides: [0, 1] } },
      { type: 'setConvSettings', settings: { ...LECTURE_BY_HAND, padding: 'full' } },
      { type: 'setConvSettings', settings: { ...LECTURE_BY_HAND, kernel: { preset: 'custom', rows: 2, cols: 2, values: [1, 2, 3] } } },
      { type: 'setConvSettings', settings: { ...LECTURE_BY_HAND, kernel: { preset: 'custom', rows: 1, cols: 1, values: ['1'] } } },
      { type: 'setConvSettings' },
      { type: 'writeConvByHandCode', framework: 'jax' },
    ];
    for (const raw of bad) assert.strictEqual(await page.handleMessage(raw), false, `rejected ${JSON.stringify(raw)}`);
    const shown = await showSettings(page, LECTURE_BY_HAND, (m) => m.outputs.crossCorrelation.length === 3 && m.drawing === 'grid' && m.problem === null);
    assert.deepStrictEqual(shown.outputs.crossCorrelation, LECTURE_OUTPUT_TEXT);
    assert.deepStrictEqual(shown.outputs.convolution, LECTURE_CONVOLUTION_TEXT);
  });

  test('running the command again reveals the same panel', async () => {
    const api = await convlab();
    await vscode.commands.executeCommand('convlab.convByHand');
    assert.strictEqual(api.lab.current, page);
  });
});
