import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { classCounts } from '../../../core/data/dataset';
import { isGzip } from '../../../core/data/gunzip';
import { decodeMnistAsset, loadMnistAsset, MNIST_ASSET_PATH, MNIST_HEADER_BYTES, mnistDataset } from '../../../core/data/mnist';

const root = resolve(__dirname, '../../..');
const buildScript = join(root, 'scripts/build-mnist.mjs');

/** An IDX file as the official MNIST files are written: big-endian magic and dimensions, then bytes. */
function idx(dims: number[], data: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(dims.length === 1 ? 0x801 : 0x803, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

/** Tiny fake MNIST: 5 train and 3 test images of 4 rows × 3 columns (not square, so a row/column swap shows). */
const ROWS = 4;
const COLS = 3;
const trainLabels = [5, 0, 4, 1, 9];
const testLabels = [7, 2, 1];
const pixel = (image: number, k: number, base: number): number => (base + image * 17 + k * 5) % 256;
const trainPixels = trainLabels.flatMap((_, n) => Array.from({ length: ROWS * COLS }, (_, k) => pixel(n, k, 0)));
const testPixels = testLabels.flatMap((_, n) => Array.from({ length: ROWS * COLS }, (_, k) => pixel(n, k, 100)));
// The extremes must be present to check the scaling to exactly 0 and 1.
trainPixels[0] = 0;
trainPixels[1] = 255;

function writeFakeMnist(dir: string): void {
  writeFileSync(join(dir, 'train-images-idx3-ubyte'), idx([5, ROWS, COLS], trainPixels));
  writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idx([5], trainLabels));
  writeFileSync(join(dir, 't10k-images-idx3-ubyte'), idx([3, ROWS, COLS], testPixels));
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idx([3], testLabels));
}

function runBuild(args: string[]): string {
  return execFileSync(process.execPath, [buildScript, ...args], { encoding: 'utf8', stdio: 'pipe' });
}

test('build-mnist.mjs turns IDX files into a gzip asset that loadMnistAsset reads back byte for byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convlab-mnist-'));
  try {
    writeFakeMnist(dir);
    const out = join(dir, 'out/mnist.bin.gz');
    runBuild(['--src', dir, '--out', out]);
    const bytes = new Uint8Array(readFileSync(out));
    assert.ok(isGzip(bytes), 'the asset is gzip-wrapped');
    const archive = await loadMnistAsset(bytes);
    assert.equal(archive.rows, ROWS);
    assert.equal(archive.cols, COLS);
    assert.deepEqual([...archive.train.labels], trainLabels);
    assert.deepEqual([...archive.test.labels], testLabels);
    assert.deepEqual([...archive.train.pixels], trainPixels);
    assert.deepEqual([...archive.test.pixels], testPixels);

    // Idempotent: a second run leaves the asset alone; --force rebuilds it.
    assert.match(runBuild(['--src', dir, '--out', out]), /up to date/);
    assert.doesNotMatch(runBuild(['--src', dir, '--out', out, '--force']), /up to date/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('build-mnist.mjs rejects an IDX file whose length disagrees with its header', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convlab-mnist-'));
  try {
    writeFakeMnist(dir);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idx([4], testLabels)); // says 4, holds 3
    assert.throws(() => runBuild(['--src', dir, '--out', join(dir, 'x.gz')]), /header says/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The asset's uncompressed layout, written here independently of the build script. */
function rawAsset(): Uint8Array {
  const header = Buffer.alloc(MNIST_HEADER_BYTES);
  header.write('CLMN', 0, 'latin1');
  [1, 5, 3, ROWS, COLS].forEach((v, i) => header.writeUInt32LE(v, 4 + 4 * i));
  return new Uint8Array(Buffer.concat([header, Buffer.from(trainLabels), Buffer.from(testLabels), Buffer.from(trainPixels), Buffer.from(testPixels)]));
}

test('decodeMnistAsset reads a raw asset as views, and loadMnistAsset inflates Node-zlib gzip with DecompressionStream', async () => {
  const raw = rawAsset();
  const direct = decodeMnistAsset(raw);
  assert.equal(direct.train.pixels.buffer, raw.buffer, 'no copy of the pixels');
  const gz = gzipSync(raw);
  // An exact ArrayBuffer, as workspace.fs and a worker transfer hand it over (Node's Buffer may sit in a larger pool).
  const viaGzip = await loadMnistAsset(gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.byteLength));
  assert.deepEqual([...viaGzip.test.pixels], testPixels);
  assert.deepEqual([...viaGzip.train.labels], trainLabels);
});

test('decodeMnistAsset refuses a truncated asset, a wrong magic, a non-digit label and a gzip it cannot read', () => {
  const raw = rawAsset();
  assert.throws(() => decodeMnistAsset(raw.subarray(0, raw.length - 1)), /needs/);
  const wrongMagic = raw.slice();
  wrongMagic[0] = 0x58;
  assert.throws(() => decodeMnistAsset(wrongMagic), /magic/);
  const badLabel = raw.slice();
  badLabel[MNIST_HEADER_BYTES + 2] = 10;
  assert.throws(() => decodeMnistAsset(badLabel), /label 10/);
  assert.throws(() => decodeMnistAsset(gzipSync(raw)), /loadMnistAsset/);
});

test('mnistDataset scales 0…255 to 0…1 in [N,1,rows,cols] and keeps each label with its image', () => {
  const ds = mnistDataset(decodeMnistAsset(rawAsset()));
  assert.deepEqual(ds.inputShape, [1, ROWS, COLS]);
  assert.equal(ds.train.images.length, 5 * ROWS * COLS);
  assert.equal(ds.train.images[0], 0);
  assert.equal(ds.train.images[1], 1);
  assert.equal(ds.test.images[ROWS * COLS + 2], Math.fround(pixel(1, 2, 100) / 255));

  // A seeded subset: replayable, and each image still carries its own label.
  const a = mnistDataset(decodeMnistAsset(rawAsset()), { trainCount: 3, testCount: 2, seed: 11 });
  const b = mnistDataset(decodeMnistAsset(rawAsset()), { trainCount: 3, testCount: 2, seed: 11 });
  assert.deepEqual(a.train.labels, b.train.labels);
  assert.deepEqual(a.train.images, b.train.images);
  for (let i = 0; i < 3; i++) {
    const original = trainLabels.indexOf(a.train.labels[i]!);
    assert.equal(a.train.images[i * ROWS * COLS + 5], Math.fround(trainPixels[original * ROWS * COLS + 5]! / 255));
  }
  const first = mnistDataset(decodeMnistAsset(rawAsset()), { trainCount: 2 });
  assert.deepEqual([...first.train.labels], [5, 0]);
});

const realAsset = join(root, MNIST_ASSET_PATH);
const noAsset = existsSync(realAsset) ? false : `${MNIST_ASSET_PATH} not built (node scripts/build-mnist.mjs)`;

test('the real MNIST asset: 60,000 + 10,000 images of 28×28 with the official label counts', { skip: noAsset }, async () => {
  const archive = await loadMnistAsset(new Uint8Array(readFileSync(realAsset)));
  assert.equal(archive.train.count, 60_000);
  assert.equal(archive.test.count, 10_000);
  assert.equal(archive.rows, 28);
  assert.equal(archive.cols, 28);
  const test10k = { images: new Float32Array(0), labels: archive.test.labels, count: archive.test.count };
  assert.deepEqual(classCounts(test10k, 10), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  const train60k = { images: new Float32Array(0), labels: archive.train.labels, count: archive.train.count };
  assert.deepEqual(classCounts(train60k, 10), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  // The first training digit is a 5 and the first test digit a 7, as in every MNIST tutorial.
  assert.equal(archive.train.labels[0], 5);
  assert.equal(archive.test.labels[0], 7);
  // The well-known normalisation constant: mean pixel of the training set 0.1307.
  const pixels = archive.train.pixels;
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) sum += pixels[i]!;
  assert.ok(Math.abs(sum / pixels.length / 255 - 0.1307) < 5e-4);
});
