// The UI test: drives the real VS Code web workbench like a person — command palette,
// keyboard, clicks — reads the numbers the ConvLab webview actually shows, and saves
// screenshots of the workbench under test-results/. Ends with `N passed, N failed`.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } from '../web/chromium.mjs';
import { REPO } from '../web/codeOss.mjs';
import { serveWorkbench } from '../web/server.mjs';
import { freePort } from '../web/port.mjs';

const RESULTS = path.join(REPO, 'test-results');
const LECTURE = [['12', '12', '17'], ['10', '17', '19'], ['9', '6', '14']];
const FLIPPED = [['18', '20', '19'], ['10', '9', '17'], ['11', '8', '14']];
const theme = process.env.CONVLAB_UI_THEME; // e.g. "Default Light Modern", for looking at themes

const results = [];
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✘ ${name}\n    ${String(error?.stack ?? error).split('\n').slice(0, 4).join('\n    ')}`);
    // What the workbench showed when the step failed, to look at.
    const shot = path.join(RESULTS, `failed-step-${results.length}.png`);
    if (await currentPage?.screenshot({ path: shot }).then(() => true, () => false)) console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
  }
}
/** The workbench page, once it exists (for the failure screenshots). */
let currentPage;

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** The frame of a ConvLab page that contains `selector` (webviews are nested iframes). */
async function findFrame(page, selector, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(selector)) return frame;
      } catch {
        // a frame navigating away; try the others
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no frame shows ${selector} within ${timeoutMs} ms`);
}

const readGrid = (frame, name) =>
  frame.$$eval(`[data-grid="${name}"] [role="row"]`, (rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('[role="gridcell"] .value'), (c) => c.textContent)));

async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  // The palette now and then opens while the workbench is busy (a theme switch, a webview
  // loading) and does not take the text: close it and open it again rather than fail the step.
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    try {
      await input.fill(`>${title}`, { timeout: attempt === 0 ? 10_000 : 30_000 });
      break;
    } catch (error) {
      if (attempt > 0) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  // Pick the entry whose label is exactly the title (a looser match may rank first).
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(,|$)`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

async function selectTheme(page, name) {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input').fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.waitForTimeout(800);
}

/** Relative luminance (0 black … 1 white) of the page's background, as the browser computed it. */
const backgroundLuminance = (frame) =>
  frame.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });

assertChromium();
mkdirSync(RESULTS, { recursive: true });
const port = process.env.CONVLAB_UI_PORT ? Number(process.env.CONVLAB_UI_PORT) : await freePort();
const server = await serveWorkbench({ port });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
let failedHard = false;
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  currentPage = page;
  await step('the workbench loads with the examples folder', async () => {
    // A loaded machine (CI shares its cores) can take longer than Playwright's default 30 s to serve the workbench.
    await page.goto(server.url, { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).waitFor({ timeout: 60_000 });
  });
  if (theme) await selectTheme(page, theme);

  let frame;
  await step('ConvLab: Convolution by Hand from the command palette opens the panel', async () => {
    await runCommand(page, 'ConvLab: Convolution by Hand');
    frame = await findFrame(page, '[data-grid="output-crossCorrelation"] .value');
  });
  await step('the panel shows the lecture output [[12,12,17],[10,17,19],[9,6,14]] and, beside it, true convolution\'s', async () => {
    expectEqual(await readGrid(frame, 'output-crossCorrelation'), LECTURE, 'output grid');
    expectEqual(await readGrid(frame, 'output-convolution'), FLIPPED, 'convolution output beside it');
    expectEqual(await readGrid(frame, 'input'), [['3', '3', '2', '1', '0'], ['0', '0', '1', '3', '1'], ['3', '1', '2', '2', '3'], ['2', '0', '0', '2', '2'], ['2', '0', '0', '0', '1']], 'input grid');
  });
  await step('the first cell\'s sum of products is written out', async () => {
    const sum = await frame.textContent('[data-testid="sum-crossCorrelation"]');
    expectEqual(sum, 'S(0, 0) = 3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 12', 'sum');
    expectEqual(await frame.textContent('[data-testid="sum-convolution"]'), 'S(0, 0) = 3·2 + 3·1 + 2·0 + 0·0 + 0·2 + 1·2 + 3·2 + 1·1 + 2·0 = 18', 'convolution\'s sum');
  });
  await step('arrow keys step the window across the input', async () => {
    await frame.focus('.stage');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await frame.waitForFunction(() => document.querySelector('[data-testid="sum-crossCorrelation"]')?.textContent?.startsWith('S(1, 1)'));
    expectEqual(await frame.textContent('[data-testid="sum-crossCorrelation"]'), 'S(1, 1) = 0·0 + 1·1 + 3·2 + 1·2 + 2·2 + 2·0 + 0·0 + 0·1 + 2·2 = 17', 'sum at (1,1)');
    const inWindow = await frame.$$eval('[data-grid="input"] .cell.in-window', (cells) => cells.length);
    expectEqual(inWindow, 9, 'cells under the window');
  });
  await step('the Next button moves to the next cell', async () => {
    await frame.click('vscode-button[data-focus-id="next"]');
    await frame.waitForFunction(() => document.querySelector('[data-testid="sum-crossCorrelation"]')?.textContent?.startsWith('S(1, 2)'));
  });
  await step('the convolution toggle writes the flipped kernel on the window; both results stay side by side', async () => {
    const subscripts = () => frame.$$eval('[data-grid="input"] .cell.in-window sub', (subs) => subs.map((s) => s.textContent).join(''));
    expectEqual(await subscripts(), '₀₁₂₂₂₀₀₁₂', 'K on the window');
    await frame.click('vscode-radio[value="convolution"]');
    await frame.waitForFunction(() => document.querySelector('.byhand-op[data-op="convolution"]')?.classList.contains('lead'));
    expectEqual(await subscripts(), '₂₁₀₀₂₂₂₁₀', 'K rotated by 180° on the window');
    expectEqual(await readGrid(frame, 'kernel-convolution'), [['2', '1', '0'], ['0', '2', '2'], ['2', '1', '0']], 'flipped kernel');
    expectEqual(await readGrid(frame, 'output-convolution'), FLIPPED, 'convolution output');
    expectEqual(await readGrid(frame, 'output-crossCorrelation'), LECTURE, 'cross-correlation beside it');
    await page.screenshot({ path: path.join(RESULTS, 'workbench-convolution.png') });
    await frame.click('vscode-radio[value="crossCorrelation"]');
    await frame.waitForFunction(() => document.querySelector('.byhand-op[data-op="crossCorrelation"]')?.classList.contains('lead'));
    expectEqual(await subscripts(), '₀₁₂₂₂₀₀₁₂', 'back to K');
  });
  await step('settings by keyboard and mouse: a 7×9 random input, padding 1, stride 2, dilation 2 (screenshot, dark theme)', async () => {
    await selectTheme(page, 'Dark Modern');
    await frame.selectOption('#conv-input-kind', 'random');
    await frame.waitForFunction(() => !document.querySelector('#conv-input-rows')?.disabled);
    const typeInto = async (selector, value) => {
      await frame.focus(selector);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
    };
    await typeInto('#conv-input-rows', '7');
    await typeInto('#conv-input-cols', '9');
    await frame.selectOption('#conv-padding', 'explicit');
    await typeInto('#conv-pad-rows', '1');
    await typeInto('#conv-pad-cols', '1');
    await typeInto('#conv-stride-rows', '2');
    await typeInto('#conv-stride-cols', '2');
    await typeInto('#conv-dilation-rows', '2');
    await typeInto('#conv-dilation-cols', '2');
    await frame.waitForFunction(() => document.querySelector('[data-testid="conv-output-size"]')?.textContent?.startsWith('Output: 3 × 4'), undefined, { timeout: 15_000 });
    const rows = await readGrid(frame, 'output-crossCorrelation');
    expectEqual([rows.length, rows[0].length], [3, 4], 'output size');
    const arithmetic = await frame.$$eval('[data-axis="cols"] li', (li) => li.map((x) => x.textContent));
    expectEqual(arithmetic[2], 'out = ⌊(padded − extent) / s⌋ + 1 = ⌊(11 − 5) / 2⌋ + 1 = ⌊3⌋ + 1 = 4', 'columns\' arithmetic');
    // The window at S(0, 0) reaches into the padding, with the dilation's gaps between its taps.
    await frame.focus('.stage');
    await page.keyboard.press('Home');
    await frame.waitForFunction(() => document.querySelector('[data-testid="sum-crossCorrelation"]')?.textContent?.startsWith('S(0, 0) = 0·0 + 0·1 + 0·2 + 0·2 +'));
    expectEqual(await frame.$$eval('[data-grid="input"] .cell.pad.in-window', (c) => c.length), 5, 'taps on the padding');
    expectEqual(await frame.$$eval('[data-grid="input"] .cell.gap', (c) => c.length), 16, 'gaps between the taps');
    await page.screenshot({ path: path.join(RESULTS, 'lesson-conv-by-hand-settings.png') });
  });
  await step('Play steps the window by itself, Pause stops it; a click on an output cell jumps there', async () => {
    await frame.selectOption('#conv-speed', '10');
    await frame.click('vscode-button[data-testid="conv-play"]');
    await frame.waitForFunction(() => /\((1|2), \d\)/.test(document.querySelector('[data-testid="conv-position"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await frame.click('vscode-button[data-testid="conv-play"]');
    const paused = await frame.textContent('[data-testid="conv-position"]');
    await page.waitForTimeout(500);
    expectEqual(await frame.textContent('[data-testid="conv-position"]'), paused, 'paused');
    await frame.click('[data-grid="output-convolution"] [data-index="6"]');
    await frame.waitForFunction(() => document.querySelector('[data-testid="sum-convolution"]')?.textContent?.startsWith('S(1, 2)'));
  });
  await step('an MNIST digit with Sobel G_y is drawn as heatmaps, the window\'s numbers as text (screenshot)', async () => {
    await frame.selectOption('#conv-input-kind', 'mnist');
    await frame.selectOption('#conv-kernel-preset', 'sobelGy');
    await frame.selectOption('#conv-padding', 'same');
    await frame.fill('#conv-stride-rows', '1');
    await frame.fill('#conv-stride-cols', '1');
    await frame.fill('#conv-dilation-rows', '1');
    await frame.fill('#conv-dilation-cols', '1');
    await frame.waitForFunction(() => document.querySelector('[data-testid="conv-output-size"]')?.textContent?.startsWith('Output: 28 × 28'), undefined, { timeout: 30_000 });
    await frame.waitForSelector('.byhand-input-map canvas');
    await frame.focus('.stage');
    await page.keyboard.press('Home');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await frame.waitForFunction(() => document.querySelector('[data-testid="sum-crossCorrelation"]')?.textContent?.startsWith('S(8, 12)'));
    expectEqual(await frame.$$eval('[data-grid="window"] [role="gridcell"]', (c) => c.length), 9, 'the window\'s numbers as text');
    await page.screenshot({ path: path.join(RESULTS, 'lesson-conv-by-hand-mnist.png') });
  });
  await step('a kernel that does not fit is explained in the view; the lecture\'s example comes back', async () => {
    await frame.selectOption('#conv-input-kind', 'lecture');
    await frame.selectOption('#conv-padding', 'valid');
    await frame.selectOption('#conv-kernel-preset', 'box');
    await frame.fill('#conv-kernel-rows', '7');
    await frame.waitForSelector('[data-testid="conv-problem"]', { timeout: 15_000 });
    const problem = await frame.textContent('[data-testid="conv-problem"]');
    if (!/does not fit/.test(problem ?? '')) throw new Error(`problem: ${problem}`);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-conv-by-hand-does-not-fit.png') });
    await frame.click('vscode-button[data-testid="conv-reset"]');
    await frame.waitForFunction(() => document.querySelector('[data-testid="conv-output-size"]')?.textContent?.startsWith('Output: 3 × 3'), undefined, { timeout: 15_000 });
    expectEqual(await readGrid(frame, 'output-crossCorrelation'), LECTURE, 'the lecture\'s output again');
    await selectTheme(page, 'Light Modern');
  });
  await step('a screenshot of the workbench with the panel is saved', async () => {
    await page.screenshot({ path: path.join(RESULTS, 'workbench-conv-by-hand.png') });
  });
  await step('the ConvLab side view opens from the activity bar', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="ConvLab"]').first().click();
    const side = await findFrame(page, 'body.view-side vscode-button');
    const text = await side.textContent('body');
    if (!text.includes('Convolution by Hand')) throw new Error(`side view text: ${text}`);
    await page.screenshot({ path: path.join(RESULTS, 'workbench-side-view.png') });
  });
  await step('a hover on a Keras Conv2D line shows the shape, the formula and the kernels', async () => {
    // Open the file from the Explorer, as a learner would (the web build has no file search).
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).first().click();
    const token = page.locator('.monaco-editor .view-line span', { hasText: 'Conv2D' }).first();
    await token.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    await token.hover();
    const hover = page.locator('.monaco-hover', { hasText: '3·3·1·32 + 32 = 320' });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await hover.locator('img').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-hover.png') });
  });
  await step('inlay hints give each layer\'s output shape at the end of its line (screenshot)', async () => {
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
    // The language server's hints are injected text in the editor's lines.
    const hint = page.locator('.monaco-editor .view-line', { hasText: '→ (26, 26, 32)' }).first();
    await hint.waitFor({ state: 'visible', timeout: 20_000 });
    const line = await hint.textContent();
    if (!/Conv2D\(32.*→ \(26, 26, 32\)/.test(line.replace(/\u00a0/g, ' '))) throw new Error(`the Conv2D line reads: ${line}`);
    await page.locator('.monaco-editor .view-line', { hasText: '→ (10,)' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    // The editor shares the window with the panel's group: maximised, every hint is in the picture.
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await page.waitForTimeout(700);
    await page.screenshot({ path: path.join(RESULTS, 'workbench-inlay-hints.png') });
    await runCommand(page, 'View: Toggle Maximize Editor Group');
  });
  await step('the side view shows the summary of the active model', async () => {
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
    await page.locator('.activitybar .action-item a[aria-label^="ConvLab"]').first().click();
    const side = await findFrame(page, 'table.summary');
    await side.waitForFunction(() => document.querySelector('.totals')?.textContent?.includes('34,826'), undefined, { timeout: 15_000 });
    const rows = await side.$$eval('table.summary tbody tr', (trs) => trs.map((tr) => tr.children[2]?.textContent));
    expectEqual(rows, ['320', '0', '18,496', '0', '0', '0', '16,010'], 'parameters per layer');
    await page.screenshot({ path: path.join(RESULTS, 'workbench-summary.png') });
  });
  await step('the page follows the theme: dark and high-contrast screenshots', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'ConvLab: Convolution by Hand'); // brings the panel back in front
    const lab = await findFrame(page, '[data-grid="output-crossCorrelation"] .value');
    const light = await backgroundLuminance(lab);
    await selectTheme(page, 'Dark High Contrast');
    await lab.waitForFunction(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      return r + g + b < 60;
    }, undefined, { timeout: 10_000 });
    const dark = await backgroundLuminance(lab);
    if (!(dark < light)) throw new Error(`background luminance ${light} → ${dark}: the page did not follow the theme`);
    expectEqual(await readGrid(lab, 'output-crossCorrelation'), LECTURE, 'output after the theme change');
    await page.screenshot({ path: path.join(RESULTS, 'workbench-high-contrast.png') });
  });

  // The visual lab (issue 5): the panel on the Keras example, in three themes, training and dropout.
  let labFrame;
  const shoot = async (name, selector) => {
    if (selector) await labFrame.$eval(selector, (e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(RESULTS, name) });
  };
  await step('ConvLab: Visualize Model opens the lab on the Keras example: strip and kernels', async () => {
    await selectTheme(page, 'Light Modern');
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).first().click();
    await page.locator('.monaco-editor .view-line span', { hasText: 'Conv2D' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'ConvLab: Visualize Model');
    labFrame = await findFrame(page, '.strip .block[data-layer]');
    const names = await labFrame.$$eval('.strip .block[data-layer] .block-name', (b) => b.map((x) => x.textContent));
    if (names.length !== 7) throw new Error(`blocks: ${names.join(', ')}`);
    await labFrame.waitForSelector('canvas.kernel-canvas', { timeout: 20_000 });
    await labFrame.waitForSelector('canvas.fmap-canvas', { timeout: 60_000 });
    await shoot('lab-light.png');
    await shoot('lab-light-feature-maps.png', '#featureMaps');
  });
  await step('a click on a feature-map unit draws its receptive field on the input', async () => {
    const canvas = await labFrame.$('canvas.fmap-canvas[data-layer="2"]');
    await canvas.scrollIntoViewIfNeeded();
    await canvas.click({ position: { x: 20, y: 20 } });
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="input-label"]')?.textContent?.includes('8×8'));
    await shoot('lab-receptive-field.png', '#featureMaps');
  });
  await step('the keyboard moves the selected unit too: arrow keys on a focused map, its value read out', async () => {
    const canvas = await labFrame.$('canvas.fmap-canvas[data-layer="2"]');
    await canvas.focus();
    const before = await labFrame.$eval('[data-testid="input-label"]', (e) => e.textContent);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await labFrame.waitForFunction((b) => document.querySelector('[data-testid="input-label"]')?.textContent !== b, before, { timeout: 10_000 });
    const status = await labFrame.$eval('.hover-status', (e) => e.textContent);
    if (!/channel \d+ · \(\d+, \d+\) = /.test(status ?? '')) throw new Error(`status line: ${status}`);
    const focused = await labFrame.evaluate(() => document.activeElement?.getAttribute('data-layer'));
    expectEqual(focused, '2', 'focus stays on the map after it is drawn anew');
  });
  await step('a short training run on bars draws the curves', async () => {
    await labFrame.$eval('#training', (e) => e.scrollIntoView({ block: 'start' }));
    await labFrame.selectOption('#train-dataset', 'bars');
    await labFrame.fill('#train-trainCount', '400');
    await labFrame.fill('#train-epochs', '4');
    await labFrame.click('vscode-button[data-testid="train"]');
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.dataset.state === 'done', undefined, { timeout: 120_000 });
    const curves = await labFrame.$$eval('canvas.curve-canvas', (c) => c.length);
    expectEqual(curves, 2, 'curve canvases');
    await shoot('lab-training.png', '#training');
  });
  await step('a click on the status-bar item cancels a run: the panel says so and the item goes away', async () => {
    await labFrame.fill('#train-trainCount', '4000');
    await labFrame.fill('#train-epochs', '50');
    await labFrame.click('vscode-button[data-testid="train"]');
    await labFrame.waitForFunction(() => /\b[1-9]\d*\/50\b/.test(document.querySelector('[data-testid="train-status"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const item = page.locator('.statusbar-item', { hasText: /ConvLab: .+ \d+\/50/ });
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await page.screenshot({ path: path.join(RESULTS, 'lab-training-status-bar.png') });
    await item.click();
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.dataset.state === 'cancelled', undefined, { timeout: 20_000 });
    await item.waitFor({ state: 'detached', timeout: 10_000 });
    // The short run's weights stay: the cancelled run kept nothing.
    await labFrame.waitForSelector('.weights-note[data-weights="trained"]', { timeout: 20_000 });
    await labFrame.fill('#train-trainCount', '400');
    await labFrame.fill('#train-epochs', '4');
  });
  await step('the trained weights survive a real window reload: the panel and the hover show the same trained kernels', async () => {
    const kernelText = (frame) => frame.$eval('.kernel-layer details.as-text pre', (e) => e.textContent);
    const before = await kernelText(labFrame);
    if (!/^filter 1, channel 1: \[\[-?\d/i.test(before ?? '')) throw new Error(`kernel text: ${before?.slice(0, 80)}`);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    labFrame = await findFrame(page, '.weights-note[data-weights="trained"]', 60_000);
    expectEqual(await kernelText(labFrame), before, 'the trained kernels after the reload');
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.dataset.state === 'done', undefined, { timeout: 20_000 });
    await shoot('lab-after-reload.png');
    const token = page.locator('.monaco-editor .view-line span', { hasText: 'Conv2D' }).first();
    await token.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await token.hover();
    await page.locator('.monaco-hover', { hasText: 'trained weights' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.screenshot({ path: path.join(RESULTS, 'hover-trained-after-reload.png') });
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
  });
  await step('sampling dropout masks shows the ensemble (screenshot)', async () => {
    await labFrame.$eval('#ensemble', (e) => e.scrollIntoView({ block: 'start' }));
    await labFrame.fill('#ens-n', '200');
    await labFrame.click('vscode-button[data-testid="sample-masks"]');
    await labFrame.waitForSelector('.ensemble-numbers', { timeout: 30_000 });
    await shoot('lab-mask-ensemble.png', '#ensemble');
  });
  await step('keyboard: every control of the lab\'s model view is labelled and reached by Tab', async () => {
    // The controls a learner can operate, visible in the model view, with their accessible names.
    const controls = await labFrame.$$eval('#pane-model :is(button, input, select, textarea, summary, a[href], vscode-button, [tabindex]:not([tabindex="-1"]))', (els) =>
      els.filter((e) => e.getClientRects().length > 0 && !e.closest('[hidden]')).map((e, i) => {
        e.dataset.a11yIndex = String(i);
        const labelledBy = (e.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
        const name = (e.getAttribute('aria-label') ?? '').trim() || labelledBy.trim() || Array.from(e.labels ?? [], (l) => l.textContent).join(' ').trim() ||
          (['BUTTON', 'SUMMARY', 'A', 'VSCODE-BUTTON'].includes(e.tagName) ? (e.textContent ?? '').trim() : '') || (e.getAttribute('title') ?? '').trim();
        return { index: i, tag: e.tagName.toLowerCase(), name, disabled: e.hasAttribute('disabled') };
      }));
    const unlabelled = controls.filter((c) => !c.name);
    if (controls.length < 15) throw new Error(`only ${controls.length} controls found`);
    if (unlabelled.length) throw new Error(`unlabelled: ${unlabelled.map((c) => `${c.tag}#${c.index}`).join(', ')}`);
    // Tab from the model tab through the page; every enabled control must take the focus once.
    await labFrame.focus('#tab-model');
    const reached = new Set();
    for (let i = 0; i < controls.length * 3 + 20; i++) {
      await page.keyboard.press('Tab');
      const at = await labFrame.evaluate(() => document.activeElement?.closest('[data-a11y-index]')?.getAttribute('data-a11y-index') ?? null);
      if (at !== null) reached.add(Number(at));
      if (controls.every((c) => c.disabled || reached.has(c.index))) break;
    }
    const missed = controls.filter((c) => !c.disabled && !reached.has(c.index));
    if (missed.length) throw new Error(`not reached by Tab: ${missed.map((c) => `${c.tag} "${c.name}"`).join(', ')}`);
    console.log(`    ${controls.length} controls (${controls.filter((c) => c.disabled).length} disabled), all labelled; ${reached.size} reached by Tab, e.g. ${controls.slice(0, 4).map((c) => `${c.tag} "${c.name.slice(0, 30)}"`).join(', ')}`);
  });
  await step('the lab in the dark and high-contrast themes (screenshots)', async () => {
    await selectTheme(page, 'Dark Modern');
    await labFrame.waitForTimeout(600);
    await shoot('lab-dark.png', '.model-header');
    await shoot('lab-dark-ensemble.png', '#ensemble');
    await selectTheme(page, 'Dark High Contrast');
    await labFrame.waitForTimeout(600);
    await shoot('lab-high-contrast.png', '.model-header');
    await shoot('lab-high-contrast-maps.png', '#featureMaps');
  });
  await step('the lab draws the MLP\'s first dense layer as 28×28 images; Show more adds units (dark and light screenshots)', async () => {
    await selectTheme(page, 'Dark Modern');
    // The file opens in the first group, beside the lab (the Explorer's icon would hide an Explorer already shown).
    await runCommand(page, 'View: Focus First Editor Group');
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_mlp_keras.py' }).first().click();
    await page.locator('.monaco-editor .view-line span', { hasText: 'Dense' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'ConvLab: Visualize Model');
    labFrame = await findFrame(page, '.dense-layer canvas.dense-canvas');
    await labFrame.waitForFunction(() => Array.from(document.querySelectorAll('.strip .block[data-layer] .block-name'), (b) => (b.textContent ?? '').replace(/\u200b/g, '')).join(' ') === 'flatten dense dropout dense_1', undefined, { timeout: 20_000 });
    expectEqual(await labFrame.$$eval('canvas.dense-canvas', (c) => c.length), 16, 'units drawn at first');
    expectEqual(await labFrame.textContent('[data-testid="dense-count"]'), 'Showing 16 of 32 units', 'count');
    await labFrame.$eval('#denseWeights', (e) => e.scrollIntoView({ block: 'start' }));
    // A locator, not an element handle: the theme switch above redraws the units, and a
    // handle taken before that redraw is detached (seen once on a loaded machine).
    await labFrame.locator('canvas.dense-canvas[data-unit="2"]').hover({ position: { x: 40, y: 40 } });
    await labFrame.waitForFunction(() => /dense · unit 3 · \(1[34], 1[34]\) = -?\d/.test(document.querySelector('.hover-status')?.textContent ?? ''), undefined, { timeout: 5000 });
    await labFrame.click('vscode-button[data-testid="dense-more"]');
    await labFrame.waitForFunction(() => document.querySelectorAll('canvas.dense-canvas').length === 32, undefined, { timeout: 5000 });
    // A short MNIST run: the units' images turn from seeded noise into stroke templates.
    const before = await labFrame.$eval('canvas.dense-canvas[data-unit="0"]', (c) => c.toDataURL());
    await labFrame.$eval('#training', (e) => e.scrollIntoView({ block: 'start' }));
    await labFrame.selectOption('#train-dataset', 'mnist');
    await labFrame.fill('#train-trainCount', '6000');
    await labFrame.fill('#train-epochs', '5');
    await labFrame.fill('#train-learningRate', '0.003');
    await labFrame.fill('#train-patience', '0');
    await labFrame.click('vscode-button[data-testid="train"]');
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.dataset.state === 'done', undefined, { timeout: 120_000 });
    await labFrame.waitForFunction(() => document.querySelector('#denseWeights .weights-note')?.dataset.weights === 'trained', undefined, { timeout: 10_000 });
    expectEqual(await labFrame.$$eval('canvas.dense-canvas', (c) => c.length), 32, 'units drawn after training');
    const after = await labFrame.$eval('canvas.dense-canvas[data-unit="0"]', (c) => c.toDataURL());
    if (after === before) throw new Error('unit 1\'s image did not change with training');
    await shoot('lab-dense-weights.png', '#denseWeights');
    await selectTheme(page, 'Light Modern');
    await labFrame.waitForTimeout(600);
    await shoot('lab-dense-weights-light.png', '#denseWeights');
  });
  await step('the side view\'s kernel strip follows the cursor from layer to layer (dark and light screenshots)', async () => {
    await selectTheme(page, 'Dark Modern');
    await runCommand(page, 'View: Focus First Editor Group');
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).first().click();
    const line = (text) => page.locator('.monaco-editor .view-line', { hasText: text }).first();
    await line('Conv2D(64').waitFor({ timeout: 20_000 });
    await page.locator('.activitybar .action-item a[aria-label^="ConvLab"]').first().click();
    const side = await findFrame(page, 'body.view-side [data-testid="strip-layer"]');
    await line('MaxPooling2D').locator('span', { hasText: 'MaxPooling2D' }).first().click();
    await side.waitForFunction(() => document.querySelector('[data-testid="strip-layer"] strong')?.textContent === 'max_pooling2d', undefined, { timeout: 10_000 });
    const note = await side.textContent('[data-testid="strip-note"]');
    if (!/no kernels/.test(note ?? '')) throw new Error(`pooling note: ${note}`);
    await line('Conv2D(64').locator('span', { hasText: 'Conv2D' }).first().click();
    await side.waitForFunction(() => document.querySelector('[data-testid="strip-layer"] strong')?.textContent === 'conv2d_1', undefined, { timeout: 10_000 });
    const caption = await side.textContent('.kernel-strip figcaption');
    if (!/^conv2d_1 · 8 of 64 filters × \d+ of 32 input channels · 3×3$/.test(caption ?? '')) throw new Error(`strip caption: ${caption}`);
    const selectedRow = await side.$eval('table.summary tr.selected', (tr) => tr.dataset.layer);
    expectEqual(selectedRow, '2', 'the summary marks the strip\'s layer');
    // The view is narrow: nothing may stick out sideways but inside a scroller.
    const overflow = await side.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) throw new Error(`the side view overflows sideways by ${overflow} px`);
    const canvas = await side.$('.kernel-strip canvas.kernel-canvas');
    await canvas.hover({ position: { x: 8, y: 8 } });
    await side.waitForFunction(() => /conv2d_1 · filter 1 · channel 1 · \(\d, \d\) = /.test(document.querySelector('.view-side .hover-status')?.textContent ?? ''), undefined, { timeout: 5000 });
    await side.$eval('.strip-section', (e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS, 'workbench-side-view-kernels.png') });
    // The lab follows this file too: its dense layer reads 64 maps of 5×5, one row of channel images per unit.
    await labFrame.waitForFunction(() => document.querySelector('.dense-layer figcaption')?.textContent?.includes('64 channels of 5×5'), undefined, { timeout: 10_000 });
    await shoot('lab-dense-weights-channels.png', '#denseWeights');
    await line('Conv2D(32').locator('span', { hasText: 'Conv2D' }).first().click();
    await side.waitForFunction(() => document.querySelector('[data-testid="strip-layer"] strong')?.textContent === 'conv2d', undefined, { timeout: 10_000 });
    await selectTheme(page, 'Light Modern');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(RESULTS, 'workbench-side-view-kernels-light.png') });
  });
  await step('ConvLab: Lesson: Dropout, Step by Step shows the mask, 2^4096 and p(w1x1 + w2x2) (screenshot)', async () => {
    await selectTheme(page, 'Light Modern');
    await runCommand(page, 'ConvLab: Lesson: Dropout, Step by Step');
    const frame = await findFrame(page, '[data-section="ensemble"] [data-value="masks4096"]');
    const masks = await frame.$eval('[data-value="masks4096"]', (e) => e.textContent);
    if (!/^2\^4096 ≈ 10\^1233/.test(masks ?? '')) throw new Error(`masks: ${masks}`);
    expectEqual(await frame.$eval('[data-value="expectation"]', (e) => e.textContent), '2.5', 'E[a]');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-dropout.png') });
    await frame.$eval('[data-section="singleNeuron"]', (e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-dropout-test-time.png') });
  });
  // One screenshot per other lesson, each opened from the command palette: looked at, not compared.
  for (const [title, file, selector] of [
    ['ConvLab: Lesson: Edges with Sobel', 'lesson-sobel.png', '[data-section="maps"] canvas.lesson-map'],
    ['ConvLab: Lesson: Dense versus Convolution', 'lesson-dense-vs-conv.png', '[data-value="convParams"]'],
    ['ConvLab: Lesson: Receptive Fields', 'lesson-receptive-field.png', '[data-section="onInput"] canvas.lesson-map'],
    ['ConvLab: Lesson: Equivariance', 'lesson-equivariance.png', '[data-value="maxInterior"]'],
    ['ConvLab: Lesson: Inputs of Variable Size', 'lesson-variable-size.png', '[data-section="global_pool"]'],
    ['ConvLab: Lesson: The Depth Experiment', 'lesson-depth.png', '[data-action="depthStart"]'],
  ]) {
    await step(`${title} opens its view (screenshot)`, async () => {
      await runCommand(page, title);
      await findFrame(page, selector);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(RESULTS, file) });
    });
  }
  await step('Convolution by Hand in the light theme (screenshot)', async () => {
    await runCommand(page, 'ConvLab: Convolution by Hand');
    const f = await findFrame(page, '[data-grid="output-crossCorrelation"] .value');
    await f.waitForFunction(() => document.body.classList.contains('vscode-light'), undefined, { timeout: 10_000 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-conv-by-hand-light.png') });
  });

  // Sobel on a workspace picture, opened as a learner would: right-click it in the Explorer.
  await step('Explorer → right-click sobel_shapes.png → ConvLab: Edges with Sobel decodes it in the page (screenshot)', async () => {
    await runCommand(page, 'View: Close All Editors');
    // The command, not the activity-bar icon: a click on the icon of the view already shown hides the side bar.
    await runCommand(page, 'View: Show Explorer');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sobel_shapes.png' }).first();
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: 'ConvLab: Edges with Sobel' }).first();
    await item.waitFor({ timeout: 10_000 });
    // A menu ignores a click that comes too soon after it opened: let it settle, and if it is
    // still open after the click, choose the highlighted entry with Enter.
    await page.waitForTimeout(400);
    await item.click();
    await page.waitForTimeout(300);
    if (await item.isVisible().catch(() => false)) {
      await item.hover();
      await page.keyboard.press('Enter');
    }
    const frame = await findFrame(page, '[data-section="maps"] [data-value="image"]');
    await frame.waitForFunction(() => document.querySelector('[data-value="image"]')?.textContent === 'sobel_shapes.png', undefined, { timeout: 30_000 });
    expectEqual(await frame.$eval('[data-value="imageSize"]', (e) => e.textContent), '128×96', 'working size');
    expectEqual(await frame.$$eval('[data-section="maps"] canvas.lesson-map', (c) => c.length), 4, 'maps drawn');
    // The learner types into G_x's centre cell: the maps follow at once.
    const before = await frame.$eval('[data-value="gxRange"]', (e) => e.textContent);
    await frame.fill('input[data-focus-id="gx-4"]', '4');
    await frame.waitForFunction((b) => document.querySelector('[data-value="gxRange"]')?.textContent !== b, before, { timeout: 10_000 });
    await frame.fill('input[data-focus-id="gx-4"]', '0');
    await frame.waitForFunction((b) => document.querySelector('[data-value="gxRange"]')?.textContent === b, before, { timeout: 10_000 });
    await frame.$eval('[data-section="image"]', (e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-sobel-image.png') });
    await frame.$eval('[data-section="maps"]', (e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-sobel-image-maps.png') });
  });

  // The lessons drawn from the learner's own model: the Keras example in the editor, then each lesson.
  await step('the Keras example open, the lessons show its layers (screenshots)', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).first().click();
    await page.locator('.monaco-editor .view-line span', { hasText: 'Conv2D' }).first().waitFor({ timeout: 20_000 });
    for (const [title, file, value, expected] of [
      ['ConvLab: Lesson: Dense versus Convolution', 'lesson-own-model-dense-vs-conv.png', 'params:conv2d', '16,981,120 / 216,320 / 320'],
      ['ConvLab: Lesson: Receptive Fields', 'lesson-own-model-receptive-field.png', 'ownFinalField', '10×10'],
      ['ConvLab: Lesson: Inputs of Variable Size', 'lesson-own-model-variable-size.png', 'ownCulprit', 'dense (Dense)'],
    ]) {
      await runCommand(page, title);
      const frame = await findFrame(page, `[data-section="ownModel"] [data-value="${value}"]`);
      await frame.waitForFunction(([v, e]) => document.querySelector(`[data-value="${v}"]`)?.textContent === e, [value, expected], { timeout: 15_000 });
      await frame.$eval('[data-section="ownModel"]', (e) => e.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(RESULTS, file) });
    }
    // The comparison tables of the dense-vs-conv section, one of the learner's layers each.
    await runCommand(page, 'ConvLab: Lesson: Dense versus Convolution');
    const frame = await findFrame(page, '[data-section="ownModel"] .lesson-table-wrap');
    await frame.$$eval('[data-section="ownModel"] .lesson-table-wrap', (t) => t[1]?.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(RESULTS, 'lesson-own-model-dense-vs-conv-tables.png') });
  });
  // The lessons in the dark and high-contrast themes: tables, heatmaps and plots take their colours from the theme.
  await step('the lessons in the dark and high-contrast themes (screenshots)', async () => {
    for (const [themeName, prefix] of [['Dark Modern', 'lesson-dark'], ['Dark High Contrast', 'lesson-high-contrast']]) {
      await selectTheme(page, themeName);
      for (const [title, file, selector] of [
        ['ConvLab: Lesson: Dropout, Step by Step', 'dropout', '[data-section="singleNeuron"]'],
        ['ConvLab: Lesson: Edges with Sobel', 'sobel', '[data-section="maps"] canvas.lesson-map'],
        ['ConvLab: Lesson: Dense versus Convolution', 'dense-vs-conv', '[data-value="convParams"]'],
        ['ConvLab: Lesson: Receptive Fields', 'receptive-field', '[data-section="onInput"] canvas.lesson-map'],
      ]) {
        await runCommand(page, title);
        const frame = await findFrame(page, selector);
        // The page's own background follows the theme (dark in both).
        await frame.waitForFunction(() => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return r + g + b < 200;
        }, undefined, { timeout: 10_000 });
        await frame.$eval(selector, (e) => e.scrollIntoView({ block: 'center' }));
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(RESULTS, `${prefix}-${file}.png`) });
      }
    }
    await selectTheme(page, 'Light Modern');
  });
  await step('a residual network: the hover on its shortcut convolution, the side view with what each layer reads (screenshots)', async () => {
    // The command, not the activity bar: a click on the active container's icon would hide it.
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'resnet_cifar_pytorch.py' }).first().click();
    // The 1×1 shortcut convolution of the blocks: a layer only a graph model has.
    const token = page.locator('.monaco-editor .view-line', { hasText: 'nn.Conv2d(in_channels, out_channels, 1' }).locator('span', { hasText: 'Conv2d' }).first();
    await token.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    await token.hover();
    await page.locator('.monaco-hover', { hasText: '1·1·16·32 = 512' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-graph-hover.png') });
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
    await page.locator('.activitybar .action-item a[aria-label^="ConvLab"]').first().click();
    const side = await findFrame(page, 'table.summary');
    await side.waitForFunction(() => document.querySelector('.totals')?.textContent?.includes('78,042'), undefined, { timeout: 15_000 });
    const heads = await side.$$eval('table.summary thead th', (ths) => ths.map((th) => th.textContent));
    if (!heads.includes('Connected to')) throw new Error(`summary columns: ${heads.join(', ')}`);
    // The first block's add reads its second batch norm and the stem's ReLU (its identity shortcut).
    const reads = await side.$$eval('table.summary tbody tr', (trs) => trs.map((tr) => `${tr.querySelector('.layer-name')?.textContent} ← ${tr.lastElementChild?.textContent}`));
    if (!reads.includes('add ← blocks.0.bn2, stem.2')) throw new Error(`connections: ${reads.slice(0, 12).join(' | ')}`);
    await page.screenshot({ path: path.join(RESULTS, 'workbench-graph-summary.png') });
    // The graph column in the dark and high-contrast themes: lines and dots from theme colours.
    for (const [themeName, file] of [['Dark Modern', 'workbench-graph-summary-dark.png'], ['Dark High Contrast', 'workbench-graph-summary-high-contrast.png']]) {
      await selectTheme(page, themeName);
      const frame = await findFrame(page, 'table.summary svg.lanes');
      await frame.waitForFunction(() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
        return r + g + b < 200;
      }, undefined, { timeout: 10_000 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(RESULTS, file) });
    }
    await selectTheme(page, 'Light Modern');
  });
  await step('the residual network in the lab: colour feature maps of a 3×32×32 shape and a few training steps on shapes at that size (screenshots)', async () => {
    const logged = [];
    page.on('console', (m) => logged.push(m.text().slice(0, 300)));
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'resnet_cifar_pytorch.py' }).first().click();
    await page.locator('.monaco-editor .view-line span', { hasText: 'Conv2d' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'ConvLab: Visualize Model');
    labFrame = await findFrame(page, '.strip .block[data-layer]');
    await labFrame.waitForFunction(() => document.querySelector('h2')?.textContent?.includes('SmallResNet'), undefined, { timeout: 20_000 });
    await labFrame.selectOption('[data-testid="input-kind"]', 'shapes');
    await labFrame.waitForFunction(() => document.querySelectorAll('canvas.fmap-canvas').length > 10, undefined, { timeout: 60_000 }).catch(async (e) => {
      const state = await labFrame.evaluate(() => ({ maps: document.querySelectorAll('canvas.fmap-canvas').length, text: document.querySelector('#featureMaps')?.textContent?.slice(0, 400), hidden: document.querySelector('#featureMaps')?.hidden }));
      throw new Error(`${e.message}: ${JSON.stringify(state)}\n${logged.filter((l) => /convlab|error|worker/i.test(l)).slice(-30).join('\n')}`);
    });
    const inputWidth = await labFrame.$eval('canvas.input-canvas', (c) => c.width);
    expectEqual(inputWidth, 32 * 5, 'the 32×32 input drawn at 5 pixels a side');
    // The input is drawn in colour: its three channels are one picture, not three greys.
    await shoot('lab-graph-feature-maps.png', '#featureMaps');
    await labFrame.$eval('#training', (e) => e.scrollIntoView({ block: 'start' }));
    const offered = await labFrame.$$eval('#train-dataset option', (o) => o.filter((x) => !x.disabled).map((x) => x.value));
    expectEqual(offered.join(','), 'bars,shapes', 'datasets offered to a 3×32×32 model');
    await labFrame.selectOption('#train-dataset', 'shapes');
    await labFrame.fill('#train-trainCount', '80');
    await labFrame.fill('#train-epochs', '1');
    await labFrame.fill('#train-batchSize', '16');
    await labFrame.click('vscode-button[data-testid="train"]');
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.dataset.state === 'done', undefined, { timeout: 180_000 });
    await shoot('lab-graph-training.png', '#training');
  });
  await step('a U-Net in the lab: its maps shrink and grow back to 32×32, and it trains to find the shapes pixel by pixel (screenshots)', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'unet_segmentation_pytorch.py' }).first().click();
    await page.locator('.monaco-editor .view-line span', { hasText: 'ConvTranspose2d' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'ConvLab: Visualize Model');
    labFrame = await findFrame(page, '.strip .block[data-layer]');
    await labFrame.waitForFunction(() => document.querySelector('h2')?.textContent?.includes('SmallUNet'), undefined, { timeout: 20_000 });
    await labFrame.selectOption('[data-testid="input-kind"]', 'shapes');
    await labFrame.waitForFunction(() => document.querySelectorAll('canvas.fmap-canvas').length > 10, undefined, { timeout: 60_000 });
    const last = await labFrame.$$eval('.fmap-layer figcaption', (f) => f.at(-1)?.textContent ?? '');
    if (!/\(2, 32, 32\)/.test(last)) throw new Error(`the last map: ${last}`);
    await labFrame.$eval('.fmap-layer:last-of-type', (e) => e.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(RESULTS, 'lab-unet-feature-maps.png') });
    await labFrame.$eval('#training', (e) => e.scrollIntoView({ block: 'start' }));
    await labFrame.selectOption('#train-dataset', 'shapes');
    await labFrame.fill('#train-trainCount', '320');
    await labFrame.fill('#train-epochs', '3');
    await labFrame.fill('#train-batchSize', '32');
    await labFrame.fill('#train-learningRate', '0.01');
    await labFrame.click('vscode-button[data-testid="train"]');
    await labFrame.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.dataset.state === 'done', undefined, { timeout: 180_000 });
    await shoot('lab-unet-training.png', '#training');
  });
} catch (error) {
  failedHard = true;
  console.error(error);
} finally {
  await browser.close();
  server.dispose();
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (failedHard ? 1 : 0);
console.log(`ui: ${passed} passed, ${failed} failed`);
console.log(`screenshots in ${path.relative(process.cwd(), RESULTS)}/`);
process.exit(failed > 0 ? 1 : 0);
