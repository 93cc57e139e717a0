import { describe, test } from 'node:test';
import { gemm, gemmTransB } from '../../../core/ops/gemm';
import { Random } from '../../../core/random';
import { wasmKernels } from '../../../core/wasm/backend';
import { assertClose, randInt, randomArray } from '../support/numeric';

/**
 * The wasm SGEMMs against the TypeScript ones on the same operands, with offsets and
 * leading dimensions larger than the matrices: sizes straddle the 4×8 (NN) and 4×2 (NT)
 * register tiles and the 4-lane vectors, so every border path runs.
 */
const EDGES = [1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 33];

function kernels() {
  const k = wasmKernels();
  if (k === null) throw new Error('wasm kernels did not instantiate');
  return k;
}

/** Puts each array into the wasm heap; returns their byte addresses. */
function putAll(arrays: Float32Array[]): number[] {
  const { heap } = kernels();
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
    test(`M=${M} N=${N} K=${K}${transA ? ' Aᵀ' : ''}${accumulate ? ' C+=' : ''}`, () => {
      const lda = (transA ? M : K) + randInt(rng, 0, 3), ldb = N + randInt(rng, 0, 5), ldc = N + randInt(rng, 0, 5);
      const aOff = randInt(rng, 0, 3), bOff = randInt(rng, 0, 3), cOff = randInt(rng, 0, 3);
      const A = randomArray(rng, aOff + lda * (transA ? K : M) + 1);
      const B = randomArray(rng, bOff + ldb * K + 1);
      const C = randomArray(rng, cOff + ldc * M + 1);
      const expected = C.slice();
      const [rs, cs] = transA ? [1, lda] : [lda, 1];
      gemm(M, N, K, A, aOff, rs, cs, B, bOff, ldb, expected, cOff, ldc, accumulate);
      const [pa, pb, pc] = putAll([A, B, C]);
      const k = kernels();
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
    test(`M=${M} N=${N} T=${T}${accumulate ? ' C+=' : ''}`, () => {
      const lda = T + randInt(rng, 0, 3), ldb = T + randInt(rng, 0, 3), ldc = N + randInt(rng, 0, 3);
      const A = randomArray(rng, lda * M + 1), B = randomArray(rng, ldb * N + 1), C = randomArray(rng, ldc * M + 1);
      const expected = C.slice();
      gemmTransB(M, N, T, A, 0, lda, B, 0, ldb, expected, 0, ldc, accumulate);
      const [pa, pb, pc] = putAll([A, B, C]);
      const k = kernels();
      k.exports.gemmNT(M, N, T, pa!, lda, pb!, ldb, pc!, ldc, accumulate ? 1 : 0);
      const actual = new Float32Array(C.length);
      k.heap.read(pc!, actual);
      assertClose(actual, expected, 'C');
    });
  }
});
