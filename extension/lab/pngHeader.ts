/**
 * The header of a PNG file: its 8-byte signature and the IHDR chunk that must follow it
 * (PNG specification, sections 5.2 and 11.2.2). The host checks a figure from the page with
 * it before writing the bytes to the learner's workspace: a page can be buggy.
 */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colourType: number;
  readonly interlace: number;
}

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** The header, or undefined when the bytes do not start like a PNG (signature, then a 13-byte IHDR). */
export function readPngHeader(bytes: Uint8Array): PngHeader | undefined {
  if (bytes.length < 33 || PNG_SIGNATURE.some((v, i) => bytes[i] !== v)) return undefined;
  const type = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (u32(bytes, 8) !== 13 || type !== 'IHDR') return undefined;
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  // The specification bounds both by 2^31 - 1; zero is not a picture.
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return undefined;
  return { width, height, bitDepth: bytes[24]!, colourType: bytes[25]!, interlace: bytes[28]! };
}
