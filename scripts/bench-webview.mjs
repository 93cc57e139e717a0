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

  const server = await serveWorkbench({ port: await freePort() });
  try {
    const wb = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await wb.goto(server.url);
    await wb.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).waitFor({ timeout: 60_000 });
    await wb.waitForTimeout(3000);
    const openAndTime = async (title, selector, phases = {}) => {
      await wb.keyboard.press('F1');
      await wb.locator('.quick-input-widget input').fill(`>${title}`);
      const row = wb.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ timeout: 10_000 });
      const t0 = Date.now();
      await row.click();
      for (;;) {
        for (const frame of wb.frames()) {
          try {
            // Phases, for finding where the time goes: the page's HTML is in, then its script ran.
            if (phases.html === undefined && (await frame.$('#convlab-boot'))) phases.html = Date.now() - t0;
            if (phases.script === undefined && (await frame.$('#app > *'))) phases.script = Date.now() - t0;
            if (await frame.$(selector)) return Date.now() - t0;
          } catch { /* a frame navigating away */ }
        }
        if (Date.now() - t0 > 30_000) throw new Error(`${title}: nothing drawn within 30 s`);
        await wb.waitForTimeout(10);
      }
    };
    const phases = {};
    results.convByHandOpenMs = await openAndTime('ConvLab: Convolution by Hand', '[data-grid="output"] .value', phases);
    results.convByHandPhasesMs = phases;
    log(`ConvLab: Convolution by Hand → numbers shown: ${results.convByHandOpenMs} ms (page HTML in at ${phases.html} ms, its script ran at ${phases.script} ms; bound 1000 ms)`);
    await wb.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mnist_cnn_keras.py' }).first().click();
    await wb.locator('.monaco-editor .view-line span', { hasText: 'Conv2D' }).first().waitFor({ timeout: 20_000 });
    results.visualizeOpenMs = await openAndTime('ConvLab: Visualize Model', 'canvas');
    log(`ConvLab: Visualize Model → first canvas drawn: ${results.visualizeOpenMs} ms (bound 1000 ms)`);
  } finally {
    server.dispose();
  }
} finally {
  await browser.close();
}
if (json) console.log(JSON.stringify(results));
process.exit(0);
