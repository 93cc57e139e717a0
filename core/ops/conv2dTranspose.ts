/**
 * Transposed convolution (Conv2DTranspose, nn.ConvTranspose2d): the adjoint of a
 * convolution that would map the transposed layer's *output* back to its input. So it is
 * the convolution's backward-to-input run forward, and its backward is that convolution's
 * forward — written here with the same im2col, col2im and GEMM as ./conv2d:
 *
 *   forward   col = Wᵀ·x          (per group: [(F/g)·kh·kw × P] from [C/g × P]), y = col2im(col) + b
 *   backward  colδ = im2col(δ);   dx = W·colδ;   dW = x·colδᵀ;   db = Σ δ
 *
 * Kernel layout [inC, outC / groups, kh, kw], PyTorch's ConvTranspose2d weight (Keras stores
 * [kh, kw, outC, inC]). `window` is the adjoint convolution's window: over the transposed
 * output (inH × inW in its terms) with the layer's kernel, stride, dilation and padding,
 * landing on the transposed input (its outH × outW).
 */
import { gemm, gemmTransB } from './gemm';
import { col2im, im2col } from './im2col';
import type { Window2D } from './window';

export interface Conv2DTransposeGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
  readonly window: Window2D;
}

/** Scratch: the column matrix [outC·kh·kw, batch·inH·inW]. */
export function conv2dTransposeColumns(g: Conv2DTransposeGeometry, capacity: number): Float32Array {
  const w = g.window;
  return new Float32Array(g.outChannels * w.kh * w.kw * capacity * w.outH * w.outW);
}

/** y [batch, outC, H', W'] from x [batch, inC, H, W]. */
export function conv2dTransposeForward(
  g: Conv2DTransposeGeometry, x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, col: Float32Array,
): void {
  const w = g.window;
  const P = w.outH * w.outW;
  const NP = g.batch * P;
  const inPer = g.inChannels / g.groups;
  const T = (g.outChannels / g.groups) * w.kh * w.kw;
  for (let grp = 0; grp < g.groups; grp++) {
    for (let n = 0; n < g.batch; n++) {
      // col[grp·T + t][n·P + p] = Σ_c W[grp·inPer + c][t] · x[n, grp·inPer + c, p]
      gemm(T, P, inPer, kernel, grp * inPer * T, 1, T, x, (n * g.inChannels + grp * inPer) * P, P, col, grp * T * NP + n * P, NP, false);
    }
  }
  const outPlane = w.inH * w.inW;
  y.fill(0, 0, g.batch * g.outChannels * outPlane);
  col2im(col, g.batch, g.outChannels, w, y);
  if (bias) {
    for (let n = 0; n < g.batch; n++) {
      for (let f = 0; f < g.outChannels; f++) {
        const b = bias[f]!;
        const o = (n * g.outChannels + f) * outPlane;
        for (let i = 0; i < outPlane; i++) y[o + i]! += b;
      }
    }
  }
}

/** Sets dKernel and dBias (overwritten) and dx unless null, from dy and the forward's x. */
export function conv2dTransposeBackward(
  g: Conv2DTransposeGeometry, x: Float32Array, kernel: Float32Array, dy: Float32Array, dx: Float32Array | null,
  dKernel: Float32Array, dBias: Float32Array | null, col: Float32Array,
): void {
  const w = g.window;
  const P = w.outH * w.outW;
  const NP = g.batch * P;
  const inPer = g.inChannels / g.groups;
  const T = (g.outChannels / g.groups) * w.kh * w.kw;
  im2col(dy, g.batch, g.outChannels, w, col);
  dKernel.fill(0);
  for (let grp = 0; grp < g.groups; grp++) {
    for (let n = 0; n < g.batch; n++) {
      const xOff = (n * g.inChannels + grp * inPer) * P;
      const colOff = grp * T * NP + n * P;
      // dW[grp·inPer + c][t] += Σ_p x[n, c, p] · colδ[grp·T + t][n·P + p]
      gemmTransB(inPer, T, P, x, xOff, P, col, colOff, NP, dKernel, grp * inPer * T, T, true);
      if (dx) gemm(inPer, P, T, kernel, grp * inPer * T, T, 1, col, colOff, NP, dx, xOff, P, false);
    }
  }
  if (dBias) {
    const outPlane = w.inH * w.inW;
    dBias.fill(0);
    for (let n = 0; n < g.batch; n++) {
      for (let f = 0; f < g.outChannels; f++) {
        const o = (n * g.outChannels + f) * outPlane;
        let s = 0;
        for (let i = 0; i < outPlane; i++) s += dy[o + i]!;
        dBias[f]! += s;
      }
    }
  }
}
