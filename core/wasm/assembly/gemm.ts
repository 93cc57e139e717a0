/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * SGEMM with WebAssembly SIMD (f32x4), in the two forms the convolution and dense ops need:
 *
 *   gemmNN  C (+)= A · B     SIMD along the columns of B and C (row-major, contiguous)
 *   gemmNT  C (+)= A · Bᵀ    SIMD along the shared axis: every C(i, j) is a dot product of two rows
 *
 * All pointers are byte addresses in this module's memory; sizes, strides and leading
 * dimensions are in floats. A in gemmNN is addressed by (row, column) strides, so Aᵀ (the
 * kernel in the input gradient, δ in the dense weight gradient) is read in place.
 *
 * Register tiling: a 4×8 tile of C is 8 f32x4 accumulators. Per step of the shared axis
 * it loads two vectors of B and four broadcast scalars of A and does 8 multiplies and 8
 * adds: enough independent chains to hide the add latency, and with the two B vectors and
 * the splat temporary it fits the 16 XMM registers V8 allocates on x64. Measured in Node 20
 * (V8 11.3) on Zen 4 with the teaching CNN's shapes in cache: 4×8 ran at 36–46 GFLOP/s,
 * a 6×8 tile (12 accumulators, at the register limit) at 26–29; 8×8 would need all 16
 * registers for accumulators alone. Standard SIMD has no fused multiply-add (relaxed-simd
 * has, but not in Node 20 by default), so products are rounded before they are added:
 * results match the float64-accumulating TypeScript kernels to float32 rounding, not bit
 * for bit.
 *
 * Cache blocking: the column panels of B (K × 8) are the outer loop, so one panel stays in
 * L1 while every row tile of A streams past it. The convolution calls this on one image's
 * im2col (or a band of output rows of it), sized to stay in L2, which blocks the shared axis.
 */

// ---- gemmNN tiles. a, b, c point at the tile's first element; ars, acs, ldb, ldc are byte strides.

function nn4x8(K: i32, a: usize, ars: usize, acs: usize, b: usize, ldb: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const r2 = ars << 1, r3 = r2 + ars;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0)); c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a + ars);
    c10 = f32x4.add(c10, f32x4.mul(x, b0)); c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a + r2);
    c20 = f32x4.add(c20, f32x4.mul(x, b0)); c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a + r3);
    c30 = f32x4.add(c30, f32x4.mul(x, b0)); c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += acs;
    b += ldb;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc)); c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc)); c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc)); c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16); c += ldc;
  v128.store(c, c10); v128.store(c, c11, 16); c += ldc;
  v128.store(c, c20); v128.store(c, c21, 16); c += ldc;
  v128.store(c, c30); v128.store(c, c31, 16);
}

function nn4x4(K: i32, a: usize, ars: usize, acs: usize, b: usize, ldb: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const r2 = ars << 1, r3 = r2 + ars;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a + ars), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a + r2), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a + r3), b0));
    a += acs;
    b += ldb;
  }
  if (accumulate) {
    c0 = f32x4.add(c0, v128.load(c)); c1 = f32x4.add(c1, v128.load(c + ldc));
    c2 = f32x4.add(c2, v128.load(c + 2 * ldc)); c3 = f32x4.add(c3, v128.load(c + 3 * ldc));
  }
  v128.store(c, c0); v128.store(c + ldc, c1); v128.store(c + 2 * ldc, c2); v128.store(c + 3 * ldc, c3);
}

/** Four rows, one column (the last N mod 4 columns): scalar. */
function nn4x1(K: i32, a: usize, ars: usize, acs: usize, b: usize, ldb: usize, c: usize, ldc: usize, accumulate: bool): void {
  let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
  const r2 = ars << 1, r3 = r2 + ars;
  for (let k = 0; k < K; k++) {
    const y = load<f32>(b);
    s0 += load<f32>(a) * y; s1 += load<f32>(a + ars) * y; s2 += load<f32>(a + r2) * y; s3 += load<f32>(a + r3) * y;
    a += acs;
    b += ldb;
  }
  if (accumulate) {
    s0 += load<f32>(c); s1 += load<f32>(c + ldc); s2 += load<f32>(c + 2 * ldc); s3 += load<f32>(c + 3 * ldc);
  }
  store<f32>(c, s0); store<f32>(c + ldc, s1); store<f32>(c + 2 * ldc, s2); store<f32>(c + 3 * ldc, s3);
}

function nn1x8(K: i32, a: usize, acs: usize, b: usize, ldb: usize, c: usize, accumulate: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let k = 0; k < K; k++) {
    const x = v128.load32_splat(a);
    c0 = f32x4.add(c0, f32x4.mul(x, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(x, v128.load(b, 16)));
    a += acs;
    b += ldb;
  }
  if (accumulate) {
    c0 = f32x4.add(c0, v128.load(c));
    c1 = f32x4.add(c1, v128.load(c, 16));
  }
  v128.store(c, c0);
  v128.store(c, c1, 16);
}

function nn1x4(K: i32, a: usize, acs: usize, b: usize, ldb: usize, c: usize, accumulate: bool): void {
  let c0 = f32x4.splat(0);
  for (let k = 0; k < K; k++) {
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), v128.load(b)));
    a += acs;
    b += ldb;
  }
  if (accumulate) c0 = f32x4.add(c0, v128.load(c));
  v128.store(c, c0);
}

function nn1x1(K: i32, a: usize, acs: usize, b: usize, ldb: usize, c: usize, accumulate: bool): void {
  let s: f32 = 0;
  for (let k = 0; k < K; k++) {
    s += load<f32>(a) * load<f32>(b);
    a += acs;
    b += ldb;
  }
  store<f32>(c, accumulate ? load<f32>(c) + s : s);
}

/**
 * C[M×N] = A[M×K] · B[K×N], or C += A · B when `accumulate`.
 * A(i, k) = A[a + 4(i·ars + k·acs)]; B and C are row-major with leading dimensions ldb, ldc.
 */
export function gemmNN(
  M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: bool,
): void {
  const rs = (<usize>ars) << 2, cs = (<usize>acs) << 2, lb = (<usize>ldb) << 2, lc = (<usize>ldc) << 2;
  const M4 = M & ~3, N8 = N & ~7;
  for (let j = 0; j < N8; j += 8) {
    const bj = b + ((<usize>j) << 2), cj = c + ((<usize>j) << 2);
    for (let i = 0; i < M4; i += 4) nn4x8(K, a + <usize>i * rs, rs, cs, bj, lb, cj + <usize>i * lc, lc, accumulate);
    for (let i = M4; i < M; i++) nn1x8(K, a + <usize>i * rs, cs, bj, lb, cj + <usize>i * lc, accumulate);
  }
  let j = N8;
  if (N - j >= 4) {
    const bj = b + ((<usize>j) << 2), cj = c + ((<usize>j) << 2);
    for (let i = 0; i < M4; i += 4) nn4x4(K, a + <usize>i * rs, rs, cs, bj, lb, cj + <usize>i * lc, lc, accumulate);
    for (let i = M4; i < M; i++) nn1x4(K, a + <usize>i * rs, cs, bj, lb, cj + <usize>i * lc, accumulate);
    j += 4;
  }
  for (; j < N; j++) {
    const bj = b + ((<usize>j) << 2), cj = c + ((<usize>j) << 2);
    for (let i = 0; i < M4; i += 4) nn4x1(K, a + <usize>i * rs, rs, cs, bj, lb, cj + <usize>i * lc, lc, accumulate);
    for (let i = M4; i < M; i++) nn1x1(K, a + <usize>i * rs, cs, bj, lb, cj + <usize>i * lc, accumulate);
  }
}

// ---- gemmNT: dot products along T, 4 lanes at a time, reduced across lanes once per tile.

function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** Σₜ x[t]·y[t] over T floats. */
function dot(T: i32, x: usize, y: usize): f32 {
  let v = f32x4.splat(0);
  let t = 0;
  for (; t + 4 <= T; t += 4, x += 16, y += 16) v = f32x4.add(v, f32x4.mul(v128.load(x), v128.load(y)));
  let s = hsum(v);
  for (; t < T; t++, x += 4, y += 4) s += load<f32>(x) * load<f32>(y);
  return s;
}

/**
 * A 4×2 tile of C = A·Bᵀ: 8 accumulators, and per step 4 vectors of A and 2 of B, which
 * keeps the accumulators, the loaded rows and a temporary inside 16 registers.
 */
function nt4x2(T: i32, a: usize, lda: usize, b: usize, ldb: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda, b1 = b + ldb;
  let t = 0;
  let o: usize = 0;
  for (; t + 4 <= T; t += 4, o += 16) {
    const y0 = v128.load(b + o), y1 = v128.load(b1 + o);
    let x = v128.load(a + o);
    c00 = f32x4.add(c00, f32x4.mul(x, y0)); c01 = f32x4.add(c01, f32x4.mul(x, y1));
    x = v128.load(a1 + o);
    c10 = f32x4.add(c10, f32x4.mul(x, y0)); c11 = f32x4.add(c11, f32x4.mul(x, y1));
    x = v128.load(a2 + o);
    c20 = f32x4.add(c20, f32x4.mul(x, y0)); c21 = f32x4.add(c21, f32x4.mul(x, y1));
    x = v128.load(a3 + o);
    c30 = f32x4.add(c30, f32x4.mul(x, y0)); c31 = f32x4.add(c31, f32x4.mul(x, y1));
  }
  let s00 = hsum(c00), s01 = hsum(c01), s10 = hsum(c10), s11 = hsum(c11);
  let s20 = hsum(c20), s21 = hsum(c21), s30 = hsum(c30), s31 = hsum(c31);
  for (; t < T; t++, o += 4) {
    const y0 = load<f32>(b + o), y1 = load<f32>(b1 + o);
    let x = load<f32>(a + o);
    s00 += x * y0; s01 += x * y1;
    x = load<f32>(a1 + o);
    s10 += x * y0; s11 += x * y1;
    x = load<f32>(a2 + o);
    s20 += x * y0; s21 += x * y1;
    x = load<f32>(a3 + o);
    s30 += x * y0; s31 += x * y1;
  }
  const k1 = c + ldc, k2 = k1 + ldc, k3 = k2 + ldc;
  if (accumulate) {
    s00 += load<f32>(c); s01 += load<f32>(c, 4); s10 += load<f32>(k1); s11 += load<f32>(k1, 4);
    s20 += load<f32>(k2); s21 += load<f32>(k2, 4); s30 += load<f32>(k3); s31 += load<f32>(k3, 4);
  }
  store<f32>(c, s00); store<f32>(c, s01, 4); store<f32>(k1, s10); store<f32>(k1, s11, 4);
  store<f32>(k2, s20); store<f32>(k2, s21, 4); store<f32>(k3, s30); store<f32>(k3, s31, 4);
}

/**
 * C[M×N] = A[M×T] · B[N×T]ᵀ, or C += A · Bᵀ when `accumulate`. Row-major, leading
 * dimensions lda, ldb, ldc in floats.
 */
export function gemmNT(
  M: i32, N: i32, T: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: bool,
): void {
  const la = (<usize>lda) << 2, lb = (<usize>ldb) << 2, lc = (<usize>ldc) << 2;
  const M4 = M & ~3, N2 = N & ~1;
  for (let i = 0; i < M4; i += 4) {
    const ai = a + <usize>i * la, ci = c + <usize>i * lc;
    for (let j = 0; j < N2; j += 2) nt4x2(T, ai, la, b + <usize>j * lb, lb, ci + ((<usize>j) << 2), lc, accumulate);
  }
  // The border (last M mod 4 rows, last N mod 2 column): one dot product each.
  for (let i = 0; i < M; i++) {
    for (let j = i < M4 ? N2 : 0; j < N; j++) {
      const o = c + <usize>i * lc + ((<usize>j) << 2);
      const s = dot(T, a + <usize>i * la, b + <usize>j * lb);
      store<f32>(o, accumulate ? load<f32>(o) + s : s);
    }
  }
}
