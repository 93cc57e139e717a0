/** Randomly drawn convolution and pooling settings, seeded, named the way tfjs names its tests. */
import type { Padding, Pair } from '../../../core/model/ir';
import type { ConvConvention } from '../../../core/ops/conv2d';
import type { Random } from '../../../core/random';
import { window2d } from '../../../core/ops/window';
import { randInt } from './numeric';

export interface ConvCase {
  readonly x: readonly [number, number, number, number];
  readonly f: readonly [number, number, number, number];
  readonly strides: Pair;
  readonly dilation: Pair;
  readonly padding: Padding;
  readonly groups: number;
  readonly convention: ConvConvention;
}

function pairText(p: Pair): string {
  return p[0] === p[1] ? `${p[0]}` : `[${p[0]},${p[1]}]`;
}

function paddingText(p: Padding): string {
  return typeof p === 'string' ? p : `[${p[0]},${p[1]}]`;
}

/** e.g. "x=[2,3,7,7] f=[4,3,3,3] s=2 d=1 p=same" (NCHW input, kernel [outC, inC/groups, kh, kw]). */
export function convCaseName(c: ConvCase): string {
  const extra = (c.groups > 1 ? ` g=${c.groups}` : '') + (c.convention === 'convolution' ? ' flipped' : '');
  return `x=[${c.x.join(',')}] f=[${c.f.join(',')}] s=${pairText(c.strides)} d=${pairText(c.dilation)} p=${paddingText(c.padding)}${extra}`;
}

function drawPadding(rng: Random, kh: number, kw: number): Padding {
  const r = rng.next();
  if (r < 0.4) return 'valid';
  if (r < 0.8) return 'same';
  return [rng.int(kh), rng.int(kw)];
}

function fits(inH: number, inW: number, kernel: Pair, strides: Pair, dilation: Pair, padding: Padding): boolean {
  try {
    window2d(inH, inW, kernel, strides, dilation, padding);
    return true;
  } catch {
    return false;
  }
}

export interface ConvCaseOptions {
  /** TF.js refuses dilation > 1 together with stride > 1; the oracle tests keep one of them at 1. */
  readonly strideOrDilation: boolean;
  readonly groups: boolean;
  readonly flipped: boolean;
}

export function drawConvCase(rng: Random, options: ConvCaseOptions): ConvCase {
  for (;;) {
    const groups = options.groups && rng.bernoulli(0.3) ? randInt(rng, 2, 3) : 1;
    const inC = groups * randInt(rng, 1, 3);
    const outC = groups * randInt(rng, 1, 3);
    const kh = randInt(rng, 1, 4);
    const kw = rng.bernoulli(0.7) ? kh : randInt(rng, 1, 4);
    const dilated = rng.bernoulli(0.3);
    const strided = rng.bernoulli(0.5);
    const dilation: Pair = dilated ? [randInt(rng, 1, 3), randInt(rng, 1, 3)] : [1, 1];
    const strides: Pair = strided && !(options.strideOrDilation && dilated) ? [randInt(rng, 1, 3), randInt(rng, 1, 3)] : [1, 1];
    const x = [randInt(rng, 1, 3), inC, randInt(rng, 1, 11), randInt(rng, 1, 11)] as const;
    const padding = drawPadding(rng, kh, kw);
    if (!fits(x[2], x[3], [kh, kw], strides, dilation, padding)) continue;
    const convention = options.flipped && rng.bernoulli(0.2) ? 'convolution' : 'crossCorrelation';
    return { x, f: [outC, inC / groups, kh, kw], strides, dilation, padding, groups, convention };
  }
}

export interface PoolCase {
  readonly x: readonly [number, number, number, number];
  readonly pool: Pair;
  readonly strides: Pair;
  readonly padding: 'valid' | 'same';
}

export function poolCaseName(c: PoolCase): string {
  return `x=[${c.x.join(',')}] f=${pairText(c.pool)} s=${pairText(c.strides)} p=${c.padding}`;
}

export function drawPoolCase(rng: Random): PoolCase {
  for (;;) {
    const pool: Pair = rng.bernoulli(0.7) ? [randInt(rng, 1, 4), randInt(rng, 1, 4)] : [2, 2];
    const strides: Pair = rng.bernoulli(0.5) ? pool : [randInt(rng, 1, 3), randInt(rng, 1, 3)];
    const x = [randInt(rng, 1, 3), randInt(rng, 1, 3), randInt(rng, 1, 10), randInt(rng, 1, 10)] as const;
    const padding = rng.bernoulli(0.5) ? 'valid' : 'same';
    if (fits(x[2], x[3], pool, strides, [1, 1], padding)) return { x, pool, strides, padding };
  }
}
