import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { gemm, gemmTransB } from '../../../core/ops/gemm';
import { Random } from '../../../core/random';
import { useKernels, wasmKernels } from '../../../core/wasm/backend';
import { assertClose, randInt, randomArray } from '../support/numeric';

// Both builds are tested: Node 20 compiles the relaxed-SIMD one only with this flag.
setFlagsFromString('--experimental-wasm-relaxed-simd');
const VARIANTS = ['wasm-simd', 'wasm-relaxed'] as const;

/**
 * The wasm SGEMMs against the TypeScript ones on the same operands, with offsets and
 * leading dimensions larger than the matrices: sizes straddle the 4×8 (NN) and 4×2 (NT)
 * register tiles and the 4-lane vectors, so every border path runs.
 */
const EDGES = [1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 33];

function kernels(variant: (typeof VARIANTS)[number] = 'wasm-simd') {
  useKernels(variant);
  const k = wasmKernels();
  if (k === null) throw new Error('wasm kernels did not instantiate');
  return k;
}

/** Puts each array into the wasm heap; returns their byte addresses. */
function putAll(arrays: Float32Array[]): number[] {
  const heap = wasmKernels()!.heap;
  heap.reset();
  return arrays.map((a) => heap.put(a));
}

describe('wasm gemmNN (C = A·B, A by row and column strides) equals the TypeScript gemm', () => {
  const rng = new Random(101);
  for (let t = 0; t < 60; t++) {
    const M = t < 16 ? EDGES[t]! : randInt(rng, 1, 40);
    const N = t < 16 ? EDGES[(t * 7) % 16]! : randInt(rng, 1, 70);
    const K = randInt(rng, 0, 40);
    const transA = rng.bernoulli(0.5);
    const accumulate = rng.bernoulli(0.5);
    for (const variant of VARIANTS) test(`${variant} M=${M} N=${N} K=${K}${transA ? ' Aᵀ' : ''}${accumulate ? ' C+=' : ''}`, () => {
      const lda = (transA ? M : K) + randInt(rng, 0, 3), ldb = N + randInt(rng, 0, 5), ldc = N + randInt(rng, 0, 5);
      const aOff = randInt(rng, 0, 3), bOff = randInt(rng, 0, 3), cOff = randInt(rng, 0, 3);
      const A = randomArray(rng, aOff + lda * (transA ? K : M) + 1);
      const B = randomArray(rng, bOff + ldb * K + 1);
      const C = randomArray(rng, cOff + ldc * M + 1);
      const expected = C.slice();
      const [rs, cs] = transA ? [1, lda] : [lda, 1];
      gemm(M, N, K, A, aOff, rs, cs, B, bOff, ldb, expected, cOff, ldc, accumulate);
      const k = kernels(variant);
      const [pa, pb, pc] = putAll([A, B, C]);
      k.exports.gemmNN(M, N, K, pa! + 4 * aOff, rs, cs, pb! + 4 * bOff, ldb, pc! + 4 * cOff, ldc, accumulate ? 1 : 0);
      const actual = new Float32Array(C.length);
      k.heap.read(pc!, actual);
      assertClose(actual, expected, 'C (entries outside the matrix must be untouched)');
    });
  }
});

describe('wasm gemmNT (C = A·Bᵀ, dot products) equals the TypeScript gemmTransB', () => {
  const rng = new Random(102);
  for (let t = 0; t < 50; t++) {
    const M = t < 16 ? EDGES[t]! : randInt(rng, 1, 30);
    const N = t < 16 ? EDGES[(t * 5) % 16]! : randInt(rng, 1, 30);
    const T = t < 16 ? EDGES[(t * 3) % 16]! : randInt(rng, 0, 130);
    const accumulate = rng.bernoulli(0.5);
    for (const variant of VARIANTS) test(`${variant} M=${M} N=${N} T=${T}${accumulate ? ' C+=' : ''}`, () => {
      const lda = T + randInt(rng, 0, 3), ldb = T + randInt(rng, 0, 3), ldc = N + randInt(rng, 0, 3);
      const A = randomArray(rng, lda * M + 1), B = randomArray(rng, ldb * N + 1), C = randomArray(rng, ldc * M + 1);
      const expected = C.slice();
      gemmTransB(M, N, T, A, 0, lda, B, 0, ldb, expected, 0, ldc, accumulate);
      const k = kernels(variant);
      const [pa, pb, pc] = putAll([A, B, C]);
      k.exports.gemmNT(M, N, T, pa!, lda, pb!, ldb, pc!, ldc, accumulate ? 1 : 0);
      const actual = new Float32Array(C.length);
      k.heap.read(pc!, actual);
      assertClose(actual, expected, 'C');
    });
  }
});

/**
 * The blocked, packed path (gemm.ts: B of more than 256 K floats, 64 K in the relaxed build
 * (40 × 300 × 301 is packed there only), K blocked by 256, M by
 * 256, N by 512): sizes straddle every block and tile border, with A read in place both
 * ways, C accumulated and leading dimensions past the matrices.
 */
describe('wasm blocked and packed products equal the TypeScript ones', () => {
  const rng = new Random(103);
  const shapes: [number, number, number][] = [[40, 300, 301], [37, 517, 515], [261, 1029, 263], [16, 600, 450], [5, 700, 400], [300, 9, 40000]];
  for (const [M, N, K] of shapes) {
    for (const variant of VARIANTS) {
      for (const transA of [false, true]) {
        test(`${variant} gemmNN M=${M} N=${N} K=${K}${transA ? ' Aᵀ' : ''} C+=`, () => {
          const k = kernels(variant);
          const lda = (transA ? M : K) + 3, ldb = N + 1, ldc = N + 2;
          const A = randomArray(rng, lda * (transA ? K : M)), B = randomArray(rng, ldb * K), C = randomArray(rng, ldc * M);
          const expected = C.slice();
          const [rs, cs] = transA ? [1, lda] : [lda, 1];
          gemm(M, N, K, A, 0, rs, cs, B, 0, ldb, expected, 0, ldc, true);
          const [pa, pb, pc] = putAll([A, B, C]);
          k.exports.gemmNN(M, N, K, pa!, rs, cs, pb!, ldb, pc!, ldc, 1);
          const actual = new Float32Array(C.length);
          k.heap.read(pc!, actual);
          assertClose(actual, expected, 'C');
        });
      }
      test(`${variant} gemmNT M=${M} N=${N} T=${K}`, () => {
        const k = kernels(variant);
        const lda = K + 1, ldb = K + 2, ldc = N + 3;
        const A = randomArray(rng, lda * M), B = randomArray(rng, ldb * N), C = randomArray(rng, ldc * M);
        const expected = C.slice();
        gemmTransB(M, N, K, A, 0, lda, B, 0, ldb, expected, 0, ldc, false);
        const [pa, pb, pc] = putAll([A, B, C]);
        k.exports.gemmNT(M, N, K, pa!, lda, pb!, ldb, pc!, ldc, 0);
        const actual = new Float32Array(C.length);
        k.heap.read(pc!, actual);
        assertClose(actual, expected, 'C (entries outside the matrix must be untouched)');
      });
    }
  }
});
