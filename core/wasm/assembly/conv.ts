/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * 2-D convolution over NCHW, forward and backward, by im2col + GEMM (core/ops/conv2d.ts
 * states the maths; this is the same method, reordered for the cache).
 *
 * The TypeScript version builds the whole batch's column matrix once; here each image is
 * cut into bands of `bandRows` output rows (all of it, for the teaching CNN) whose column
 * matrix, [inC·kh·kw × band·outW], fits in L2: it is written by im2colRows and read back by
 * the GEMM at once. The backward pass rebuilds the same bands from the input instead of
 * keeping the batch's column matrix: redoing im2col costs less than storing and re-reading
 * several MB, and the TypeScript side then needs no per-layer state in this memory.
 *
 * Kernel [outC, inC/groups, kh, kw] (already rotated for the textbook convention);
 * per image n and group gr, with P = outH·outW and K = (inC/groups)·kh·kw taps:
 *   forward   z[n, gr block]  = Kernel_gr · col_gr              (gemmNN, SIMD along positions)
 *   dKernel_gr             += δ[n, gr block] · col_grᵀ           (gemmNT, dot products along positions)
 *   dcol_gr                 = Kernel_grᵀ · δ[n, gr block]        (gemmNN, Kernelᵀ read in place)
 * and col2im scatters dcol back onto dx.
 */
import { activate, ACT_ELU, sum, biasRelu } from './eltwise';
import { gemmNN, gemmNT } from './gemm';
import {
  G_BATCH, G_GROUPS, G_IN_C, G_IN_H, G_IN_W, G_KH, G_KW, G_OUT_C, G_OUT_H, G_OUT_W,
} from './geometry';
import { col2imRows, im2colRows } from './im2col';

/**
 * z = conv(x, kernel) + bias, and y = f(z) when y ≠ 0: relu, or elu when act is ACT_ELU
 * (eltwise.ts). bias = 0: no bias. col holds inC·kh·kw · bandRows·outW floats.
 */
export function conv2dForward(g: usize, x: usize, kernel: usize, bias: usize, z: usize, y: usize, col: usize, bandRows: i32, act: i32): void {
  const batch = load<i32>(g, G_BATCH), inC = load<i32>(g, G_IN_C), outC = load<i32>(g, G_OUT_C), groups = load<i32>(g, G_GROUPS);
  const outH = load<i32>(g, G_OUT_H), outW = load<i32>(g, G_OUT_W);
  const P = outH * outW, M = outC / groups, K = (inC / groups) * load<i32>(g, G_KH) * load<i32>(g, G_KW);
  const image = (<usize>(inC * load<i32>(g, G_IN_H) * load<i32>(g, G_IN_W))) << 2;
  for (let n = 0; n < batch; n++) {
    const xn = x + <usize>n * image;
    for (let oy0 = 0; oy0 < outH; oy0 += bandRows) {
      const oy1 = min<i32>(outH, oy0 + bandRows), Q = (oy1 - oy0) * outW;
      im2colRows(g, xn, inC, oy0, oy1, col);
      for (let gr = 0; gr < groups; gr++) {
        const out = z + ((<usize>((n * outC + gr * M) * P + oy0 * outW)) << 2);
        gemmNN(M, Q, K, kernel + ((<usize>(gr * M * K)) << 2), K, 1, col + ((<usize>(gr * K * Q)) << 2), Q, out, P, false);
      }
      // Bias and activation on the band just written, while it is in cache.
      for (let oc = 0; oc < outC; oc++) {
        const at = (<usize>((n * outC + oc) * P + oy0 * outW)) << 2;
        const elu = y !== 0 && act === ACT_ELU;
        biasRelu(z + at, y === 0 || elu ? 0 : y + at, Q, bias === 0 ? 0 : load<f32>(bias + ((<usize>oc) << 2)));
        if (elu) activate(ACT_ELU, z + at, y + at, Q);
      }
    }
  }
}

/**
 * Gradients from dz = dLoss/dz of the forward on x: dKernel and dBias (if ≠ 0) are
 * overwritten, and dx (if ≠ 0) too. col and dcol each hold one band's column matrix.
 */
export function conv2dBackward(
  g: usize, x: usize, kernel: usize, dz: usize, dx: usize, dKernel: usize, dBias: usize, col: usize, dcol: usize, bandRows: i32,
): void {
  const batch = load<i32>(g, G_BATCH), inC = load<i32>(g, G_IN_C), outC = load<i32>(g, G_OUT_C), groups = load<i32>(g, G_GROUPS);
  const outH = load<i32>(g, G_OUT_H), outW = load<i32>(g, G_OUT_W);
  const P = outH * outW, M = outC / groups, K = (inC / groups) * load<i32>(g, G_KH) * load<i32>(g, G_KW);
  const image = (<usize>(inC * load<i32>(g, G_IN_H) * load<i32>(g, G_IN_W))) << 2;
  if (dBias !== 0) {
    memory.fill(dBias, 0, (<usize>outC) << 2);
    for (let n = 0; n < batch; n++) {
      for (let oc = 0; oc < outC; oc++) {
        const b = dBias + ((<usize>oc) << 2);
        store<f32>(b, load<f32>(b) + sum(dz + ((<usize>((n * outC + oc) * P)) << 2), P));
      }
    }
  }
  memory.fill(dKernel, 0, (<usize>(outC * K)) << 2);
  if (dx !== 0) memory.fill(dx, 0, <usize>batch * image);
  for (let n = 0; n < batch; n++) {
    const xn = x + <usize>n * image;
    for (let oy0 = 0; oy0 < outH; oy0 += bandRows) {
      const oy1 = min<i32>(outH, oy0 + bandRows), Q = (oy1 - oy0) * outW;
      im2colRows(g, xn, inC, oy0, oy1, col);
      for (let gr = 0; gr < groups; gr++) {
        const delta = dz + ((<usize>((n * outC + gr * M) * P + oy0 * outW)) << 2);
        const kg = (<usize>(gr * M * K)) << 2, cg = (<usize>(gr * K * Q)) << 2;
        gemmNT(M, K, Q, delta, P, col + cg, Q, dKernel + kg, K, true);
        // Kernelᵀ: the group's [M × K] block walked with row stride 1 and column stride K.
        if (dx !== 0) gemmNN(K, Q, M, kernel + kg, 1, K, delta, P, dcol + cg, Q, false);
      }
      if (dx !== 0) col2imRows(g, dcol, inC, oy0, oy1, dx + <usize>n * image);
    }
  }
}
