/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * im2col and its adjoint col2im for ONE image and a band of output rows [oy0, oy1), the
 * same map as core/ops/im2col.ts but for a band:
 *
 *   col[(c·kh + ky)·kw + kx][(oy − oy0)·outW + ox] = x[c, oy·sh − padTop + ky·dh, ox·sw − padLeft + kx·dw]
 *
 * Working one image (or one band of a large image) at a time keeps the column matrix in
 * L2 between being written here and read by the GEMM, instead of streaming the whole
 * batch's matrix (9·64·676 floats for the teaching CNN's first conv) through memory.
 *
 * The geometry is read from a block of i32s (see geometry.ts) to keep the calls short.
 */
import { G_DH, G_DW, G_IN_H, G_IN_W, G_KH, G_KW, G_OUT_W, G_PAD_L, G_PAD_T, G_SH, G_SW } from './geometry';

/** The first output column whose tap lands inside the input (ix = ox·sw + shift ≥ 0). */
function firstColumn(shift: i32, sw: i32, outW: i32): i32 {
  return min<i32>(outW, shift >= 0 ? 0 : (sw - 1 - shift) / sw);
}

/** One past the last output column whose tap lands inside the input (ix < inW). */
function endColumn(shift: i32, sw: i32, outW: i32, inW: i32, lo: i32): i32 {
  const room = inW - 1 - shift;
  return max<i32>(lo, room < 0 ? 0 : min<i32>(outW, room / sw + 1));
}

function zero(dst: usize, n: i32): void {
  for (; n >= 4; n -= 4, dst += 16) v128.store(dst, f32x4.splat(0));
  for (; n > 0; n--, dst += 4) store<f32>(dst, 0);
}

function copy(dst: usize, src: usize, n: i32): void {
  for (; n >= 4; n -= 4, dst += 16, src += 16) v128.store(dst, v128.load(src));
  for (; n > 0; n--, dst += 4, src += 4) store<f32>(dst, load<f32>(src));
}

function addTo(dst: usize, src: usize, n: i32): void {
  for (; n >= 4; n -= 4, dst += 16, src += 16) v128.store(dst, f32x4.add(v128.load(dst), v128.load(src)));
  for (; n > 0; n--, dst += 4, src += 4) store<f32>(dst, load<f32>(dst) + load<f32>(src));
}

/** Fills col ([channels·kh·kw, (oy1 − oy0)·outW]) from x, one image [channels, inH, inW]. */
export function im2colRows(g: usize, x: usize, channels: i32, oy0: i32, oy1: i32, col: usize): void {
  const inH = load<i32>(g, G_IN_H), inW = load<i32>(g, G_IN_W), kh = load<i32>(g, G_KH), kw = load<i32>(g, G_KW);
  const sh = load<i32>(g, G_SH), sw = load<i32>(g, G_SW), dh = load<i32>(g, G_DH), dw = load<i32>(g, G_DW);
  const padT = load<i32>(g, G_PAD_T), padL = load<i32>(g, G_PAD_L), outW = load<i32>(g, G_OUT_W);
  const plane = (<usize>(inH * inW)) << 2;
  let dst = col;
  for (let c = 0; c < channels; c++) {
    const xc = x + <usize>c * plane;
    for (let ky = 0; ky < kh; ky++) {
      const rowShift = ky * dh - padT;
      for (let kx = 0; kx < kw; kx++) {
        const colShift = kx * dw - padL;
        const lo = firstColumn(colShift, sw, outW);
        const hi = endColumn(colShift, sw, outW, inW, lo);
        for (let oy = oy0; oy < oy1; oy++, dst += (<usize>outW) << 2) {
          const iy = oy * sh + rowShift;
          if (iy < 0 || iy >= inH) {
            zero(dst, outW);
            continue;
          }
          zero(dst, lo);
          let src = xc + ((<usize>(iy * inW + lo * sw + colShift)) << 2);
          if (sw === 1) {
            copy(dst + ((<usize>lo) << 2), src, hi - lo);
          } else {
            const step = (<usize>sw) << 2;
            for (let ox = lo; ox < hi; ox++, src += step) store<f32>(dst + ((<usize>ox) << 2), load<f32>(src));
          }
          zero(dst + ((<usize>hi) << 2), outW - hi);
        }
      }
    }
  }
}

/** dx += col2im(col) for one image and the band [oy0, oy1): the adjoint of im2colRows. */
export function col2imRows(g: usize, col: usize, channels: i32, oy0: i32, oy1: i32, dx: usize): void {
  const inH = load<i32>(g, G_IN_H), inW = load<i32>(g, G_IN_W), kh = load<i32>(g, G_KH), kw = load<i32>(g, G_KW);
  const sh = load<i32>(g, G_SH), sw = load<i32>(g, G_SW), dh = load<i32>(g, G_DH), dw = load<i32>(g, G_DW);
  const padT = load<i32>(g, G_PAD_T), padL = load<i32>(g, G_PAD_L), outW = load<i32>(g, G_OUT_W);
  const plane = (<usize>(inH * inW)) << 2;
  let src = col;
  for (let c = 0; c < channels; c++) {
    const dc = dx + <usize>c * plane;
    for (let ky = 0; ky < kh; ky++) {
      const rowShift = ky * dh - padT;
      for (let kx = 0; kx < kw; kx++) {
        const colShift = kx * dw - padL;
        const lo = firstColumn(colShift, sw, outW);
        const hi = endColumn(colShift, sw, outW, inW, lo);
        for (let oy = oy0; oy < oy1; oy++, src += (<usize>outW) << 2) {
          const iy = oy * sh + rowShift;
          if (iy < 0 || iy >= inH) continue; // taps in the padding have no input to feed
          let d = dc + ((<usize>(iy * inW + lo * sw + colShift)) << 2);
          if (sw === 1) {
            addTo(d, src + ((<usize>lo) << 2), hi - lo);
          } else {
            const step = (<usize>sw) << 2;
            for (let ox = lo; ox < hi; ox++, d += step) store<f32>(d, load<f32>(d) + load<f32>(src + ((<usize>ox) << 2)));
          }
        }
      }
    }
  }
}
