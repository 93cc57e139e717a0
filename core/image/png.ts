/**
 * A minimal PNG encoder for small pictures (kernel grids in hovers, exported figures),
 * pure TypeScript so it runs in every host. Pixels are RGBA8. The image data is wrapped in
 * *stored* (uncompressed) deflate blocks — valid zlib that every decoder reads — because
 * hover pictures are a few kilobytes and a compressor would be most of this file.
 * Format: PNG spec (W3C, 2003) §5 chunks, §11.2.2 IHDR; zlib RFC 1950; deflate RFC 1951 §3.2.4.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib stream of stored deflate blocks (each at most 65 535 bytes). */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78; // CM 8 (deflate), 32K window
  out[1] = 0x01; // FCHECK so that (CMF·256 + FLG) % 31 = 0, no dictionary, fastest
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, raw.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    out[o++] = len & 0xff;
    out[o++] = len >>> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  const adler = adler32(raw);
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o++] = adler & 0xff;
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function checkSize(width: number, height: number): void {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`a PNG needs a positive whole size, got ${width}×${height}`);
  }
}

/** The file around 8-bit pixel rows of `bytesPerPixel` bytes, for colour type 6 (RGBA) or 3 (palette). */
function assemble(width: number, height: number, colourType: 3 | 6, bytesPerPixel: number, pixels: Uint8Array, extra: Uint8Array[]): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colourType;
  // compression 0, filter 0, interlace 0
  const stride = width * bytesPerPixel;
  const raw = new Uint8Array(height * (stride + 1)); // each row: filter byte 0 (None) + pixels
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Encodes width×height RGBA8 pixels (row-major, 4 bytes each) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  checkSize(width, height);
  if (rgba.length !== width * height * 4) throw new RangeError(`${width}×${height} RGBA needs ${width * height * 4} bytes, got ${rgba.length}`);
  return assemble(width, height, 6, 4, rgba, []);
}

/**
 * Encodes one palette index per pixel (colour type 3): a quarter of RGBA's bytes, which
 * matters because the file travels base64-encoded inside hover Markdown. `palette` holds
 * RGBA entries (at most 256); alpha goes into a tRNS chunk.
 */
export function encodeIndexedPng(width: number, height: number, indices: Uint8Array, palette: readonly (readonly [number, number, number, number])[]): Uint8Array {
  checkSize(width, height);
  if (indices.length !== width * height) throw new RangeError(`${width}×${height} needs ${width * height} indices, got ${indices.length}`);
  if (palette.length < 1 || palette.length > 256) throw new RangeError(`a palette holds 1 to 256 colours, got ${palette.length}`);
  const plte = new Uint8Array(palette.length * 3);
  const trns = new Uint8Array(palette.length);
  palette.forEach(([r, g, b, a], i) => {
    plte.set([r, g, b], i * 3);
    trns[i] = a;
  });
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= palette.length) throw new RangeError(`pixel ${i} uses colour ${indices[i]} of a ${palette.length}-colour palette`);
  }
  return assemble(width, height, 3, 1, indices, [chunk('PLTE', plte), chunk('tRNS', trns)]);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every 12-bit value as its two base64 characters: one lookup per half of a 3-byte group. */
const PAIRS: readonly string[] = Array.from({ length: 4096 }, (_, n) => B64[n >> 6]! + B64[n & 63]!);

/**
 * Base64 without btoa/Buffer (neither is in every host core/ runs in). Strings are built
 * from two-character pieces and joined once: concatenating or spreading per byte is an
 * order of magnitude slower on the ~50 KB of a hover picture.
 */
export function toBase64(bytes: Uint8Array): string {
  const groups = Math.floor(bytes.length / 3);
  const parts = new Array<string>(groups + 1);
  for (let g = 0, i = 0; g < groups; g++, i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    parts[g] = PAIRS[n >> 12]! + PAIRS[n & 4095]!;
  }
  const i = groups * 3;
  const rest = bytes.length - i;
  if (rest === 0) parts[groups] = '';
  else {
    const n = (bytes[i]! << 16) | (rest > 1 ? bytes[i + 1]! << 8 : 0);
    parts[groups] = B64[n >> 18]! + B64[(n >> 12) & 63]! + (rest > 1 ? B64[(n >> 6) & 63]! : '=') + '=';
  }
  return parts.join('');
}

export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${toBase64(png)}`;
}
