import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gridFromRows, gridToRows, type Grid } from '../../../core/conv/byHand';
import { barsDataset } from '../../../core/data/procedural';
import { loadMnistAsset } from '../../../core/data/mnist';
import {
  applyKernel, convCell, imageFromRgba, kernelFromValues, LECTURE_CONV_SETTINGS, LECTURE_SOBEL_GX, LECTURE_SOBEL_GY, mnistDigit, proceduralImage, sobelEdges, syntheticImage,
} from '../../../core/lessons';

const ASSET = path.resolve(__dirname, '../../../dist/data/mnist.bin.gz');

function column(g: Grid, c: number): number[] {
  return Array.from({ length: g.rows }, (_, r) => g.data[r * g.cols + c]!);
}

test("the lecture's kernels as it prints them: G_y = [[1,0,−1],[2,0,−2],[1,0,−1]], G_x = [[1,2,1],[0,0,0],[−1,−2,−1]]", () => {
  assert.deepEqual(LECTURE_SOBEL_GY, [[1, 0, -1], [2, 0, -2], [1, 0, -1]]);
  assert.deepEqual(LECTURE_SOBEL_GX, [[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
});

test('vertical step edge (0 | 1 at column 8 of 16): G_y = −4 on the two columns whose window spans it, G_x = 0, magnitude 4', () => {
  const r = sobelEdges(syntheticImage('verticalStep', 16));
  assert.equal(r.gy.response.rows, 14);
  assert.equal(r.gy.response.cols, 14);
  for (let c = 0; c < 14; c++) {
    const expected = c === 6 || c === 7 ? -4 : 0; // left minus right: (1 + 2 + 1)·(0 − 1)
    assert.deepEqual(column(r.gy.response, c), new Array(14).fill(expected), `G_y column ${c}`);
    assert.deepEqual(column(r.magnitude, c), new Array(14).fill(Math.abs(expected)), `magnitude column ${c}`);
  }
  assert.equal(r.gx.maxAbs, 0, 'G_x (top minus bottom) sees no horizontal edge');
  assert.equal(r.magnitudeMax, 4);
});

test('horizontal step edge: G_x = −4 on rows 6 and 7, G_y = 0', () => {
  const r = sobelEdges(syntheticImage('horizontalStep', 16));
  for (let row = 0; row < 14; row++) {
    const expected = row === 6 || row === 7 ? -4 : 0;
    assert.deepEqual(Array.from(r.gx.response.data.subarray(row * 14, row * 14 + 14)), new Array(14).fill(expected), `G_x row ${row}`);
  }
  assert.equal(r.gy.maxAbs, 0);
});

test('true convolution flips the antisymmetric kernels: the step edge answers +4 instead of −4, same magnitude', () => {
  const cross = sobelEdges(syntheticImage('verticalStep', 16));
  const conv = sobelEdges(syntheticImage('verticalStep', 16), { settings: { ...LECTURE_CONV_SETTINGS, mode: 'convolution' } });
  assert.deepEqual(column(conv.gy.response, 6), new Array(14).fill(4));
  assert.deepEqual(Array.from(conv.magnitude.data), Array.from(cross.magnitude.data));
});

test("transposing the image swaps the lecture's G_x and G_y responses (each differentiates its own axis)", () => {
  const img = syntheticImage('disk', 12);
  const t: Grid = { rows: 12, cols: 12, data: Float32Array.from({ length: 144 }, (_, k) => img.data[(k % 12) * 12 + Math.floor(k / 12)]!) };
  const a = sobelEdges(img);
  const b = sobelEdges(t);
  const transpose = (g: Grid): number[][] => gridToRows(g)[0]!.map((_, c) => gridToRows(g).map((row) => row[c]!));
  assert.deepEqual(gridToRows(b.gy.response), transpose(a.gx.response));
  assert.deepEqual(gridToRows(b.magnitude), transpose(a.magnitude));
});

test('an MNIST digit: 26×26 maps, nothing at the empty border, and each magnitude is √(Gx² + Gy²) of its cells', async (t) => {
  if (!existsSync(ASSET)) {
    t.skip(`the MNIST asset is built by npm run build (${ASSET})`);
    return;
  }
  const archive = await loadMnistAsset(readFileSync(ASSET));
  const { image, label } = mnistDigit(archive, 0);
  assert.equal(label, 7, 'the first test image of MNIST is a 7');
  const r = sobelEdges(image);
  assert.equal(r.magnitude.rows, 26);
  assert.equal(r.magnitude.data[0], 0, 'the corner window covers background only');
  assert.ok(r.magnitudeMax > 1, `strokes make edges (max ${r.magnitudeMax})`);
  const gx = gridFromRows(LECTURE_SOBEL_GX);
  const gy = gridFromRows(LECTURE_SOBEL_GY);
  for (const [i, j] of [[10, 10], [13, 7], [20, 15]] as const) {
    const m = Math.hypot(convCell(image, gx, LECTURE_CONV_SETTINGS, i, j).sum, convCell(image, gy, LECTURE_CONV_SETTINGS, i, j).sum);
    assert.ok(Math.abs(r.magnitude.data[i * 26 + j]! - m) < 1e-6, `cell (${i}, ${j})`);
  }
});

test('an edited kernel: the identity kernel returns the image\'s interior, and nine values are checked', () => {
  const img = syntheticImage('square', 8);
  const id = kernelFromValues([0, 0, 0, 0, 1, 0, 0, 0, 0]);
  const r = applyKernel(img, id);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) assert.equal(r.response.data[i * 6 + j], img.data[(i + 1) * 8 + j + 1]);
  assert.throws(() => kernelFromValues([1, 2, 3]), /needs 9 numbers/);
  assert.throws(() => kernelFromValues([0, 0, 0, 0, Number.NaN, 0, 0, 0, 0]), /entry 5 is not a number/);
});

test('a procedural image is the dataset\'s own image (bars: image 1 is a vertical bar)', () => {
  const p = proceduralImage('bars', 1, 7);
  assert.equal(p.label, 1);
  assert.equal(p.className, 'vertical');
  const data = barsDataset({ trainCount: 5, testCount: 0, seed: 7 });
  assert.deepEqual(Array.from(p.image.data), Array.from(data.train.images.subarray(784, 2 * 784)));
  const r = sobelEdges(p.image);
  const energy = (g: Grid): number => g.data.reduce((s, v) => s + v * v, 0);
  const [ey, ex] = [energy(r.gy.response), energy(r.gx.response)];
  assert.ok(ey > 2 * ex, `a vertical bar's long sides answer G_y (Σ² ${ey.toFixed(1)}) far more than G_x (Σ² ${ex.toFixed(1)}), which sees its ends`);
});

test('a picture from the workspace: RGBA → luminance (white 1, black 0, transparent 0), shrunk to maxSide', () => {
  const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 0, 255, 0, 0, 255]);
  const g = imageFromRgba(2, 2, rgba);
  assert.deepEqual(Array.from(g.data).map((v) => Math.round(v * 1000) / 1000), [1, 0, 0, 0.299]);
  const big = new Uint8Array(8 * 4 * 4).fill(255);
  const small = imageFromRgba(8, 4, big, { maxSide: 4 });
  assert.deepEqual([small.rows, small.cols], [2, 4]);
  assert.ok(Math.abs(small.data[0]! - 1) < 1e-6);
  assert.throws(() => imageFromRgba(2, 2, new Uint8Array(15)), /needs 16 bytes/);
});
