import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { encodeIndexedPng, encodePng, pngDataUri, toBase64 } from '../../../core/image/png';
import { divergingColor, kernelGridPng } from '../../../core/image/kernelGrid';

/** Reads a PNG back with Node's own zlib: chunks, CRCs checked by structure, pixels. */
function decode(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  assert.deepEqual(Array.from(png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let o = 8;
  let width = 0;
  let height = 0;
  let colourType = 6;
  let plte: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (o < png.length) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = new DataView(data.buffer, data.byteOffset).getUint32(0);
      height = new DataView(data.buffer, data.byteOffset).getUint32(4);
      colourType = data[9]!;
    }
    if (type === 'PLTE') plte = data;
    if (type === 'tRNS') trns = data;
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colourType === 3 ? 1 : 4;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * bpp + 1)], 0, 'filter type None');
    const row = raw.subarray(y * (width * bpp + 1) + 1, (y + 1) * (width * bpp + 1));
    if (colourType === 6) rgba.set(row, y * width * 4);
    else {
      // Palette: expand through PLTE and tRNS, as a viewer does.
      row.forEach((index, x) => rgba.set([plte![index * 3]!, plte![index * 3 + 1]!, plte![index * 3 + 2]!, trns?.[index] ?? 255], (y * width + x) * 4));
    }
  }
  return { width, height, rgba };
}

test('a 3×2 RGBA image round-trips through zlib', () => {
  const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
  const back = decode(encodePng(3, 2, rgba));
  assert.equal(back.width, 3);
  assert.equal(back.height, 2);
  assert.deepEqual(back.rgba, rgba);
});

test('an image larger than one stored block (65 535 bytes) round-trips', () => {
  const rgba = new Uint8Array(200 * 120 * 4).map((_, i) => (i * 13) % 251);
  assert.deepEqual(decode(encodePng(200, 120, rgba)).rgba, rgba);
});

test('a palette image round-trips, transparency included', () => {
  const palette = [[0, 0, 0, 0], [255, 0, 0, 255], [0, 128, 255, 200]] as const;
  const indices = new Uint8Array([0, 1, 2, 1, 0, 2]);
  const back = decode(encodeIndexedPng(3, 2, indices, palette));
  assert.deepEqual(Array.from(back.rgba), Array.from(indices).flatMap((i) => [...palette[i]!]));
  assert.throws(() => encodeIndexedPng(1, 1, new Uint8Array([3]), palette), /uses colour 3/);
});

test('base64 matches Node\'s for every remainder length', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 100, 70_001]) {
    const bytes = new Uint8Array(n).map((_, i) => (i * 91) % 256);
    assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'));
  }
  assert.match(pngDataUri(encodePng(1, 1, new Uint8Array(4))), /^data:image\/png;base64,iVBORw0KGgo/);
});

test('diverging scale: −1 blue, 0 white, +1 red', () => {
  assert.deepEqual(divergingColor(0), [255, 255, 255]);
  assert.deepEqual(divergingColor(-1), [33, 102, 172]);
  assert.deepEqual(divergingColor(1), [178, 24, 43]);
  assert.deepEqual(divergingColor(5), [178, 24, 43], 'clamped');
});

test('kernel grid: the lecture kernel as one 3×3 heatmap, its largest weight fully red', () => {
  const k = new Float32Array([0, 1, 2, 2, 2, 0, 0, 1, 2]);
  const { png, maxAbs, filters, channels } = kernelGridPng(k, [1, 1, 3, 3], { cell: 4, gap: 2 });
  assert.equal(maxAbs, 2);
  assert.deepEqual([filters, channels], [1, 1]);
  const img = decode(png);
  assert.deepEqual([img.width, img.height], [2 + 12 + 2, 2 + 12 + 2]);
  const px = (x: number, y: number): number[] => Array.from(img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
  assert.deepEqual(px(2 + 2 * 4, 2), [178, 24, 43, 255], 'K(0,2) = 2 = max → red');
  assert.deepEqual(px(2, 2), [255, 255, 255, 255], 'K(0,0) = 0 → white');
  assert.deepEqual(px(0, 0), [0, 0, 0, 0], 'the gap is transparent');
});
