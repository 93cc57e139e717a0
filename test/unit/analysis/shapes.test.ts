// Output shapes and parameter counts of every layer kind, with TF.js as an independent
// oracle for the window arithmetic ('same' = ceil(n/s), explicit padding, dilation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { analyseModel } from '../../../core/analysis';
import type { LayerSpec } from '../../../core/model/ir';
import { Random } from '../../../core/random';
import { conv, dense, flatten, maxPool, model } from './builders';

tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner

const outShape = (input: number[], spec: LayerSpec): readonly number[] | null => analyseModel(model(input, [spec])).layers[0]!.outputShape;

test('same padding (TF): out = ceil(n / s) whatever the kernel: 28 s2 → 14, 7 s2 → 4, 5 s3 k5 → 2', () => {
  assert.deepEqual(outShape([1, 28, 28], conv(8, 3, { strides: 2, padding: 'same' })), [8, 14, 14]);
  assert.deepEqual(outShape([1, 7, 7], conv(8, 3, { strides: 2, padding: 'same' })), [8, 4, 4]);
  assert.deepEqual(outShape([1, 5, 5], conv(8, 5, { strides: 3, padding: 'same' })), [8, 2, 2]);
});

test('same padding formula text says ceil and where the padding goes (odd total: extra pixel after)', () => {
  const l = analyseModel(model([1, 8, 8], [conv(1, 4, { padding: 'same' })])).layers[0]!;
  assert.equal(l.outputSizeFormula, '⌈8 / 1⌉ = 8 (same padding: 1 before, 2 after)');
  assert.deepEqual([l.window!.rows.padBefore, l.window!.rows.padAfter], [1, 2]);
});

test('explicit padding, stride and dilation fill in the formula: ⌊(7 + 2·1 − 2·(3 − 1) − 1) / 2⌋ + 1 = 3', () => {
  const l = analyseModel(model([1, 7, 9], [conv(1, 3, { padding: [1, 0], strides: 2, dilation: 2 })], 'pytorch')).layers[0]!;
  assert.deepEqual(l.outputShape, [1, 3, 3]);
  assert.equal(l.outputSizeFormula, 'rows: ⌊(7 + 2·1 − 2·(3 − 1) − 1) / 2⌋ + 1 = 3; cols: ⌊(9 + 2·0 − 2·(3 − 1) − 1) / 2⌋ + 1 = 3');
});

test('conv and pool shapes agree with TF.js for 300 random settings (valid, same, explicit, dilation)', async () => {
  await tf.setBackend('cpu');
  const random = new Random(7);
  for (let trial = 0; trial < 300; trial++) {
    const h = 1 + random.int(12);
    const w = 1 + random.int(12);
    const c = 1 + random.int(3);
    const k: [number, number] = [1 + random.int(4), 1 + random.int(4)];
    const dilated = random.bernoulli(0.3);
    // TF allows dilation only with stride 1.
    const s: [number, number] = dilated ? [1, 1] : [1 + random.int(3), 1 + random.int(3)];
    const d: [number, number] = dilated ? [1 + random.int(3), 1 + random.int(3)] : [1, 1];
    const choice = random.int(3);
    const pad = random.int(3);
    const padding = choice === 0 ? 'valid' as const : choice === 1 ? 'same' as const : [pad, pad] as const;
    const isPool = !dilated && random.bernoulli(0.3);
    const spec = isPool
      ? { kind: 'maxPool2d' as const, poolSize: k, strides: s, padding: typeof padding === 'string' ? padding : 'valid' as const }
      : conv(4, k, { strides: s, dilation: d, padding });
    const ours = outShape([c, h, w], spec);
    const x = tf.zeros([1, h, w, c]) as tf.Tensor4D;
    let theirs: number[] | null;
    try {
      const y = isPool
        ? tf.maxPool(x, k, s, spec.padding as 'valid' | 'same')
        // Explicit padding goes to TF.js as [[0,0],[p,p],[p,p],[0,0]]: its numeric form
        // (pad = p) sizes the width with the kernel's height and the stride's height
        // (tfjs-core 4.22 conv_util getPadAndOutInfo), wrong for non-square windows.
        : tf.conv2d(x, tf.zeros([k[0], k[1], c, 4]) as tf.Tensor4D, s, typeof padding === 'string' ? padding : [[0, 0], [pad, pad], [pad, pad], [0, 0]], 'NHWC', d);
      theirs = [y.shape[3], y.shape[1], y.shape[2]];
      if (theirs.some((n) => n <= 0)) theirs = null;
    } catch {
      theirs = null; // TF refuses a window larger than its padded input
    }
    tf.disposeVariables();
    assert.deepEqual(ours, theirs, `trial ${trial}: input ${c}×${h}×${w} ${JSON.stringify(spec)}`);
  }
});

test('batch norm on 32 channels: 128 parameters, 64 trainable (γ, β) and 64 non-trainable, as Keras counts', () => {
  const l = analyseModel(model([32, 10, 10], [{ kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 }])).layers[0]!;
  assert.deepEqual(l.outputShape, [32, 10, 10]);
  assert.equal(l.params!.total, 128);
  assert.equal(l.params!.trainable, 64);
  assert.equal(l.params!.nonTrainable, 64);
  assert.equal(l.params!.formula, '2·32 (γ, β) + 2·32 (moving mean and variance, non-trainable) = 128');
});

test('batch norm after Dense(512) normalises 512 features; totals split trainable and non-trainable', () => {
  const a = analyseModel(model([784], [dense(512), { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 }]));
  assert.equal(a.layers[1]!.params!.total, 2048);
  assert.equal(a.totals.params, 784 * 512 + 512 + 2048);
  assert.equal(a.totals.nonTrainableParams, 1024);
  assert.equal(a.totals.trainableParams, 784 * 512 + 512 + 1024);
});

test('locally connected 3×3, 64 filters on 32×32×3: (30·30)·(3·3·3·64) + (30·30)·64 parameters, as Keras\' docs say', () => {
  const l = analyseModel(model([3, 32, 32], [{ kind: 'locallyConnected2d', filters: 64, kernelSize: [3, 3], strides: [1, 1], useBias: true, activation: 'linear' }])).layers[0]!;
  assert.deepEqual(l.outputShape, [64, 30, 30]);
  assert.equal(l.params!.total, 30 * 30 * (3 * 3 * 3 * 64) + 30 * 30 * 64);
  assert.equal(l.params!.formula, '30·30·(3·3·3·64) + 30·30·64 = 1612800');
  // Against Conv2D on the same input: parameter sharing divides the weights by 900.
  const shared = analyseModel(model([3, 32, 32], [conv(64, 3)])).layers[0]!;
  assert.equal(shared.params!.total, 3 * 3 * 3 * 64 + 64);
  assert.equal(l.macs, shared.macs, 'same multiply-adds: only the sharing differs');
});

test('grouped conv: 3·3·(32/4)·64 + 64 parameters; depthwise (groups = channels)', () => {
  const g = analyseModel(model([32, 8, 8], [conv(64, 3, { groups: 4 })])).layers[0]!;
  assert.equal(g.params!.formula, '3·3·(32/4)·64 + 64 = 4672');
  assert.equal(g.macs, 6 * 6 * 64 * 9 * 8);
  const dw = analyseModel(model([32, 8, 8], [conv(32, 3, { groups: 32, useBias: false })])).layers[0]!;
  assert.equal(dw.params!.total, 3 * 3 * 1 * 32);
});

test('global average pooling gives (C,) or, with keepDims, (C, 1, 1)', () => {
  assert.deepEqual(outShape([64, 7, 7], { kind: 'globalAvgPool2d' }), [64]);
  assert.deepEqual(outShape([64, 7, 7], { kind: 'globalAvgPool2d', keepDims: true }), [64, 1, 1]);
});

test('reshape infers one −1: 784 → (1, 28, 28) and (−1, 7, 7) of 1568 → (32, 7, 7)', () => {
  assert.deepEqual(outShape([784], { kind: 'reshape', targetShape: [1, 28, 28] }), [1, 28, 28]);
  assert.deepEqual(outShape([1568], { kind: 'reshape', targetShape: [-1, 7, 7] }), [32, 7, 7]);
});

test('reshape of a flat input back to an image keeps pixel receptive fields for the convs after it', () => {
  const a = analyseModel(model([784], [{ kind: 'reshape', targetShape: [1, 28, 28] }, conv(4, 5)]));
  assert.equal(a.layers[1]!.receptiveField!.rows.size, 5);
});

test('the lecture\'s depth experiment: Flatten 28×28 then Dense(512, elu) ×4 then Dense(10)', () => {
  const specs: LayerSpec[] = [flatten, ...Array.from({ length: 4 }, () => dense(512)), dense(10)];
  const a = analyseModel(model([28, 28], specs));
  assert.deepEqual(a.layers[0]!.outputShape, [784]);
  assert.equal(a.totals.params, 784 * 512 + 512 + 3 * (512 * 512 + 512) + 512 * 10 + 10);
  assert.equal(a.layers[1]!.receptiveField!.rows.size, 28, 'every unit of a Dense after Flatten sees all 28 rows');
});

test('stacked pools: maxPool 3 s2 on 13 gives 6 and avgPool same padding on 5 s2 gives 3', () => {
  assert.deepEqual(outShape([4, 13, 13], maxPool(3, { strides: 2 })), [4, 6, 6]);
  assert.deepEqual(outShape([4, 5, 5], { kind: 'avgPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' }), [4, 3, 3]);
});
