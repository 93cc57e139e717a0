/**
 * What an image file is, from its first bytes, before anything decodes it: PNG or JPEG
 * by signature, and its pixel size from the header. The host checks this so that a file
 * that is not a picture gets a clear message, and a picture too large to decode safely
 * (a small file can declare 30,000×30,000 pixels) never reaches the webview.
 * PNG: signature and IHDR (PNG spec §5.2, §11.2.2). JPEG: SOI, then markers up to the
 * first start-of-frame SOFn, whose payload holds height and width (ITU T.81 §B.2.2).
 */

export type ImageKind = 'png' | 'jpeg';

export interface ImageHeader {
  readonly kind: ImageKind;
  readonly width: number;
  readonly height: number;
}

/** Pixels a picture may have for the lesson to decode it (a 40-megapixel photo's RGBA is 160 MB). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Bytes an image file may have for the host to read and post it. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;

function jpegSize(b: Uint8Array): { width: number; height: number } | string {
  let o = 2;
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) return 'a JPEG marker is missing';
    const marker = b[o + 1]!;
    if (marker === 0xff) { o += 1; continue; } // fill bytes
    // Markers without a length: RSTn, TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { o += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) return 'the JPEG has no frame header before its image data';
    const len = u16(b, o + 2);
    if (len < 2) return 'a JPEG segment has a bad length';
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (o + 9 > b.length) return 'the JPEG frame header is cut off';
      return { height: u16(b, o + 5), width: u16(b, o + 7) };
    }
    o += 2 + len;
  }
  return 'the JPEG ends before its frame header';
}

/** The file's kind and size, or why it cannot be one of the pictures the lesson reads. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | { readonly error: string } {
  if (bytes.length === 0) return { error: 'the file is empty' };
  if (bytes.length > MAX_IMAGE_BYTES) return { error: `the file has ${bytes.length} bytes; the lesson reads pictures up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB` };
  let header: ImageHeader;
  if (PNG_SIGNATURE.every((v, i) => bytes[i] === v)) {
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return { error: 'the PNG has no IHDR header' };
    header = { kind: 'png', width: u32(bytes, 16), height: u32(bytes, 20) };
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const size = jpegSize(bytes);
    if (typeof size === 'string') return { error: size };
    header = { kind: 'jpeg', ...size };
  } else {
    return { error: 'it is neither a PNG nor a JPEG (its first bytes are not their signatures)' };
  }
  if (header.width < 1 || header.height < 1) return { error: `the ${header.kind.toUpperCase()} declares a size of ${header.width}×${header.height}` };
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    return { error: `the picture has ${header.width}×${header.height} pixels; the lesson decodes up to ${MAX_IMAGE_PIXELS / 1e6} megapixels` };
  }
  return header;
}
