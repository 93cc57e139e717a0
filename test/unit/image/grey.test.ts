/** The Sobel lesson's picture path: the example PNG, its grey values, the working size. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { exampleScene, exampleSceneRgba } from '../../../core/image/exampleScene';
import { imageFromRgba, LUMA_REC601, workingSize } from '../../../core/image/grey';
import { encodeIndexedPng } from '../../../core/image/png';

const PNG = path.resolve(__dirname, '../../../examples/sobel_shapes.png');

test('examples/sobel_shapes.png is exactly what scripts/make-example-image.ts writes from the scene', () => {
  const scene = exampleScene();
  assert.deepEqual(new Uint8Array(readFileSync(PNG)), encodeIndexedPng(scene.width, scene.height, scene.indices, scene.palette));
});

test('the PNG decodes (with Node\'s own zlib) to the scene\'s palette indices: 192×144, five colours', () => {
  const bytes = readFileSync(PNG);
  assert.equal(bytes.readUInt32BE(16), 192);
  assert.equal(bytes.readUInt32BE(20), 144);
  let o = 8;
  const idat: Buffer[] = [];
  while (o < bytes.length) {
    const len = bytes.readUInt32BE(o);
    if (bytes.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(bytes.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const scene = exampleScene();
  for (let y = 0; y < 144; y++) assert.deepEqual(raw.subarray(y * 193 + 1, (y + 1) * 193), Buffer.from(scene.indices.subarray(y * 192, (y + 1) * 192)), `row ${y}`);
  assert.deepEqual(new Set(scene.indices), new Set([0, 1, 2, 3, 4]));
  for (const s of scene.samples) {
    const [r, c] = [Math.floor(s.at[0] * 144), Math.floor(s.at[1] * 192)];
    assert.equal(scene.indices[r * 192 + c], s.colour, s.name);
  }
});

test('grey is Rec. 601 luma: red (230, 60, 50) → (0.299·230 + 0.587·60 + 0.114·50) / 255 ≈ 0.4302', () => {
  assert.deepEqual(LUMA_REC601, { r: 0.299, g: 0.587, b: 0.114 });
  const g = imageFromRgba(1, 1, [230, 60, 50, 255]);
  assert.ok(Math.abs(g.data[0]! - (0.299 * 230 + 0.587 * 60 + 0.114 * 50) / 255) < 1e-6);
  assert.ok(Math.abs(g.data[0]! - 0.4302) < 1e-4);
  const scene = exampleScene();
  const grey = imageFromRgba(scene.width, scene.height, exampleSceneRgba(scene));
  assert.deepEqual([grey.rows, grey.cols], [144, 192]);
});

test('working size: longest side 128, aspect kept; small pictures stay as they are', () => {
  assert.deepEqual(workingSize(192, 144), { width: 128, height: 96 });
  assert.deepEqual(workingSize(4000, 3000), { width: 128, height: 96 });
  assert.deepEqual(workingSize(100, 1000), { width: 13, height: 128 });
  assert.deepEqual(workingSize(28, 28), { width: 28, height: 28 });
  assert.deepEqual(workingSize(2, 1), { width: 3, height: 3 }, 'a 3×3 kernel needs at least 3×3');
  assert.throws(() => workingSize(0, 5), /bad image size/);
});
