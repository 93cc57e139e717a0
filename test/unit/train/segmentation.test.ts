/**
 * Map outputs train to find the figure: per-pixel softmax cross-entropy (its values and
 * gradient), the targets a mask gives each output pixel, and a small U-Net that learns to
 * segment procedural shapes better than the all-background guess.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shapesDataset } from '../../../core/data/procedural';
import { INPUT_NODE, type LayerIR, type ModelIR } from '../../../core/model/ir';
import { Network } from '../../../core/network';
import { pixelSoftmaxCrossEntropy, softmaxCrossEntropy } from '../../../core/ops/losses';
import { Random } from '../../../core/random';
import { evaluate, fit } from '../../../core/train/fit';
import { fillSegmentationTargets, segmentationOf, type SegmentationTargets } from '../../../core/train/segmentation';
import { checkGradient, randomArray } from '../support/numeric';

describe('per-pixel softmax cross-entropy', () => {
  test('equals the classification loss of every pixel taken as an example, and its gradient agrees with finite differences', () => {
    const rng = new Random(9);
    const [batch, classes, pixels] = [2, 3, 5];
    const logits = randomArray(rng, batch * classes * pixels, -2, 2);
    const labels = Float32Array.from({ length: batch * pixels }, (_, i) => (i * 7) % classes);
    // The same pixels as [batch·pixels, classes] rows.
    const rows = new Float32Array(logits.length);
    for (let n = 0; n < batch; n++) for (let c = 0; c < classes; c++) for (let o = 0; o < pixels; o++) rows[(n * pixels + o) * classes + c] = logits[(n * classes + c) * pixels + o]!;
    const grad = new Float32Array(logits.length);
    const loss = pixelSoftmaxCrossEntropy(logits, batch, classes, pixels, labels, grad);
    assert.ok(Math.abs(loss - softmaxCrossEntropy(rows, batch * pixels, classes, labels, null)) < 1e-6);
    checkGradient('dLogits', logits, grad, () => pixelSoftmaxCrossEntropy(logits, batch, classes, pixels, labels, null), { h: 1e-3, samples: 30 });
  });
});

describe('targets from masks', () => {
  test('2 channels: background and figure; 5 channels for 4 classes: which figure; 3 channels is refused', () => {
    const binary = segmentationOf([2, 4, 4], [1, 4, 4], 4) as SegmentationTargets;
    assert.equal(binary.classAware, false);
    const aware = segmentationOf([5, 4, 4], [1, 4, 4], 4) as SegmentationTargets;
    assert.equal(aware.classAware, true);
    assert.match(segmentationOf([3, 4, 4], [1, 4, 4], 4) as string, /3 channels/);
    const mask = Uint8Array.from({ length: 16 }, (_, i) => (i % 4 === 1 ? 1 : 0));
    const out = new Float32Array(16);
    fillSegmentationTargets(aware, mask, 0, 2, out, 0);
    assert.deepEqual(Array.from(out.subarray(0, 4)), [0, 3, 0, 0]);
  });

  test('an output half the input\'s size takes the mask at the nearest input pixel', () => {
    const half = segmentationOf([1, 2, 2], [1, 4, 4], 4) as SegmentationTargets;
    assert.deepEqual(Array.from(half.source), [0, 2, 8, 10]);
  });

  test('procedural images keep their masks, 1 under the stroke and 0 around it', () => {
    const d = shapesDataset({ trainCount: 8, testCount: 0, seed: 1, noise: 0, shape: [1, 16, 16] });
    const masks = d.train.masks!;
    assert.equal(masks.length, 8 * 256);
    for (let k = 0; k < masks.length; k++) if (masks[k] === 1) assert.ok(d.train.images[k]! >= 0.3, `pixel ${k}`);
    assert.ok(masks.some((m) => m === 1) && masks.some((m) => m === 0));
  });
});

function conv(name: string, filters: number, inputs?: number[], activation: 'relu' | 'linear' = 'relu', k = 3): LayerIR {
  return { name, spec: { kind: 'conv2d', filters, kernelSize: [k, k], strides: [1, 1], padding: 'same', dilation: [1, 1], groups: 1, useBias: true, activation }, ...(inputs ? { inputs } : {}) };
}

/** 24×24 → conv 8 → pool → conv 16 → transposed conv back up → concatenated with the first conv → 1×1 to 2 classes. */
const U: ModelIR = {
  name: 'u', inputShape: [1, 24, 24], layers: [
    conv('down', 8),
    { name: 'pool', spec: { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
    conv('bottom', 16),
    { name: 'up', spec: { kind: 'conv2dTranspose', filters: 8, kernelSize: [2, 2], strides: [2, 2], padding: 'valid', outputPadding: [0, 0], dilation: [1, 1], groups: 1, useBias: true, activation: 'relu' } },
    { name: 'skip', spec: { kind: 'merge', op: 'concatenate', axis: 0 }, inputs: [3, 0] },
    conv('fuse', 8, [4]),
    conv('head', 2, undefined, 'linear', 1),
  ],
};

test('a small U-Net learns where the shapes are: pixel accuracy well above the all-background guess', async () => {
  const data = shapesDataset({ trainCount: 256, testCount: 64, seed: 3, shape: [1, 24, 24] });
  const net = Network.fromIR(U, { batchSize: 32, seed: 1 });
  assert.equal(net.loss, 'pixelSoftmaxCrossEntropy');
  const seg = segmentationOf(net.outputShape, net.inputShape, data.numClasses) as SegmentationTargets;
  const background = data.test.masks!.reduce((n, m) => n + (m === 0 ? 1 : 0), 0) / data.test.masks!.length;
  const before = evaluate(net, data.test, undefined, seg);
  await fit(net, data.train, { epochs: 8, optimizer: { type: 'adam', learningRate: 0.01 }, seed: 2, segmentation: seg });
  const after = evaluate(net, data.test, undefined, seg);
  assert.ok(after.loss < before.loss, `loss ${before.loss} → ${after.loss}`);
  assert.ok(after.accuracy > background + 0.05, `pixel accuracy ${after.accuracy} vs ${background} background`);
  assert.equal(INPUT_NODE, -1);
});
