import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, readPngHeader } from '../../../extension/lab/pngHeader';

/** A PNG built by hand: signature, IHDR, one IDAT, IEND (CRCs are not checked by the reader, so zeros). */
function png(width: number, height: number, colourType = 6): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const b = Buffer.alloc(12 + data.length);
    b.writeUInt32BE(data.length, 0);
    b.write(type, 4, 'latin1');
    Buffer.from(data).copy(b, 8);
    return b;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  const raw = Buffer.alloc(height * (1 + width * 4));
  return Buffer.concat([Buffer.from(PNG_SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

test('readPngHeader: width, height, depth and colour type of a 539×1122 RGBA PNG', () => {
  assert.deepEqual(readPngHeader(png(539, 1122)), { width: 539, height: 1122, bitDepth: 8, colourType: 6, interlace: 0 });
});

test('readPngHeader: a wrong signature, a missing IHDR or a zero size is not a PNG', () => {
  const good = png(4, 4);
  const badSignature = good.slice();
  badSignature[1] = 0x51;
  assert.equal(readPngHeader(badSignature), undefined);
  const badChunk = good.slice();
  badChunk[12] = 0x69; // 'iHDR'
  assert.equal(readPngHeader(badChunk), undefined);
  assert.equal(readPngHeader(png(0, 4)), undefined);
  assert.equal(readPngHeader(good.subarray(0, 20)), undefined);
  assert.equal(readPngHeader(new TextEncoder().encode('GIF89a, long enough to have a header of 33 bytes')), undefined);
});
