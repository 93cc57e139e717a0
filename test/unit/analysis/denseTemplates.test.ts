// The first dense layer's weights as images: which layer reads a flattened image, and how a
// unit's weight vector folds back to C×H×W in the core's (PyTorch's) channels-first flatten
// order and in Keras' channels-last one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel, firstDenseOnImage, unitImages } from '../../../core/analysis';
import type { LayerSpec, ModelIR } from '../../../core/model/ir';
import { Network } from '../../../core/network';
import { parseModelFile } from '../../../core/parse';
import { Random } from '../../../core/random';
import { example } from '../parse/helpers';
import { conv, dense, dropout, flatten, maxPool, model } from './builders';

const firstDense = (m: ModelIR) => firstDenseOnImage(m, analyseModel(m));
const fromExample = (name: string) => {
  const m = parseModelFile(example(name), `examples/${name}`).models[0]!;
  return firstDense(m);
};

test('examples: Keras Flatten → Dropout → Dense reads a 64×5×5 image; PyTorch torch.flatten → dropout → fc too; the JSON teaching CNN 16×5×5', () => {
  assert.deepEqual(fromExample('mnist_cnn_keras.py'), { layerIndex: 6, name: 'dense', units: 10, imageShape: [64, 5, 5], flattenedAt: 4 });
  // PyTorch's F.relu calls are layers of their own in the IR: the flatten is layer 6, fc layer 8.
  assert.deepEqual(fromExample('mnist_cnn_pytorch.py'), { layerIndex: 8, name: 'fc', units: 10, imageShape: [64, 5, 5], flattenedAt: 6 });
  assert.deepEqual(fromExample('teaching_cnn.convlab.json'), { layerIndex: 5, name: 'dense_6', units: 10, imageShape: [16, 5, 5], flattenedAt: 4 });
});

test('an MLP: Flatten of the 28×28×1 input → Dense(32) reads 1×28×28; a vector input of 784 is ConvLab\'s image flattened', () => {
  assert.deepEqual(firstDense(model([1, 28, 28], [flatten, dense(32), dense(10)])), { layerIndex: 1, name: 'dense_1', units: 32, imageShape: [1, 28, 28], flattenedAt: 0 });
  assert.deepEqual(firstDense(model([784], [dense(16), dropout(0.2), dense(10)])), { layerIndex: 0, name: 'dense_0', units: 16, imageShape: [1, 28, 28], flattenedAt: -1 });
});

test('no image behind the first dense: none at all, a vector of another size, global pooling, a dense first on an image (an error), unknown shapes', () => {
  assert.equal(firstDense(model([1, 28, 28], [conv(4, 3), maxPool(2)])), null);
  assert.equal(firstDense(model([100], [dense(8), dense(2)])), null);
  assert.equal(firstDense(model([1, 28, 28], [conv(4, 3), { kind: 'globalAvgPool2d' }, dense(10)])), null);
  assert.equal(firstDense(model([1, 28, 28], [dense(10)])), null);
  assert.equal(firstDense(model([], [flatten, dense(10)])), null);
  // Only the first dense counts: the second reads the first's units, not an image.
  const mlp = firstDense(model([1, 28, 28], [flatten, dense(8), { kind: 'activation', activation: 'relu' } as LayerSpec, dense(4)]));
  assert.equal(mlp?.layerIndex, 1);
});

test('unitImages, core layout [units, in] and channels-first order: unit u\'s image is its row, (c·H + h)·W + w', () => {
  const units = 3;
  const shape = [2, 3, 4] as const;
  const kernel = Float32Array.from({ length: units * 24 }, (_, i) => Math.floor(i / 24) * 1000 + (i % 24));
  const out = unitImages(kernel, units, shape, { firstUnit: 1, count: 5 });
  assert.equal(out.length, 2 * 24, 'count is clipped to the units left');
  // Unit 1, channel 1, row 2, column 3 → feature (1·3 + 2)·4 + 3 = 23.
  assert.equal(out[((0 * 2 + 1) * 3 + 2) * 4 + 3], 1023);
  assert.equal(out[24], 2000);
});

test('unitImages, Keras layout [in, units] and channels-last order: feature (h·W + w)·C + c of column u', () => {
  const units = 2;
  const [C, H, W] = [3, 2, 2];
  const kernel = new Float32Array(C * H * W * units);
  for (let f = 0; f < C * H * W; f++) for (let u = 0; u < units; u++) kernel[f * units + u] = u * 100 + f;
  const out = unitImages(kernel, units, [C, H, W], { layout: 'inputsFirst', order: 'channelsLast' });
  // Unit 1, channel 2, row 1, column 0 → Keras feature (1·2 + 0)·3 + 2 = 8.
  assert.equal(out[((1 * C + 2) * H + 1) * W + 0], 108);
  // With one channel the two orders agree (an MNIST image is the same 784 numbers).
  const gray = Float32Array.from({ length: 2 * 6 }, (_, i) => i);
  assert.deepEqual(unitImages(gray, 2, [1, 2, 3], { order: 'channelsLast' }), unitImages(gray, 2, [1, 2, 3]));
});

test('the templates are what the network computes: z_u = Σ image(c,h,w)·template_u(c,h,w) + b_u through the core\'s Flatten → Dense', () => {
  const ir = model([3, 4, 5], [flatten, dense(6)]);
  const net = Network.fromIR(ir, { batchSize: 1, seed: 11 });
  const layer = net.layers[1]!;
  const [kernel, bias] = layer.params().map((p) => p.value);
  const rng = new Random(4);
  const image = Float32Array.from({ length: 60 }, () => rng.uniform(-1, 1));
  const z = net.forward(image, false);
  const templates = unitImages(kernel!, 6, [3, 4, 5]);
  for (let u = 0; u < 6; u++) {
    let sum = bias![u]!;
    for (let i = 0; i < 60; i++) sum += templates[u * 60 + i]! * image[i]!;
    assert.ok(Math.abs(sum - z[u]!) < 1e-5, `unit ${u}: ${sum} vs ${z[u]}`);
  }
  // Read in Keras' order instead, the same weights pair with the wrong pixels.
  const keras = unitImages(kernel!, 6, [3, 4, 5], { order: 'channelsLast' });
  let wrong = bias![0]!;
  for (let i = 0; i < 60; i++) wrong += keras[i]! * image[i]!;
  assert.ok(Math.abs(wrong - z[0]!) > 1e-3);
});

test('unitImages rejects a kernel of the wrong size, with the sizes in the message', () => {
  assert.throws(() => unitImages(new Float32Array(10), 2, [1, 2, 3]), /12 weights, got 10/);
});
