/**
 * An image file from the workspace, decoded here in the page (the host has no image
 * decoder on the web): the browser decodes the PNG or JPEG, scales it to the lesson's
 * working size (longest side ≤ 128, see core/image/grey.ts for why), and the pixels become
 * grey with the Rec. 601 luma weights 0.299 R + 0.587 G + 0.114 B. The grey grid goes back
 * to the host, which computes G_x, G_y and the magnitude with the core.
 */
import { imageFromRgba, MAX_WORKING_SIDE, workingSize } from '../../core/image/grey';
import type { DecodedImage, ImageMime } from '../protocol';

export async function decodeToGrey(bytes: Uint8Array, mime: ImageMime): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    // No colour management and no premultiplication: the file's own 8-bit values, as a library reads them.
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (error) {
    return { ok: false, error: `the browser could not decode it as ${mime === 'image/png' ? 'PNG' : 'JPEG'} (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    const { width, height } = workingSize(bitmap.width, bitmap.height, MAX_WORKING_SIDE);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return { ok: false, error: 'the page has no 2-D canvas to read the pixels with' };
    // 'high' smoothing averages the pixels a shrunk one covers, rather than picking one of them.
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const grey = imageFromRgba(width, height, ctx.getImageData(0, 0, width, height).data);
    // Eight decimals are more than 8-bit pixels hold, and keep the message small.
    const data = Array.from(grey.data, (v) => Math.min(1, Math.max(0, Math.round(v * 1e8) / 1e8)));
    return { ok: true, width: bitmap.width, height: bitmap.height, image: { rows: grey.rows, cols: grey.cols, data } };
  } finally {
    bitmap.close();
  }
}
