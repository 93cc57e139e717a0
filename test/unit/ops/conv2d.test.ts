import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convolveByHand, gridFromRows, gridToRows } from '../../../core/conv/byHand';
import { UNIT_WINDOW } from '../../../core/conv/geometry';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3, LECTURE_OUTPUT_3X3 } from '../../../core/lecture';
import {
  conv2d, conv2dBackward, conv2dForward, conv2dGeometry, conv2dWorkspace, type Conv2DGeometry,
} from '../../../core/ops/conv2d';
import { Random } from '../../../core/random';
import { sizeOf, tensor } from '../../../core/tensor';
import { convCaseName, drawConvCase, type ConvCase } from '../support/cases';
import { assertClose, checkGradient, dotLoss, randomArray } from '../support/numeric';
import { kernelData, nchwData, nhwc, tf, tfFilter, useTfCpu } from '../support/tf';

const lectureInput = tensor([1, 1, 5, 5], LECTURE_INPUT_5X5.flat());
const lectureKernel = tensor([1, 1, 3, 3], LECTURE_KERNEL_3X3.flat());

function rows(data: Float32Array, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += cols) out.push(Array.from(data.subarray(i, i + cols)));
  return out;
}

describe('conv2d on the lecture example', () => {
  test('x=[1,1,5,5] f=[1,1,3,3] s=1 d=1 p=valid gives [[12,12,17],[10,17,19],[9,6,14]]', () => {
    const y = conv2d(lectureInput, lectureKernel, null);
    assert.deepEqual(y.shape, [1, 1, 3, 3]);
    assert.deepEqual(rows(y.data, 3), LECTURE_OUTPUT_3X3);
  });

  test('the textbook convention (flipped kernel) matches the lesson computed by hand', () => {
    const y = conv2d(lectureInput, lectureKernel, null, { convention: 'convolution' });
    const byHand = convolveByHand(gridFromRows(LECTURE_INPUT_5X5), gridFromRows(LECTURE_KERNEL_3X3), 'convolution', UNIT_WINDOW);
    assert.deepEqual(rows(y.data, 3), gridToRows(byHand.output));
    assert.notDeepEqual(rows(y.data, 3), LECTURE_OUTPUT_3X3);
  });

  test('bias is added to every output position', () => {
    const y = conv2d(lectureInput, lectureKernel, tensor([1], [0.5]));
    assert.deepEqual(rows(y.data, 3), LECTURE_OUTPUT_3X3.map((r) => r.map((v) => v + 0.5)));
  });
});

/** Everything a conv test case needs: random data, our forward and backward. */
function runCase(c: ConvCase, rng: Random) {
  const g = conv2dGeometry(c.x, c.f, c);
  const x = randomArray(rng, sizeOf(c.x));
  const kernel = randomArray(rng, sizeOf(c.f));
  const bias = randomArray(rng, c.f[0]);
  const ySize = g.batch * g.outChannels * g.outH * g.outW;
  const dy = randomArray(rng, ySize);
  const ws = conv2dWorkspace(g);
  const y = new Float32Array(ySize);
  conv2dForward(g, x, kernel, bias, y, ws);
  const dx = new Float32Array(x.length);
  const dKernel = new Float32Array(kernel.length);
  const dBias = new Float32Array(bias.length);
  conv2dBackward(g, kernel, dy, dx, dKernel, dBias, ws);
  return { g, x, kernel, bias, dy, y, dx, dKernel, dBias, ws };
}

/**
 * A dilated filter as the undilated one it equals: dilation − 1 zeros between taps. TF.js
 * computes dilated convolutions forward but has no gradient for them; through this
 * construction (split and concat, which it can differentiate) it gives the gradients too.
 */
function spreadTaps(f: tf.Tensor4D, dilation: readonly [number, number]): tf.Tensor4D {
  let out: tf.Tensor4D = f;
  for (const axis of [0, 1] as const) {
    const rate = dilation[axis];
    if (rate === 1 || out.shape[axis] === 1) continue;
    const zerosShape = [...out.shape] as [number, number, number, number];
    zerosShape[axis] = rate - 1;
    const gap = tf.zeros(zerosShape);
    const parts = tf.split(out, out.shape[axis], axis).flatMap((tap, i) => (i === 0 ? [tap] : [gap, tap]));
    out = tf.concat(parts, axis) as tf.Tensor4D;
  }
  return out;
}

/** TF.js conv2d on NHWC, one conv per group (TF.js has no grouped conv2d), kernel flipped for 'convolution'. */
function tfConv(c: ConvCase, x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, nativeDilation = false): tf.Tensor4D {
  const pad = typeof c.padding === 'string' ? c.padding : ([[0, 0], [c.padding[0], c.padding[0]], [c.padding[1], c.padding[1]], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]]);
  const flipped = c.convention === 'convolution' ? tf.reverse(filter, [0, 1]) : filter;
  const f = nativeDilation ? flipped : spreadTaps(flipped, c.dilation);
  const dilation = (nativeDilation ? c.dilation : [1, 1]) as [number, number];
  const xs = (c.groups === 1 ? [x] : tf.split(x, c.groups, 3)) as tf.Tensor4D[];
  const fs = (c.groups === 1 ? [f] : tf.split(f, c.groups, 3)) as tf.Tensor4D[];
  const ys = xs.map((xg, i) => tf.conv2d(xg, fs[i]!, c.strides as [number, number], pad, 'NHWC', dilation));
  return tf.add(ys.length === 1 ? ys[0]! : tf.concat(ys, 3), bias) as tf.Tensor4D;
}

describe('conv2d agrees with TF.js on forward values and gradients (x NCHW, f [outC,inC/groups,kh,kw])', () => {
  before(useTfCpu);
  const rng = new Random(2024);
  for (let i = 0; i < 48; i++) {
    const c = drawConvCase(rng, { strideOrDilation: true, groups: true, flipped: true });
    test(convCaseName(c), () => {
      const r = runCase(c, rng);
      tf.tidy(() => {
        const x = nhwc(r.x, c.x);
        const f = tfFilter(r.kernel, c.f);
        const b = tf.tensor1d(r.bias);
        const dy = nhwc(r.dy, [r.g.batch, r.g.outChannels, r.g.outH, r.g.outW]);
        assertClose(r.y, nchwData(tfConv(c, x, f, b, true)), 'y');
        const [dx, df, db] = tf.grads((a, k, bb) => tfConv(c, a as tf.Tensor4D, k as tf.Tensor4D, bb as tf.Tensor1D))([x, f, b], dy);
        assertClose(r.dx, nchwData(dx!), 'dx');
        assertClose(r.dKernel, kernelData(df!), 'dKernel');
        assertClose(r.dBias, db!.dataSync(), 'dBias');
      });
    });
  }
});

/** The definition, in double, straight from the formula: the oracle where TF.js has no kernel (stride and dilation together). */
function referenceConv(g: Conv2DGeometry, x: Float32Array, k: Float32Array, b: Float32Array): Float64Array {
  const y = new Float64Array(g.batch * g.outChannels * g.outH * g.outW);
  const cg = g.inChannels / g.groups;
  const mg = g.outChannels / g.groups;
  const at = (n: number, c: number, iy: number, ix: number): number =>
    iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW ? 0 : x[((n * g.inChannels + c) * g.inH + iy) * g.inW + ix]!;
  let o = 0;
  for (let n = 0; n < g.batch; n++) {
    for (let oc = 0; oc < g.outChannels; oc++) {
      const group = Math.floor(oc / mg);
      for (let oy = 0; oy < g.outH; oy++) {
        for (let ox = 0; ox < g.outW; ox++, o++) {
          let s = b[oc]!;
          for (let ci = 0; ci < cg; ci++) {
            for (let m = 0; m < g.kh; m++) {
              for (let q = 0; q < g.kw; q++) {
                const iy = oy * g.strideH - g.padTop + m * g.dilationH;
                const ix = ox * g.strideW - g.padLeft + q * g.dilationW;
                s += at(n, group * cg + ci, iy, ix) * k[((oc * cg + ci) * g.kh + m) * g.kw + q]!;
              }
            }
          }
          y[o] = s;
        }
      }
    }
  }
  return y;
}

describe('conv2d with stride and dilation together agrees with the definition and with finite differences', () => {
  const rng = new Random(77);
  for (let i = 0; i < 12; i++) {
    let c = drawConvCase(rng, { strideOrDilation: false, groups: true, flipped: false });
    while (c.dilation[0] * c.dilation[1] === 1 || c.strides[0] * c.strides[1] === 1) {
      c = drawConvCase(rng, { strideOrDilation: false, groups: true, flipped: false });
    }
    test(convCaseName(c), () => {
      const r = runCase(c, rng);
      assertClose(r.y, referenceConv(r.g, r.x, r.kernel, r.bias), 'y');
      const loss = (): number => dotLoss(referenceConv(r.g, r.x, r.kernel, r.bias), r.dy);
      // The loss is linear in each argument, so large steps are exact up to rounding.
      checkGradient('dx', r.x, r.dx, loss, { h: 0.5 });
      checkGradient('dKernel', r.kernel, r.dKernel, loss, { h: 0.5 });
      checkGradient('dBias', r.bias, r.dBias, loss, { h: 0.5 });
    });
  }
});

describe('conv2d backward agrees with finite differences of its own forward', () => {
  const rng = new Random(5);
  for (let i = 0; i < 6; i++) {
    const c = drawConvCase(rng, { strideOrDilation: false, groups: true, flipped: true });
    test(convCaseName(c), () => {
      const r = runCase(c, rng);
      const y = new Float32Array(r.y.length);
      const loss = (): number => {
        conv2dForward(r.g, r.x, r.kernel, r.bias, y, r.ws);
        return dotLoss(y, r.dy);
      };
      checkGradient('dx', r.x, r.dx, loss, { h: 0.5 });
      checkGradient('dKernel', r.kernel, r.dKernel, loss, { h: 0.5 });
      checkGradient('dBias', r.bias, r.dBias, loss, { h: 0.5 });
    });
  }
});

describe('conv2d shape errors', () => {
  test('a kernel larger than its input does not fit', () => {
    assert.throws(() => conv2dGeometry([1, 1, 2, 2], [1, 1, 3, 3]), /does not fit the 2×2 input/);
  });
  test('the kernel must match the input channels per group', () => {
    assert.throws(() => conv2dGeometry([1, 4, 5, 5], [2, 3, 3, 3]), /expects 3 input channels/);
    assert.throws(() => conv2dGeometry([1, 4, 5, 5], [3, 2, 3, 3], { groups: 2 }), /must divide/);
  });
  test('backward without an input-gradient workspace refuses to write dInput', () => {
    const g = conv2dGeometry([1, 1, 5, 5], [1, 1, 3, 3]);
    const ws = conv2dWorkspace(g, false);
    conv2dForward(g, lectureInput.data, lectureKernel.data, null, new Float32Array(9), ws);
    assert.throws(
      () => conv2dBackward(g, lectureKernel.data, new Float32Array(9), new Float32Array(25), new Float32Array(9), null, ws),
      /without an input gradient/,
    );
  });
});
