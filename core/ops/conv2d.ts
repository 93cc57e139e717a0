/**
 * 2-D convolution over NCHW batches, forward and backward, with stride, dilation, groups,
 * bias, and 'valid' / 'same' / explicit padding (see ./window).
 *
 * Kernel layout [outC, inC / groups, kh, kw], PyTorch's (Keras stores [kh, kw, inC, outC]):
 * each output channel's weights are one contiguous row of inC/groups·kh·kw numbers, the
 * row that multiplies a column of im2col.
 *
 * Two conventions, as in the lecture:
 *   cross-correlation  S(i,j) = Σm Σn I(i+m, j+n) K(m,n)   what Keras, PyTorch and TF compute
 *   convolution        S(i,j) = Σm Σn I(i−m, j−n) K(m,n)   the textbook's, kernel flipped
 * Over a finite kernel the second is the first with every kh×kw slice rotated by 180°, so one
 * code path serves both: 'convolution' slides the rotated kernel and rotates its gradient
 * back.
 *
 * Method: im2col of the whole batch, then per image and group one GEMM straight into the
 * image's NCHW block. Backward, with δ the output gradient of one image as [outC, P]:
 *   dKernel = δ · colᵀ       (each weight meets every input pixel it ever multiplied)
 *   dCol    = Kernelᵀ · δ    then col2im scatters it back: dInput
 *   dBias   = Σ over batch and positions of δ
 *
 * Two implementations of that method: the WebAssembly SIMD kernels (core/wasm, image by
 * image so that the column matrix stays in cache, and rebuilt from the input in backward)
 * wherever they instantiate, and the TypeScript loops below, the fallback and the reference
 * the wasm kernels are tested against (core/wasm/backend.ts chooses). Either way, backward
 * reads the input of the last forward: it must not change in between (the layers keep it).
 */
import type { Padding, Pair } from '../model/ir';
import { asNCHW, type Shape, type Tensor } from '../tensor';
import { wasmKernels } from '../wasm/backend';
import { conv2dBackwardWasm, conv2dForwardWasm } from '../wasm/conv2d';
import { activationBackward, activationForward } from './activations';
import { gemm, gemmTransB } from './gemm';
import { col2im, im2col } from './im2col';
import { window2d, type Window2D } from './window';

export type ConvConvention = 'crossCorrelation' | 'convolution';

export interface Conv2DOptions {
  readonly strides?: Pair;
  readonly padding?: Padding;
  readonly dilation?: Pair;
  readonly groups?: number;
  readonly convention?: ConvConvention;
}

export interface Conv2DGeometry extends Window2D {
  readonly batch: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
  readonly convention: ConvConvention;
  /** Kernel taps per output channel, (inChannels / groups)·kh·kw: one group's rows of im2col. */
  readonly groupTaps: number;
}

/** Checks the shapes against each other and works out the output size and padding. */
export function conv2dGeometry(inputShape: Shape, kernelShape: Shape, options: Conv2DOptions = {}): Conv2DGeometry {
  const [batch, inChannels, inH, inW] = asNCHW(inputShape, 'conv2d input');
  const [outChannels, groupChannels, kh, kw] = asNCHW(kernelShape, 'conv2d kernel [outC, inC/groups, kh, kw]');
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new RangeError(`groups = ${groups} must divide both ${inChannels} input and ${outChannels} output channels`);
  }
  if (groupChannels !== inChannels / groups) {
    throw new RangeError(
      `the kernel expects ${groupChannels * groups} input channels (${groupChannels} per group × ${groups}), ` +
        `the input has ${inChannels}`,
    );
  }
  const w = window2d(inH, inW, [kh, kw], options.strides ?? [1, 1], options.dilation ?? [1, 1], options.padding ?? 'valid');
  return {
    ...w, batch, inChannels, outChannels, groups,
    convention: options.convention ?? 'crossCorrelation',
    groupTaps: groupChannels * kh * kw,
  };
}

export function conv2dOutputShape(g: Conv2DGeometry): Shape {
  return [g.batch, g.outChannels, g.outH, g.outW];
}

/** Buffers reused across steps; sized once for a geometry. */
export interface Conv2DWorkspace {
  /** Whether backward may be asked for dInput. */
  readonly inputGradient: boolean;
  /** The input of the last forward (kept by reference); backward reads it. */
  input: Float32Array | null;
  /**
   * TypeScript path only, allocated on its first use: im2col of the last forward's input,
   * [inC·kh·kw, batch·P], and the column gradient. The wasm kernels never need them.
   */
  col: Float32Array;
  colGrad: Float32Array;
  /** Whether col holds im2col of `input` (false after a wasm forward). */
  colCurrent: boolean;
  /** The kernel as slid: rotated by 180° for 'convolution', unused (empty) otherwise. */
  readonly slid: Float32Array;
}

export function conv2dWorkspace(g: Conv2DGeometry, inputGradient = true): Conv2DWorkspace {
  return {
    inputGradient,
    input: null,
    col: new Float32Array(0),
    colGrad: new Float32Array(0),
    colCurrent: false,
    slid: new Float32Array(g.convention === 'convolution' ? g.outChannels * g.groupTaps : 0),
  };
}

/** The TypeScript path's column buffers, sized for the geometry's batch on first use. */
function columnBuffers(g: Conv2DGeometry, ws: Conv2DWorkspace): void {
  const size = g.inChannels * g.kh * g.kw * g.batch * g.outH * g.outW;
  if (ws.col.length < size) ws.col = new Float32Array(size);
  if (ws.inputGradient && ws.colGrad.length < size) ws.colGrad = new Float32Array(size);
}

/** Rotates every kh×kw slice by 180° (reverses it): K'(m, n) = K(kh−1−m, kw−1−n). */
export function rotateKernels180(kernel: Float32Array, sliceSize: number, out: Float32Array): void {
  for (let s = 0; s < kernel.length; s += sliceSize) {
    for (let i = 0, j = s + sliceSize - 1; i < sliceSize; i++, j--) out[s + i] = kernel[j]!;
  }
}

function slidKernel(g: Conv2DGeometry, kernel: Float32Array, ws: Conv2DWorkspace): Float32Array {
  if (g.convention === 'crossCorrelation') return kernel;
  rotateKernels180(kernel, g.kh * g.kw, ws.slid);
  return ws.slid;
}

/** y = conv(x, kernel) + bias; x [N, inC, H, W], y [N, outC, outH, outW]. */
export function conv2dForward(
  g: Conv2DGeometry, x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, ws: Conv2DWorkspace,
): void {
  ws.input = x;
  const k = slidKernel(g, kernel, ws);
  const wasm = wasmKernels();
  if (wasm !== null) {
    conv2dForwardWasm(wasm, g, x, k, bias, y, null);
    ws.colCurrent = false;
    return;
  }
  const P = g.outH * g.outW;
  const NP = g.batch * P;
  const M = g.outChannels / g.groups;
  const K = g.groupTaps;
  columnBuffers(g, ws);
  im2col(x, g.batch, g.inChannels, g, ws.col);
  ws.colCurrent = true;
  // Start every output plane at its bias, then accumulate the product image by image:
  // C = y[n] (an [outC × P] block of NCHW), B = image n's columns of col.
  for (let n = 0; n < g.batch; n++) {
    for (let oc = 0; oc < g.outChannels; oc++) {
      const start = (n * g.outChannels + oc) * P;
      y.fill(bias === null ? 0 : bias[oc]!, start, start + P);
    }
    for (let gr = 0; gr < g.groups; gr++) {
      gemm(M, P, K, k, gr * M * K, K, 1, ws.col, gr * K * NP + n * P, NP, y, (n * g.outChannels + gr * M) * P, P, true);
    }
  }
}

/**
 * The convolution followed by ReLU (or ELU), fused: z = conv(x, kernel) + bias and y = f(z).
 * The wasm kernels apply the bias and the activation to each image's block while it is in
 * cache (ELU through the SIMD expm1, within 1 ulp of Math.expm1: core/ops/dense.ts).
 */
export function conv2dReluForward(
  g: Conv2DGeometry, x: Float32Array, kernel: Float32Array, bias: Float32Array | null,
  z: Float32Array, y: Float32Array, ws: Conv2DWorkspace, activation: 'relu' | 'elu' = 'relu',
): void {
  const wasm = wasmKernels();
  if (wasm === null) {
    conv2dForward(g, x, kernel, bias, z, ws);
    activationForward(activation, z, y, 1, 1, g.batch * g.outChannels * g.outH * g.outW);
    return;
  }
  ws.input = x;
  conv2dForwardWasm(wasm, g, x, slidKernel(g, kernel, ws), bias, z, y, activation);
  ws.colCurrent = false;
}

/**
 * Gradients of the last conv2dForward with this workspace: dKernel and dBias are
 * overwritten; dInput (if not null) is overwritten with the input gradient.
 */
export function conv2dBackward(
  g: Conv2DGeometry, kernel: Float32Array, dy: Float32Array,
  dInput: Float32Array | null, dKernel: Float32Array, dBias: Float32Array | null, ws: Conv2DWorkspace,
): void {
  backward(g, kernel, dy, null, dInput, dKernel, dBias, ws);
}

/**
 * Gradients of the last conv2dReluForward, from dy = dLoss/dy at its ReLU output y: the
 * ReLU's gradient, dz = dy where y > 0, is applied first. dz is scratch for it: the
 * TypeScript path writes dz there, the wasm path leaves it untouched.
 */
export function conv2dReluBackward(
  g: Conv2DGeometry, kernel: Float32Array, y: Float32Array, dy: Float32Array, dz: Float32Array,
  dInput: Float32Array | null, dKernel: Float32Array, dBias: Float32Array | null, ws: Conv2DWorkspace,
  activation: 'relu' | 'elu' = 'relu',
): void {
  if (wasmKernels() !== null) {
    backward(g, kernel, dy, y, dInput, dKernel, dBias, ws, activation);
    return;
  }
  activationBackward(activation, y, dy, dz, 1, 1, g.batch * g.outChannels * g.outH * g.outW);
  backward(g, kernel, dz, null, dInput, dKernel, dBias, ws);
}

function backward(
  g: Conv2DGeometry, kernel: Float32Array, dy: Float32Array, reluOutput: Float32Array | null,
  dInput: Float32Array | null, dKernel: Float32Array, dBias: Float32Array | null, ws: Conv2DWorkspace,
  activation: 'relu' | 'elu' = 'relu',
): void {
  if (dInput !== null && !ws.inputGradient) throw new Error('conv2d: the workspace was built without an input gradient');
  if (ws.input === null) throw new Error('conv2d: backward needs a forward pass first');
  const k = slidKernel(g, kernel, ws);
  const wasm = wasmKernels();
  if (wasm !== null) {
    conv2dBackwardWasm(wasm, g, ws.input, k, dy, reluOutput, dInput, dKernel, dBias, activation);
  } else {
    backwardJs(g, k, dy, dInput, dKernel, dBias, ws);
  }
  if (g.convention === 'convolution') {
    // dL/dK(m,n) = dL/dK'(kh−1−m, kw−1−n): rotate the gradient of the slid kernel back.
    rotateKernels180(dKernel, g.kh * g.kw, ws.slid);
    dKernel.set(ws.slid);
  }
}

function backwardJs(
  g: Conv2DGeometry, k: Float32Array, dy: Float32Array,
  dInput: Float32Array | null, dKernel: Float32Array, dBias: Float32Array | null, ws: Conv2DWorkspace,
): void {
  const P = g.outH * g.outW;
  const NP = g.batch * P;
  const M = g.outChannels / g.groups;
  const K = g.groupTaps;
  if (dBias !== null) {
    dBias.fill(0);
    for (let n = 0, i = 0; n < g.batch; n++) {
      for (let oc = 0; oc < g.outChannels; oc++) {
        let sum = 0;
        for (const end = i + P; i < end; i++) sum += dy[i]!;
        dBias[oc] = dBias[oc]! + sum;
      }
    }
  }
  columnBuffers(g, ws);
  if (!ws.colCurrent) {
    // The forward ran on the wasm kernels, which keep no column matrix: rebuild it.
    im2col(ws.input!, g.batch, g.inChannels, g, ws.col);
    ws.colCurrent = true;
  }
  // Image by image, with δ = dy[n] as an [outC × P] block: dKernel += δ · colᵀ, dCol = Kernelᵀ · δ.
  for (let n = 0; n < g.batch; n++) {
    for (let gr = 0; gr < g.groups; gr++) {
      const delta = (n * g.outChannels + gr * M) * P;
      const cols = gr * K * NP + n * P;
      gemmTransB(M, K, P, dy, delta, P, ws.col, cols, NP, dKernel, gr * M * K, K, n > 0);
      // Kernelᵀ: walk the group's [M × K] block with row stride 1 and column stride K.
      if (dInput !== null) gemm(K, P, M, k, gr * M * K, 1, K, dy, delta, P, ws.colGrad, cols, NP, false);
    }
  }
  if (dInput === null) return;
  dInput.fill(0);
  col2im(ws.colGrad, g.batch, g.inChannels, g, dInput);
}

/** Allocating convenience for views and tests: one convolution of x by kernel (+ bias). */
export function conv2d(x: Tensor, kernel: Tensor, bias: Tensor | null, options: Conv2DOptions = {}): Tensor {
  const g = conv2dGeometry(x.shape, kernel.shape, options);
  const shape = conv2dOutputShape(g);
  const y = new Float32Array(g.batch * g.outChannels * g.outH * g.outW);
  conv2dForward(g, x.data, kernel.data, bias === null ? null : bias.data, y, conv2dWorkspace(g, false));
  return { shape, data: y };
}
