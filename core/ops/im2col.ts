/**
 * im2col turns a convolution into one matrix product (Chellapilla, Puri & Simard 2006;
 * Caffe's im2col): every kernel tap (c, ky, kx) becomes a row of the column matrix and every
 * output position of every image a column, so that
 *
 *   col[(c·kh + ky)·kw + kx][n·P + oy·outW + ox] = x[n, c, oy·sh − padTop + ky·dh, ox·sw − padLeft + kx·dw]
 *
 * (zero where the tap lands in the padding), P = outH·outW. A kernel laid out
 * [outC, inC, kh, kw] is then exactly the [outC × inC·kh·kw] matrix that multiplies it.
 * Putting the whole batch side by side makes the product wide enough for an efficient GEMM
 * even when one image's output is small (11×11 in the teaching CNN's second conv).
 *
 * col2im is its adjoint (the transpose of the same linear map): it adds every column entry
 * back onto the input pixel it was read from, which is how the input gradient is gathered.
 */
import type { Window2D } from './window';

/** The first output column ox whose tap at kernel column kx lands inside the input (ix = ox·sw + shift ≥ 0). */
function firstColumn(w: Window2D, kx: number): number {
  const shift = kx * w.dilationW - w.padLeft;
  return Math.min(w.outW, shift >= 0 ? 0 : Math.ceil(-shift / w.strideW));
}

/** One past the last output column whose tap at kernel column kx lands inside the input (ix < inW). */
function endColumn(w: Window2D, kx: number): number {
  const shift = kx * w.dilationW - w.padLeft;
  return Math.max(firstColumn(w, kx), Math.min(w.outW, Math.floor((w.inW - 1 - shift) / w.strideW) + 1));
}

/** Fills col ([channels·kh·kw, batch·outH·outW]) from x ([batch, channels, inH, inW]). */
export function im2col(x: Float32Array, batch: number, channels: number, w: Window2D, col: Float32Array): void {
  const { inH, inW, kh, kw, outH, outW, strideH: sh, strideW: sw } = w;
  const P = outH * outW;
  const NP = batch * P;
  const HW = inH * inW;
  for (let c = 0; c < channels; c++) {
    for (let ky = 0; ky < kh; ky++) {
      const rowShift = ky * w.dilationH - w.padTop;
      for (let kx = 0; kx < kw; kx++) {
        const lo = firstColumn(w, kx);
        const hi = endColumn(w, kx);
        const colShift = kx * w.dilationW - w.padLeft;
        let dst = ((c * kh + ky) * kw + kx) * NP;
        for (let n = 0; n < batch; n++) {
          const plane = (n * channels + c) * HW;
          for (let oy = 0; oy < outH; oy++, dst += outW) {
            const iy = oy * sh + rowShift;
            if (iy < 0 || iy >= inH) {
              for (let ox = 0; ox < outW; ox++) col[dst + ox] = 0;
              continue;
            }
            for (let ox = 0; ox < lo; ox++) col[dst + ox] = 0;
            let src = plane + iy * inW + lo * sw + colShift;
            if (sw === 1) {
              for (let ox = lo; ox < hi; ox++, src++) col[dst + ox] = x[src]!;
            } else {
              for (let ox = lo; ox < hi; ox++, src += sw) col[dst + ox] = x[src]!;
            }
            for (let ox = hi; ox < outW; ox++) col[dst + ox] = 0;
          }
        }
      }
    }
  }
}

/** dx += col2im(col): the adjoint of im2col. The caller zeroes dx first if it wants a fresh gradient. */
export function col2im(col: Float32Array, batch: number, channels: number, w: Window2D, dx: Float32Array): void {
  const { inH, inW, kh, kw, outH, outW, strideH: sh, strideW: sw } = w;
  const P = outH * outW;
  const NP = batch * P;
  const HW = inH * inW;
  for (let c = 0; c < channels; c++) {
    for (let ky = 0; ky < kh; ky++) {
      const rowShift = ky * w.dilationH - w.padTop;
      for (let kx = 0; kx < kw; kx++) {
        const lo = firstColumn(w, kx);
        const hi = endColumn(w, kx);
        const colShift = kx * w.dilationW - w.padLeft;
        let srcRow = ((c * kh + ky) * kw + kx) * NP;
        for (let n = 0; n < batch; n++) {
          const plane = (n * channels + c) * HW;
          for (let oy = 0; oy < outH; oy++, srcRow += outW) {
            const iy = oy * sh + rowShift;
            if (iy < 0 || iy >= inH) continue; // taps in the padding have no input to feed
            let d = plane + iy * inW + lo * sw + colShift;
            for (let ox = lo; ox < hi; ox++, d += sw) dx[d] = dx[d]! + col[srcRow + ox]!;
          }
        }
      }
    }
  }
}
