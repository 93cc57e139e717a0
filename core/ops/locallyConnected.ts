/**
 * Locally connected 2-D layer: a convolution without parameter sharing. Every output
 * position p has its own filters, so
 *
 *   y[n, f, p] = Σₖ W[p, f, k] · col[k, (n, p)] + b[f, p]
 *
 * with col the im2col matrix (./im2col) and k running over the taps (c, ky, kx). It is the
 * lecture's contrast to parameter sharing: the same receptive fields as a conv, but
 * outH·outW times the weights, and no translation equivariance. Tying W[p] to one W for
 * every p gives back conv2d exactly (a unit test checks it).
 *
 * Layouts: kernel [outH·outW, filters, inC·kh·kw] (Keras: [outH·outW, kh·kw·inC, filters]),
 * bias [filters, outH, outW] (one bias per output unit, as Keras does). Padding is 'valid'
 * only, as in Keras' LocallyConnected2D. Backward, from δ = dL/dy:
 *   dW[p, f, k] = Σₙ δ[n, f, p] · col[k, (n, p)]      db[f, p] = Σₙ δ[n, f, p]
 *   dCol[k, (n, p)] = Σ_f W[p, f, k] · δ[n, f, p]     then col2im gives dx
 * These loops are plain: the layer is for teaching, not for the benchmark.
 */
import type { Pair } from '../model/ir';
import { asNCHW, type Shape } from '../tensor';
import { col2im, im2col } from './im2col';
import { window2d, type Window2D } from './window';

export interface LocallyConnected2DGeometry extends Window2D {
  readonly batch: number;
  readonly inChannels: number;
  readonly filters: number;
  /** inC·kh·kw: the weights of one filter at one position. */
  readonly taps: number;
}

export function locallyConnected2dGeometry(
  inputShape: Shape, filters: number, kernelSize: Pair, strides: Pair,
): LocallyConnected2DGeometry {
  const [batch, inChannels, inH, inW] = asNCHW(inputShape, 'locally connected input');
  if (!Number.isInteger(filters) || filters < 1) throw new RangeError(`filters must be a positive integer, got ${filters}`);
  const w = window2d(inH, inW, kernelSize, strides, [1, 1], 'valid');
  return { ...w, batch, inChannels, filters, taps: inChannels * w.kh * w.kw };
}

export function locallyConnected2dKernelShape(g: LocallyConnected2DGeometry): Shape {
  return [g.outH * g.outW, g.filters, g.taps];
}

/** Column buffers reused across steps: im2col of the last input, and its gradient. */
export interface LocallyConnected2DWorkspace {
  readonly col: Float32Array;
  readonly colGrad: Float32Array;
}

export function locallyConnected2dWorkspace(g: LocallyConnected2DGeometry, inputGradient = true): LocallyConnected2DWorkspace {
  const size = g.taps * g.batch * g.outH * g.outW;
  return { col: new Float32Array(size), colGrad: new Float32Array(inputGradient ? size : 0) };
}

export function locallyConnected2dForward(
  g: LocallyConnected2DGeometry, x: Float32Array, kernel: Float32Array, bias: Float32Array | null,
  y: Float32Array, ws: LocallyConnected2DWorkspace,
): void {
  const P = g.outH * g.outW;
  const NP = g.batch * P;
  const T = g.taps;
  im2col(x, g.batch, g.inChannels, g, ws.col);
  for (let p = 0; p < P; p++) {
    for (let f = 0; f < g.filters; f++) {
      const w = (p * g.filters + f) * T;
      const b = bias === null ? 0 : bias[f * P + p]!;
      for (let n = 0; n < g.batch; n++) {
        let s = b;
        for (let k = 0, c = n * P + p; k < T; k++, c += NP) s += kernel[w + k]! * ws.col[c]!;
        y[(n * g.filters + f) * P + p] = s;
      }
    }
  }
}

/** Gradients of the last forward with this workspace; every output array is overwritten. */
export function locallyConnected2dBackward(
  g: LocallyConnected2DGeometry, kernel: Float32Array, dy: Float32Array,
  dInput: Float32Array | null, dKernel: Float32Array, dBias: Float32Array | null, ws: LocallyConnected2DWorkspace,
): void {
  const P = g.outH * g.outW;
  const NP = g.batch * P;
  const T = g.taps;
  const colGrad = ws.colGrad;
  if (dInput !== null) {
    if (colGrad.length === 0) throw new Error('locallyConnected2d: the workspace was built without an input gradient');
    colGrad.fill(0);
  }
  for (let p = 0; p < P; p++) {
    for (let f = 0; f < g.filters; f++) {
      const w = (p * g.filters + f) * T;
      let bSum = 0;
      for (let k = 0; k < T; k++) dKernel[w + k] = 0;
      for (let n = 0; n < g.batch; n++) {
        const d = dy[(n * g.filters + f) * P + p]!;
        bSum += d;
        for (let k = 0, c = n * P + p; k < T; k++, c += NP) {
          dKernel[w + k] = dKernel[w + k]! + d * ws.col[c]!;
          if (dInput !== null) colGrad[c] = colGrad[c]! + d * kernel[w + k]!;
        }
      }
      if (dBias !== null) dBias[f * P + p] = bSum;
    }
  }
  if (dInput === null) return;
  dInput.fill(0);
  col2im(colGrad, g.batch, g.inChannels, g, dInput);
}
