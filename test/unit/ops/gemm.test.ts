import { describe, test } from 'node:test';
import { gemm, gemmTransB } from '../../../core/ops/gemm';
import { Random } from '../../../core/random';
import { assertClose, randInt, randomArray } from '../support/numeric';

/** C = A·B (or A·Bᵀ) in double, from the definition. */
function reference(M: number, N: number, K: number, a: (i: number, k: number) => number, b: (k: number, j: number) => number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) c[i * N + j] = c[i * N + j]! + a(i, k) * b(k, j);
  return c;
}

describe('gemm (C = A·B) against the definition, including the M, N mod 4 borders', () => {
  const rng = new Random(11);
  for (let t = 0; t < 16; t++) {
    const M = randInt(rng, 1, 13), N = randInt(rng, 1, 13), K = randInt(rng, 1, 9);
    const transA = rng.bernoulli(0.5);
    const accumulate = rng.bernoulli(0.5);
    test(`M=${M} N=${N} K=${K}${transA ? ' Aᵀ' : ''}${accumulate ? ' C+=' : ''}`, () => {
      // Offsets and leading dimensions larger than the matrix: the strides must be honoured.
      const lda = (transA ? M : K) + 2, ldb = N + 1, ldc = N + 3, aOff = 3, bOff = 1, cOff = 2;
      const A = randomArray(rng, aOff + lda * (transA ? K : M));
      const B = randomArray(rng, bOff + ldb * K);
      const C = randomArray(rng, cOff + ldc * M);
      const before = C.slice();
      const a = (i: number, k: number): number => (transA ? A[aOff + k * lda + i]! : A[aOff + i * lda + k]!);
      gemm(M, N, K, A, aOff, transA ? 1 : lda, transA ? lda : 1, B, bOff, ldb, C, cOff, ldc, accumulate);
      const ref = reference(M, N, K, a, (k, j) => B[bOff + k * ldb + j]!);
      const expected = Float64Array.from(before);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
        const o = cOff + i * ldc + j;
        expected[o] = (accumulate ? before[o]! : 0) + ref[i * N + j]!;
      }
      assertClose(C, expected, 'C (entries outside the matrix must be untouched)');
    });
  }
});

describe('gemmTransB (C = A·Bᵀ) against the definition', () => {
  const rng = new Random(12);
  for (let t = 0; t < 12; t++) {
    const M = randInt(rng, 1, 11), N = randInt(rng, 1, 11), T = randInt(rng, 1, 20);
    const accumulate = rng.bernoulli(0.5);
    test(`M=${M} N=${N} T=${T}${accumulate ? ' C+=' : ''}`, () => {
      const lda = T + 1, ldb = T + 2, ldc = N + 1;
      const A = randomArray(rng, lda * M), B = randomArray(rng, ldb * N), C = randomArray(rng, ldc * M);
      const before = C.slice();
      gemmTransB(M, N, T, A, 0, lda, B, 0, ldb, C, 0, ldc, accumulate);
      const ref = reference(M, N, T, (i, k) => A[i * lda + k]!, (k, j) => B[j * ldb + k]!);
      const expected = Float64Array.from(before);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) expected[i * ldc + j] = (accumulate ? before[i * ldc + j]! : 0) + ref[i * N + j]!;
      assertClose(C, expected, 'C');
    });
  }
});
