// `npm run bench:webview`: the visual lab's drawing bounds, measured in Debian's Chromium.
// 1. One layer of 32 feature maps of 28×28 drawn with the lab's own drawTiles (the code the
//    panel runs), in a bare page: median and 95th percentile over 200 draws (bound: 16 ms).
// 2. The panel in the real VS Code web workbench: from the command to the page's first
//    drawing, for Convolution by Hand and for Visualize Model (bound: 1 s).
// Figures only — speed is never asserted in tests.
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } from '../test/web/chromium.mjs';
import { REPO } from '../test/web/codeOss.mjs';
import { freePort } from '../test/web/port.mjs';
import { serveWorkbench } from '../test/web/server.mjs';

assertChromium();
const json = process.argv.includes('--json');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;
const log = (line) => (json ? process.stderr.write(`${line}\n`) : console.log(line));

const bundle = await esbuild.build({
  stdin: {
    contents: `
      import { drawTiles } from './webview/lab/heatmap';
      window.benchDraw = (runs) => {
        const maps = 32, h = 28, w = 28, cell = 4, gap = 4, perRow = 8;
        const values = new Float32Array(maps * h * w).map((_, i) => Math.sin(i * 0.37));
        const tiles = Array.from({ length: maps }, (_, ch) => ({ offset: ch * h * w, rows: h, cols: w, x: (ch % perRow) * (w * cell + gap), y: Math.floor(ch / perRow) * (h * cell + gap) }));
        const canvas = document.createElement('canvas');
        document.body.append(canvas);
        const times = [];
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          drawTiles(canvas, values, tiles, { cell, scale: 1, kind: 'diverging' }, perRow * (w * cell + gap) - gap, 4 * (h * cell + gap) - gap);
          canvas.getContext('2d').getImageData(0, 0, 1, 1); // wait for the drawing to land
          times.push(performance.now() - t0);
        }
        return times;
      };
      // The lab's largest kernel picture in the examples: Conv2D(64) over 32 channels, 2,048 tiles of 3×3.
      window.benchKernels = (runs) => {
        const filters = 64, channels = 32, k = 3, cell = 4, gap = 5;
        const values = new Float32Array(filters * channels * k * k).map((_, i) => Math.cos(i * 0.71) * 0.2);
        const tiles = [];
        for (let o = 0; o < filters; o++) for (let c = 0; c < channels; c++) tiles.push({ offset: (o * channels + c) * k * k, rows: k, cols: k, x: c * (k * cell + gap), y: o * (k * cell + gap) });
        const canvas = document.createElement('canvas');
        document.body.append(canvas);
        const times = [];
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          drawTiles(canvas, values, tiles, { cell, scale: 0.2, kind: 'diverging' }, channels * (k * cell + gap) - gap, filters * (k * cell + gap) - gap);
          canvas.getContext('2d').getImageData(0, 0, 1, 1);
          times.push(performance.now() - t0);
        }
        return times;
      };`,
    resolveDir: REPO,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
});
const script = bundle.outputFiles[0].text;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const results = {};
try {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate(() => window.benchDraw(30)); // warm-up
  const times = (await page.evaluate(() => window.benchDraw(200))).sort((a, b) => a - b);
  results.featureMaps32x28x28 = { medianMs: times[100], p95Ms: times[190], maxMs: times[199], boundMs: 16 };
  log(`32 feature maps of 28×28, one layer: median ${times[100].toFixed(2)} ms, 95th percentile ${times[190].toFixed(2)} ms (bound 16 ms)`);
  await page.evaluate(() => window.benchKernels(5));
  const kernelTimes = (await page.evaluate(() => window.benchKernels(51))).sort((a, b) => a - b);
  results.kernels64x32 = { medianMs: kernelTimes[25], p95Ms: kernelTimes[48] };
  log(`kernels of a Conv2D(64) over 32 channels (2,048 tiles of 3×3): median ${kernelTimes[25].toFixed(2)} ms, 95th percentile ${kernelTimes[48].toFixed(2)} ms`);

  const server = await serveWorkbench({ port: await freePort() });
  try {
    // Each webview frame records, on the page's own clock (epoch ms, comparable to Date.now()
    // here), when each stage first appears and when each host message first arrives. The
    // script runs in every frame before the frame's own scripts; only ConvLab's pages match.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => {
      if (window.top === window) return;
      const marks = (window.__convlabMarks = {});
      const now = () => performance.timeOrigin + performance.now();
      const stages = { html: '#convlab-boot', script: '#app > *', strip: '.strip .block[data-layer]', numbers: '[data-grid="output-crossCorrelation"] .value', kernels: 'canvas.kernel-canvas', maps: 'canvas.fmap-canvas' };
      // VS Code writes the page into its frame with document.open/write, which drops the
      // listeners and observers installed before: poll every 5 ms instead, and listen for
      // messages once the page's HTML is in (the host answers only after the page's script ran).
      const listen = () => window.addEventListener('message', (e) => {
        const type = e.data && typeof e.data === 'object' && typeof e.data.type === 'string' ? e.data.type : undefined;
        if (type && marks[`message:${type}`] === undefined) marks[`message:${type}`] = now();
      }, true);
      const started = Date.now();
      const pending = new Set();
      const timer = window.setInterval(() => {
        if (!window.__convlabListening && document.getElementById('convlab-boot')) {
          window.__convlabListening = true;
          listen();
        }
        // A stage counts when its element is in the page and a frame with it is being drawn.
        for (const [stage, selector] of Object.entries(stages)) {
          if (marks[stage] === undefined && !pending.has(stage) && document.querySelector(selector)) {
            pending.add(stage);
            window.requestAnimationFrame(() => (marks[stage] = now()));
          }
        }
        if (Date.now() - started > 60_000) window.clearInterval(timer);
      }, 5);
    });
    const wb = await context.newPage();

    await wb.goto(server.url);
    await wb.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).waitFor({ timeout: 60_000 });
    await wb.waitForTimeout(3000);
    const command = async (title) => {
      await wb.keyboard.press('F1');
      await wb.locator('.quick-input-widget input').fill(`>${title}`);
      const row = wb.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ timeout: 10_000 });
      return row;
    };
    const openKeras = async () => {
      await (await command('View: Close All Editors')).click();
      await wb.waitForTimeout(500);
      await wb.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).first().click();
      await wb.locator('.monaco-editor .view-line span', { hasText: 'Conv2D' }).first().waitFor({ timeout: 20_000 });
      await wb.waitForTimeout(1000);
    };
    /** Runs the command on a fresh panel; ms from the click to each stage the page reached. */
    const openAndTime = async (title, last) => {
      const row = await command(title);
      const t0 = Date.now();
      await row.click();
      for (;;) {
        for (const frame of wb.frames()) {
          try {
            const marks = await frame.evaluate(() => window.__convlabMarks);
            if (marks?.[last] !== undefined) {
              await wb.waitForTimeout(1500); // later stages (feature maps) land too
              const all = await frame.evaluate(() => window.__convlabMarks);
              return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Math.round(v - t0)]).sort((a, b) => a[1] - b[1]));
            }
          } catch { /* a frame navigating away */ }
        }
        if (Date.now() - t0 > 30_000) throw new Error(`${title}: ${last} not reached within 30 s`);
        await wb.waitForTimeout(20);
      }
    };
    const describe = (m) => Object.entries(m).map(([k, v]) => `${k} ${v}`).join(' · ');

    // Stage by stage, the median over the runs (the machine is shared: single runs scatter).
    const median = (runs) => {
      const keys = Object.keys(runs[0]).filter((k) => runs.every((r) => r[k] !== undefined));
      const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      return Object.fromEntries(keys.map((k) => [k, mid(runs.map((r) => r[k]))]).sort((a, b) => a[1] - b[1]));
    };

    await openKeras();
    const cold = await openAndTime('ConvLab: Visualize Model', 'kernels');
    results.visualizeColdPhasesMs = cold;
    log(`ConvLab: Visualize Model, the window's first ConvLab panel (worker not started yet), ms after the command: ${describe(cold)}`);

    const byHandRuns = [];
    const visualizeRuns = [];
    for (let run = 0; run < RUNS; run++) {
      await (await command('View: Close All Editors')).click();
      await wb.waitForTimeout(1000);
      byHandRuns.push(await openAndTime('ConvLab: Convolution by Hand', 'numbers'));
      await openKeras();
      visualizeRuns.push(await openAndTime('ConvLab: Visualize Model', 'maps'));
    }
    const byHand = median(byHandRuns);
    results.convByHandOpenMs = byHand.numbers;
    results.convByHandPhasesMs = byHand;
    log(`ConvLab: Convolution by Hand → numbers shown: ${byHand.numbers} ms (bound 1000 ms; median of ${RUNS}); ${describe(byHand)}`);
    const warm = median(visualizeRuns);
    results.visualizeOpenMs = warm.strip;
    results.visualizePhasesMs = warm;
    log(`ConvLab: Visualize Model → architecture drawn: ${warm.strip} ms, kernels: ${warm.kernels} ms, feature maps: ${warm.maps} ms (bound 1000 ms for the first drawing; median of ${RUNS}); ${describe(warm)}`);
    log(`  of which VS Code creating the webview (the command → the page's HTML in its frame): ${warm.html} ms`);
  } finally {
    server.dispose();
  }
} finally {
  await browser.close();
}
if (json) console.log(JSON.stringify(results));
process.exit(0);
