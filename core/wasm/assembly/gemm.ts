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

/** acc + x·y: one fused multiply-add where the module is built with relaxed SIMD, else a rounded product then a sum. */
function madd(x: v128, y: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(x, y, acc);
  return f32x4.add(acc, f32x4.mul(x, y));
}

// ---- gemmNN tiles. a, b, c point at the tile's first element; ars, acs, ldb, ldc are byte strides.

function nn4x8(K: i32, a: usize, ars: usize, acs: usize, b: usize, ldb: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const r2 = ars << 1, r3 = r2 + ars;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
    x = v128.load32_splat(a + ars);
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
    x = v128.load32_splat(a + r2);
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
    x = v128.load32_splat(a + r3);
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
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
    c0 = madd(v128.load32_splat(a), b0, c0);
    c1 = madd(v128.load32_splat(a + ars), b0, c1);
    c2 = madd(v128.load32_splat(a + r2), b0, c2);
    c3 = madd(v128.load32_splat(a + r3), b0, c3);
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
    c0 = madd(x, v128.load(b), c0);
    c1 = madd(x, v128.load(b, 16), c1);
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
    c0 = madd(v128.load32_splat(a), v128.load(b), c0);
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
function nnDirect(
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
  for (; t + 4 <= T; t += 4, x += 16, y += 16) v = madd(v128.load(x), v128.load(y), v);
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
    c00 = madd(x, y0, c00); c01 = madd(x, y1, c01);
    x = v128.load(a1 + o);
    c10 = madd(x, y0, c10); c11 = madd(x, y1, c11);
    x = v128.load(a2 + o);
    c20 = madd(x, y0, c20); c21 = madd(x, y1, c21);
    x = v128.load(a3 + o);
    c30 = madd(x, y0, c30); c31 = madd(x, y1, c31);
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
function ntDirect(
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

// ---- Blocked and packed: the path for products too large for one cache level.
//
// Measured before this path (scripts/bench-gemm.ts): the direct loops above reach 29–33
// GFLOP/s at the dense layer's 256×512×512 and fall to 17–25 at 1024³. Two things cost
// there: the whole shared axis K runs per tile, so A's rows come from L3 for every column
// panel; and B's 8-wide column panel is read with a row stride of ldb floats, which at
// a power of two (2 or 4 KB) maps every row to the same few L1 sets, so the panel never
// stays in L1. The classic remedy (Goto's GEMM) blocks K into KC, M into MC, packs the A
// block into 4-row micro-panels (the 4 values of one k side by side) and the B panel into
// KC × 8 contiguous floats, and runs the same 4×8 register tile over the packed copies:
// the B panel (8 KB) stays in L1, the A block (128 KB) in L2, and both are read
// sequentially. Packing copies each A element N/8 times fewer than it is used, each B
// element MC/4 times fewer: a few per cent at these sizes, which is why small products
// (the teaching CNN's convolutions) keep the direct path.

const KC: i32 = 256;
const MC: i32 = 256;
const NC: i32 = 512;
const PACK_A: usize = memory.data(MC * KC * 4, 64);
const PACK_B: usize = memory.data(KC * NC * 4, 64);
const TILE: usize = memory.data(4 * 8 * 4, 64);
/**
 * The packed path runs once B (K × N floats) outgrows L2 (1 MB on the Zen 4 measured):
 * below that the direct loops were as fast in the same runs (43–50 GFLOP/s at the dense
 * layer's 512 × 512, where they read B from L2 anyway), and the convolution's bands are
 * sized to stay under it. With fused multiply-adds the packed tile is the faster one
 * (49 against 43 GFLOP/s at 256 × 512 × 512, scripts/bench-gemm.ts): the relaxed build
 * packs from 64 K floats of B, which takes in the dense layers of 512 and leaves the
 * teaching CNN's small convolutions on the direct loops.
 */
const PACKED_MIN_B_FLOATS: i64 = ASC_FEATURE_RELAXED_SIMD ? 64 * 1024 : 256 * 1024;

function packedWorthIt(M: i32, N: i32, K: i32): bool {
  return M >= 16 && N >= 16 && K >= 16 && <i64>N * <i64>K > PACKED_MIN_B_FLOATS;
}

/**
 * A(i0..i0+mc, k0..k0+kc) into PACK_A as ⌈mc/4⌉ micro-panels of kc × 4 floats; rows past
 * M are zero. rs, cs are byte strides.
 */
function packA(M: i32, a: usize, rs: usize, cs: usize, i0: i32, mc: i32, k0: i32, kc: i32): void {
  const panel = (<usize>kc) << 4;
  for (let it = 0; it < mc; it += 4) {
    const dst = PACK_A + (<usize>(it >> 2)) * panel;
    const i = i0 + it;
    let src = a + <usize>i * rs + <usize>k0 * cs;
    if (i + 4 <= M && rs === 4) {
      // Aᵀ read in place: the tile's 4 rows are contiguous in memory.
      for (let k = 0; k < kc; k++, src += cs) v128.store(dst + ((<usize>k) << 4), v128.load(src));
    } else if (i + 4 <= M && cs === 4) {
      // Row-major A: 4×4 blocks transposed in registers.
      const r1 = src + rs, r2 = r1 + rs, r3 = r2 + rs;
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = (<usize>k) << 2, d = dst + ((<usize>k) << 4);
        const x0 = v128.load(src + o), x1 = v128.load(r1 + o), x2 = v128.load(r2 + o), x3 = v128.load(r3 + o);
        const t0 = i32x4.shuffle(x0, x1, 0, 4, 1, 5), t1 = i32x4.shuffle(x2, x3, 0, 4, 1, 5);
        const t2 = i32x4.shuffle(x0, x1, 2, 6, 3, 7), t3 = i32x4.shuffle(x2, x3, 2, 6, 3, 7);
        v128.store(d, i64x2.shuffle(t0, t1, 0, 2)); v128.store(d, i64x2.shuffle(t0, t1, 1, 3), 16);
        v128.store(d, i64x2.shuffle(t2, t3, 0, 2), 32); v128.store(d, i64x2.shuffle(t2, t3, 1, 3), 48);
      }
      for (; k < kc; k++) {
        const o = (<usize>k) << 2, d = dst + ((<usize>k) << 4);
        store<f32>(d, load<f32>(src + o)); store<f32>(d, load<f32>(r1 + o), 4);
        store<f32>(d, load<f32>(r2 + o), 8); store<f32>(d, load<f32>(r3 + o), 12);
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const d = dst + ((<usize>k) << 4);
        for (let r = 0; r < 4; r++) store<f32>(d + ((<usize>r) << 2), i + r < M ? load<f32>(src + <usize>r * rs + <usize>k * cs) : 0);
      }
    }
  }
}

/**
 * B(k0..k0+kc, j..j+8) into the panel at dst as kc rows of 8 floats; columns past N are
 * zero. Not transposed: B(k, j) = b[k·ldb + j]. Transposed (gemmNT's B): B(k, j) = b[j·ldb + k].
 */
function packB(N: i32, b: usize, ldb: usize, transposed: bool, j: i32, k0: i32, kc: i32, dst: usize): void {
  if (!transposed) {
    let src = b + <usize>k0 * ldb + ((<usize>j) << 2);
    if (j + 8 <= N) {
      for (let k = 0; k < kc; k++, src += ldb) {
        const d = dst + ((<usize>k) << 5);
        v128.store(d, v128.load(src)); v128.store(d, v128.load(src, 16), 16);
      }
    } else {
      for (let k = 0; k < kc; k++, src += ldb) {
        const d = dst + ((<usize>k) << 5);
        for (let c = 0; c < 8; c++) store<f32>(d + ((<usize>c) << 2), j + c < N ? load<f32>(src + ((<usize>c) << 2)) : 0);
      }
    }
    return;
  }
  for (let c = 0; c < 8; c++) {
    const d = dst + ((<usize>c) << 2);
    if (j + c < N) {
      const src = b + <usize>(j + c) * ldb + ((<usize>k0) << 2);
      for (let k = 0; k < kc; k++) store<f32>(d + ((<usize>k) << 5), load<f32>(src + ((<usize>k) << 2)));
    } else {
      for (let k = 0; k < kc; k++) store<f32>(d + ((<usize>k) << 5), 0);
    }
  }
}

/**
 * The 4×8 tile over packed operands: A's micro-panel gives the 4 values of one k side by
 * side (16 bytes a step), B's panel 8 floats a step (32 bytes), so every load has a
 * constant offset from two pointers and the loop carries no stride arithmetic. Two steps
 * of k per iteration (tried) ran at a quarter of the speed: V8 spilled.
 */
function pk4x8(K: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
    x = v128.load32_splat(a, 4);
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
    x = v128.load32_splat(a, 8);
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
    x = v128.load32_splat(a, 12);
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
    a += 16;
    b += 32;
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

/**
 * C (+)= A·B over packed blocks; B is [K × N] or, transposed, [N × K]. Byte strides.
 * Loops as Goto's: K by KC, N by NC (that block of B packed once), M by MC (that block of
 * A packed once per B block), then 8-column panels of the B block (kept in L1) against
 * every 4-row micro-panel of the A block (kept in L2).
 */
function gemmPacked(
  M: i32, N: i32, K: i32, a: usize, rs: usize, cs: usize, b: usize, ldb: usize, transposed: bool,
  c: usize, ldc: usize, accumulate: bool,
): void {
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min<i32>(KC, K - k0);
    const acc = accumulate || k0 > 0;
    const panelA = (<usize>kc) << 4, panelB = (<usize>kc) << 5;
    for (let j0 = 0; j0 < N; j0 += NC) {
      const nc = min<i32>(NC, N - j0);
      for (let j = 0; j < nc; j += 8) packB(N, b, ldb, transposed, j0 + j, k0, kc, PACK_B + (<usize>(j >> 3)) * panelB);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min<i32>(MC, M - i0);
        packA(M, a, rs, cs, i0, mc, k0, kc);
        for (let jj = 0; jj < nc; jj += 8) {
          const j = j0 + jj;
          const bp = PACK_B + (<usize>(jj >> 3)) * panelB;
          const cj = c + ((<usize>j) << 2);
          const fullCols = j + 8 <= N;
          for (let it = 0; it < mc; it += 4) {
            const i = i0 + it;
            const ap = PACK_A + (<usize>(it >> 2)) * panelA;
            const ct = cj + <usize>i * ldc;
            if (fullCols && i + 4 <= M) {
              pk4x8(kc, ap, bp, ct, ldc, acc);
              continue;
            }
            // A border tile: computed whole into TILE, then its part inside C written out.
            pk4x8(kc, ap, bp, TILE, 32, false);
            const rows = min<i32>(4, M - i), cols = min<i32>(8, N - j);
            for (let r = 0; r < rows; r++) {
              for (let q = 0; q < cols; q++) {
                const o = ct + <usize>r * ldc + ((<usize>q) << 2);
                const t = load<f32>(TILE + ((<usize>(r * 8 + q)) << 2));
                store<f32>(o, acc ? load<f32>(o) + t : t);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * C[M×N] = A[M×K] · B[K×N], or C += A · B when `accumulate`.
 * A(i, k) = A[a + 4(i·ars + k·acs)]; B and C are row-major with leading dimensions ldb, ldc.
 */
export function gemmNN(
  M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: bool,
): void {
  if (packedWorthIt(M, N, K)) {
    gemmPacked(M, N, K, a, (<usize>ars) << 2, (<usize>acs) << 2, b, (<usize>ldb) << 2, false, c, (<usize>ldc) << 2, accumulate);
  } else {
    nnDirect(M, N, K, a, ars, acs, b, ldb, c, ldc, accumulate);
  }
}

/**
 * C[M×N] = A[M×T] · B[N×T]ᵀ, or C += A · Bᵀ when `accumulate`. Row-major, leading
 * dimensions lda, ldb, ldc in floats.
 */
export function gemmNT(
  M: i32, N: i32, T: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: bool,
): void {
  if (packedWorthIt(M, N, T)) {
    gemmPacked(M, N, T, a, (<usize>lda) << 2, 4, b, (<usize>ldb) << 2, true, c, (<usize>ldc) << 2, accumulate);
  } else {
    ntDirect(M, N, T, a, lda, b, ldb, c, ldc, accumulate);
  }
}
