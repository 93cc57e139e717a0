/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * Max pooling over NCHW, forward and backward, with the conventions of core/ops/pool.ts:
 * padding only lets windows hang over the edge (padded cells never win), argmax holds the
 * index into x of each window's winner, and a tie goes to the first cell in row-major
 * order. The geometry block's G_BATCH·G_IN_C are the planes pooled one by one.
 */
import {
  G_BATCH, G_IN_C, G_IN_H, G_IN_W, G_KH, G_KW, G_OUT_H, G_OUT_W, G_PAD_L, G_PAD_T, G_SH, G_SW,
} from './geometry';

export function maxPool2dForward(g: usize, x: usize, y: usize, argmax: usize): void {
  const inH = load<i32>(g, G_IN_H), inW = load<i32>(g, G_IN_W), kh = load<i32>(g, G_KH), kw = load<i32>(g, G_KW);
  const sh = load<i32>(g, G_SH), sw = load<i32>(g, G_SW), padT = load<i32>(g, G_PAD_T), padL = load<i32>(g, G_PAD_L);
  const outH = load<i32>(g, G_OUT_H), outW = load<i32>(g, G_OUT_W), planes = load<i32>(g, G_BATCH) * load<i32>(g, G_IN_C);
  // The fast path needs every window inside the input: no padding on any side.
  const inside = padT === 0 && padL === 0 && (outH - 1) * sh + 2 <= inH && (outW - 1) * 2 + 2 <= inW;
  if (kh === 2 && kw === 2 && sw === 2 && inside) {
    maxPool2x2(planes, inH, inW, sh, outH, outW, x, y, argmax);
    return;
  }
  const HW = inH * inW;
  let o: usize = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * HW;
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * sh - padT;
      const y0 = max<i32>(top, 0), y1 = min<i32>(top + kh, inH);
      for (let ox = 0; ox < outW; ox++, o += 4) {
        const left = ox * sw - padL;
        const x0 = max<i32>(left, 0), x1 = min<i32>(left + kw, inW);
        let at = base + y0 * inW + x0;
        let best = load<f32>(x + ((<usize>at) << 2));
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * inW + x0, end = i + x1 - x0; i < end; i++) {
            const v = load<f32>(x + ((<usize>i) << 2));
            // Strictly greater: a tie keeps the earlier cell. select() keeps it branch-free.
            const wins = v > best;
            at = select<i32>(i, at, wins);
            best = select<f32>(v, best, wins);
          }
        }
        store<f32>(y + o, best);
        store<i32>(argmax + o, at);
      }
    }
  }
}

/**
 * The 2×2 window with column stride 2 and no padding, four outputs at a time: the even and
 * odd columns of two rows are split apart by shuffles, then the same tournament as the
 * TypeScript (the better of each row, then of the two rows) runs on lanes, with masks
 * choosing both the values and the indices.
 */
function maxPool2x2(planes: i32, inH: i32, inW: i32, sh: i32, outH: i32, outW: i32, x: usize, y: usize, argmax: usize): void {
  const HW = inH * inW;
  const lanes = i32x4(0, 2, 4, 6);
  const row = (<usize>inW) << 2;
  let o: usize = 0;
  for (let plane = 0; plane < planes; plane++) {
    for (let oy = 0; oy < outH; oy++) {
      const top = plane * HW + oy * sh * inW;
      let ox = 0;
      for (; ox + 4 <= outW; ox += 4, o += 16) {
        const t = x + ((<usize>(top + 2 * ox)) << 2);
        const t0 = v128.load(t), t1 = v128.load(t, 16), b0 = v128.load(t + row), b1 = v128.load(t + row, 16);
        const te = f32x4.shuffle(t0, t1, 0, 2, 4, 6), to = f32x4.shuffle(t0, t1, 1, 3, 5, 7);
        const be = f32x4.shuffle(b0, b1, 0, 2, 4, 6), bo = f32x4.shuffle(b0, b1, 1, 3, 5, 7);
        const iTop = i32x4.add(i32x4.splat(top + 2 * ox), lanes);
        const mt = f32x4.gt(to, te), mb = f32x4.gt(bo, be);
        const vt = v128.bitselect(to, te, mt), vb = v128.bitselect(bo, be, mb);
        // A mask lane is −1 where the odd column won: subtracting it adds 1 to the index.
        const it = i32x4.sub(iTop, mt), ib = i32x4.sub(i32x4.add(iTop, i32x4.splat(inW)), mb);
        const m = f32x4.gt(vb, vt);
        v128.store(y + o, v128.bitselect(vb, vt, m));
        v128.store(argmax + o, v128.bitselect(ib, it, m));
      }
      for (; ox < outW; ox++, o += 4) {
        const t = top + 2 * ox, b = t + inW;
        const a = t + select<i32>(1, 0, load<f32>(x + ((<usize>(t + 1)) << 2)) > load<f32>(x + ((<usize>t) << 2)));
        const c = b + select<i32>(1, 0, load<f32>(x + ((<usize>(b + 1)) << 2)) > load<f32>(x + ((<usize>b) << 2)));
        const at = select<i32>(c, a, load<f32>(x + ((<usize>c) << 2)) > load<f32>(x + ((<usize>a) << 2)));
        store<f32>(y + o, load<f32>(x + ((<usize>at) << 2)));
        store<i32>(argmax + o, at);
      }
    }
  }
}

/** dx = 0, then each output's gradient added to its window's winner (n outputs). */
export function maxPool2dBackward(dy: usize, argmax: usize, n: i32, dx: usize, dxLength: i32): void {
  memory.fill(dx, 0, (<usize>dxLength) << 2);
  for (let o: usize = 0, end = (<usize>n) << 2; o < end; o += 4) {
    const d = dx + ((<usize>load<i32>(argmax + o)) << 2);
    store<f32>(d, load<f32>(d) + load<f32>(dy + o));
  }
}
