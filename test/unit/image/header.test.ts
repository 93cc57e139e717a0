/** Image files sniffed before decoding: kind and size from the header, bad files named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { encodePng } from '../../../core/image/png';
import { readImageHeader } from '../../../core/image/header';

test('the example PNG: png, 192×144', () => {
  const bytes = new Uint8Array(readFileSync(path.resolve(__dirname, '../../../examples/sobel_shapes.png')));
  assert.deepEqual(readImageHeader(bytes), { kind: 'png', width: 192, height: 144 });
  assert.deepEqual(readImageHeader(encodePng(3, 5, new Uint8Array(60))), { kind: 'png', width: 3, height: 5 });
});

test('a JPEG: the size from its SOF0 frame header, past an APP0 segment', () => {
  // SOI, APP0 (length 16), SOF0 (length 17): precision 8, height 0x01E0 = 480, width 0x0280 = 640.
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  assert.deepEqual(readImageHeader(new Uint8Array([0xff, 0xd8, ...app0, ...sof0])), { kind: 'jpeg', width: 640, height: 480 });
  assert.match((readImageHeader(new Uint8Array([0xff, 0xd8, ...app0, 0xff, 0xda, 0, 2])) as { error: string }).error, /no frame header/);
});

test('not a picture, empty, or too large: a reason in words', () => {
  const text = new TextEncoder().encode('import keras\n');
  assert.match((readImageHeader(text) as { error: string }).error, /neither a PNG nor a JPEG/);
  assert.match((readImageHeader(new Uint8Array(0)) as { error: string }).error, /empty/);
  const huge = encodePng(1, 1, new Uint8Array(4));
  new DataView(huge.buffer).setUint32(16, 30_000);
  new DataView(huge.buffer).setUint32(20, 30_000);
  assert.match((readImageHeader(huge) as { error: string }).error, /30000×30000 pixels/);
});
