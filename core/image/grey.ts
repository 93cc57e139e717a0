/**
 * A decoded picture (RGBA bytes, as a canvas gives them for a PNG or JPEG) as a grid of
 * [0, 1] grey values. Pure and dependency-free: the webview runs it on the pixels it
 * decoded, the unit tests run it on bytes they wrote.
 *
 * Grey is luma with the Rec. 601 weights 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, the
 * weights of JPEG's own Y channel and of PIL's convert('L')), applied to the stored 8-bit
 * values as those libraries do, without undoing the sRGB curve. A pixel is composited over
 * black by its alpha: ink is bright and paper dark, as in MNIST, so a transparent
 * background reads as MNIST's black.
 */
import type { Grid } from '../conv/byHand';

export const LUMA_REC601 = { r: 0.299, g: 0.587, b: 0.114 } as const;

/**
 * RGBA → grey. A picture larger than maxSide is shrunk by box averaging over whole-pixel
 * blocks (so a photo does not turn into millions of windows); the webview resizes first
 * and calls this without maxSide.
 */
export function imageFromRgba(width: number, height: number, rgba: ArrayLike<number>, options: { readonly maxSide?: number } = {}): Grid {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new RangeError(`bad image size ${width}×${height}`);
  if (rgba.length !== width * height * 4) throw new RangeError(`${width}×${height} RGBA needs ${width * height * 4} bytes, got ${rgba.length}`);
  const block = Math.max(1, Math.ceil(Math.max(width, height) / (options.maxSide ?? Infinity)));
  const cols = Math.floor(width / block);
  const rows = Math.floor(height / block);
  const { r: wr, g: wg, b: wb } = LUMA_REC601;
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let y = r * block; y < (r + 1) * block; y++) {
        for (let x = c * block; x < (c + 1) * block; x++) {
          const o = (y * width + x) * 4;
          sum += ((wr * rgba[o]! + wg * rgba[o + 1]! + wb * rgba[o + 2]!) / 255) * (rgba[o + 3]! / 255);
        }
      }
      data[r * cols + c] = sum / (block * block);
    }
  }
  return { rows, cols, data };
}

/**
 * The working size of a picture: longest side at most maxSide, aspect kept, at least 3×3
 * (a 3×3 kernel needs that much). Sobel's kernels see 3×3 windows, so edges are features a
 * few pixels wide: at 128 px a picture's shapes stay recognisable, its maps (16,384 values
 * each) draw and cross to the host in milliseconds, and each keystroke in a kernel
 * recomputes 2·9 multiply-adds per pixel (about 0.3 M) well inside a frame.
 */
export function workingSize(width: number, height: number, maxSide = 128): { readonly width: number; readonly height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError(`bad image size ${width}×${height}`);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(3, Math.round(width * scale)), height: Math.max(3, Math.round(height * scale)) };
}

/** Largest picture side the lesson accepts as a grid from the page (the working size). */
export const MAX_WORKING_SIDE = 128;
