/**
 * Reads a PNG back into pixels, enough to check an exported figure: the signature and IHDR
 * through the extension's own reader, the IDAT stream inflated with the platform's
 * DecompressionStream (zlib = 'deflate'), and the five scanline filters undone (PNG
 * specification, section 9). 8-bit RGB and RGBA, not interlaced: what a canvas's toDataURL writes.
 */
import { readPngHeader, type PngHeader } from '../../extension/lab/pngHeader';

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

async function inflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export async function decodePng(bytes: Uint8Array): Promise<{ header: PngHeader; channels: number; pixels: Uint8Array }> {
  const header = readPngHeader(bytes);
  if (!header) throw new Error('not a PNG (signature or IHDR)');
  if (header.bitDepth !== 8 || (header.colourType !== 6 && header.colourType !== 2) || header.interlace !== 0) {
    throw new Error(`unexpected PNG format: depth ${header.bitDepth}, colour type ${header.colourType}, interlace ${header.interlace}`);
  }
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  idat.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
  const raw = await inflate(joined);
  const channels = header.colourType === 6 ? 4 : 3;
  const stride = header.width * channels;
  if (raw.length !== header.height * (stride + 1)) throw new Error(`IDAT holds ${raw.length} bytes, expected ${header.height * (stride + 1)}`);
  const pixels = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels]! : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : NaN;
      if (Number.isNaN(predictor)) throw new Error(`unknown filter ${filter} on line ${y}`);
      pixels[out + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { header, channels, pixels };
}

/** How many different colours the picture has: a blank figure has one. */
export function distinctColours(png: { channels: number; pixels: Uint8Array }): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    seen.add((png.pixels[i]! << 16) | (png.pixels[i + 1]! << 8) | png.pixels[i + 2]!);
  }
  return seen.size;
}
