/**
 * Matrix products for the convolution and dense ops, in the two forms they need:
 *
 *   gemm       C (+)= A · B     A addressed by (row, column) strides, so Aᵀ costs nothing
 *   gemmTransB C (+)= A · Bᵀ    the dot-product form: A and B both run along the shared axis
 *
 * Why the code looks like this: JavaScript has no SIMD, so speed comes from keeping a 4×4
 * tile of C in 16 local doubles while the shared axis streams past (16 multiply-adds per 8
 * loads, instead of 1 per 3 for the naive triple loop), and from reading memory in order.
 * The 4 rows of A a tile needs are packed side by side once per row panel, so the inner loop
 * reads one contiguous stream of A and one of B (their 4 consecutive columns share a cache
 * line; the panel of B a tile sweeps stays in L1 for the next tile). On the teaching CNN's
 * shapes this measured 4–5 GFLOP/s in V8 on one quiet core, against about 3 for a loop that
 * adds four rows at a time into C; 4×8 tiles spill registers and were slower, packing B too
 * gained nothing. Accumulation is in doubles; only the final store rounds to float32.
 */

/** Four rows of A, interleaved by k: packA[4k + r] = A(i0 + r, k). Grown on demand, never per call. */
let packA = new Float32Array(4 * 1024);

function packRows(K: number, A: Float32Array, aOff: number, rs: number, cs: number): Float32Array {
  if (packA.length < 4 * K) packA = new Float32Array(4 * K);
  const p = packA;
  for (let k = 0, a = aOff, q = 0; k < K; k++, a += cs, q += 4) {
    p[q] = A[a]!;
    p[q + 1] = A[a + rs]!;
    p[q + 2] = A[a + 2 * rs]!;
    p[q + 3] = A[a + 3 * rs]!;
  }
  return p;
}

/**
 * C[M×N] = A[M×K] · B[K×N], or C += A · B when `accumulate`.
 * A(i, k) = A[aOff + i·aRowStride + k·aColStride]; B and C are row-major with leading
 * dimensions ldb and ldc. Pass aRowStride = 1, aColStride = lda to multiply by Aᵀ.
 */
export function gemm(
  M: number, N: number, K: number,
  A: Float32Array, aOff: number, aRowStride: number, aColStride: number,
  B: Float32Array, bOff: number, ldb: number,
  C: Float32Array, cOff: number, ldc: number,
  accumulate: boolean,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const p = packRows(K, A, aOff + i * aRowStride, aRowStride, aColStride);
    const c0 = cOff + i * ldc;
    for (let j = 0; j < N4; j += 4) {
      const o0 = c0 + j, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      if (accumulate) {
        c00 = C[o0]!; c01 = C[o0 + 1]!; c02 = C[o0 + 2]!; c03 = C[o0 + 3]!;
        c10 = C[o1]!; c11 = C[o1 + 1]!; c12 = C[o1 + 2]!; c13 = C[o1 + 3]!;
        c20 = C[o2]!; c21 = C[o2 + 1]!; c22 = C[o2 + 2]!; c23 = C[o2 + 3]!;
        c30 = C[o3]!; c31 = C[o3 + 1]!; c32 = C[o3 + 2]!; c33 = C[o3 + 3]!;
      }
      for (let k = 0, b = bOff + j, q = 0; k < K; k++, b += ldb, q += 4) {
        const b0 = B[b]!, b1 = B[b + 1]!, b2 = B[b + 2]!, b3 = B[b + 3]!;
        let a = p[q]!;
        c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
        a = p[q + 1]!;
        c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
        a = p[q + 2]!;
        c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3;
        a = p[q + 3]!;
        c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3;
      }
      C[o0] = c00; C[o0 + 1] = c01; C[o0 + 2] = c02; C[o0 + 3] = c03;
      C[o1] = c10; C[o1 + 1] = c11; C[o1 + 2] = c12; C[o1 + 3] = c13;
      C[o2] = c20; C[o2 + 1] = c21; C[o2 + 2] = c22; C[o2 + 3] = c23;
      C[o3] = c30; C[o3 + 1] = c31; C[o3 + 2] = c32; C[o3 + 3] = c33;
    }
    // The last N mod 4 columns: one dot product per element, from the same packed rows.
    for (let j = N4; j < N; j++) {
      for (let r = 0; r < 4; r++) {
        let s = 0;
        for (let k = 0, b = bOff + j; k < K; k++, b += ldb) s += p[4 * k + r]! * B[b]!;
        const o = c0 + r * ldc + j;
        C[o] = accumulate ? C[o]! + s : s;
      }
    }
  }
  // The last M mod 4 rows: row-times-matrix as axpys along contiguous rows of B.
  for (let i = M4; i < M; i++) {
    const c = cOff + i * ldc;
    if (!accumulate) C.fill(0, c, c + N);
    for (let k = 0; k < K; k++) {
      const a = A[aOff + i * aRowStride + k * aColStride]!;
      if (a === 0) continue;
      for (let j = 0, b = bOff + k * ldb; j < N; j++, b++) C[c + j] = C[c + j]! + a * B[b]!;
    }
  }
}

/** Σₜ x[xo + t] · y[yo + t] for t < T. */
function dot(T: number, x: Float32Array, xo: number, y: Float32Array, yo: number): number {
  let s = 0;
  for (let t = 0; t < T; t++) s += x[xo + t]! * y[yo + t]!;
  return s;
}

/**
 * C[M×N] = A[M×T] · B[N×T]ᵀ, or C += A · Bᵀ when `accumulate`: every C(i, j) is the dot
 * product of row i of A with row j of B, both contiguous. Row-major with leading dimensions.
 */
export function gemmTransB(
  M: number, N: number, T: number,
  A: Float32Array, aOff: number, lda: number,
  B: Float32Array, bOff: number, ldb: number,
  C: Float32Array, cOff: number, ldc: number,
  accumulate: boolean,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    const c0 = cOff + i * ldc;
    for (let j = 0; j < N4; j += 4) {
      const b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let t = 0; t < T; t++) {
        const y0 = B[b0 + t]!, y1 = B[b1 + t]!, y2 = B[b2 + t]!, y3 = B[b3 + t]!;
        let x = A[a0 + t]!;
        c00 += x * y0; c01 += x * y1; c02 += x * y2; c03 += x * y3;
        x = A[a1 + t]!;
        c10 += x * y0; c11 += x * y1; c12 += x * y2; c13 += x * y3;
        x = A[a2 + t]!;
        c20 += x * y0; c21 += x * y1; c22 += x * y2; c23 += x * y3;
        x = A[a3 + t]!;
        c30 += x * y0; c31 += x * y1; c32 += x * y2; c33 += x * y3;
      }
      const o0 = c0 + j, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
      if (accumulate) {
        c00 += C[o0]!; c01 += C[o0 + 1]!; c02 += C[o0 + 2]!; c03 += C[o0 + 3]!;
        c10 += C[o1]!; c11 += C[o1 + 1]!; c12 += C[o1 + 2]!; c13 += C[o1 + 3]!;
        c20 += C[o2]!; c21 += C[o2 + 1]!; c22 += C[o2 + 2]!; c23 += C[o2 + 3]!;
        c30 += C[o3]!; c31 += C[o3 + 1]!; c32 += C[o3 + 2]!; c33 += C[o3 + 3]!;
      }
      C[o0] = c00; C[o0 + 1] = c01; C[o0 + 2] = c02; C[o0 + 3] = c03;
      C[o1] = c10; C[o1 + 1] = c11; C[o1 + 2] = c12; C[o1 + 3] = c13;
      C[o2] = c20; C[o2 + 1] = c21; C[o2 + 2] = c22; C[o2 + 3] = c23;
      C[o3] = c30; C[o3 + 1] = c31; C[o3 + 2] = c32; C[o3 + 3] = c33;
    }
  }
  // The border (last M mod 4 rows, last N mod 4 columns): plain dot products.
  for (let i = 0; i < M; i++) {
    for (let j = i < M4 ? N4 : 0; j < N; j++) {
      const s = dot(T, A, aOff + i * lda, B, bOff + j * ldb);
      const o = cOff + i * ldc + j;
      C[o] = accumulate ? C[o]! + s : s;
    }
  }
}
