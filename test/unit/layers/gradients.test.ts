import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivatedLayer } from '../../../core/layers/activated';
import { buildLayer } from '../../../core/layers/build';
import { DropoutLayer } from '../../../core/layers/dropout';
import type { Layer } from '../../../core/layers/layer';
import type { Activation, Conv2DSpec, LayerSpec } from '../../../core/model/ir';
import { Random } from '../../../core/random';
import { shapeToString, sizeOf, type Shape } from '../../../core/tensor';
import { checkGradient, dotLoss, randomArray } from '../support/numeric';

const BATCH = 3;

function build(spec: LayerSpec, inputShape: Shape, inputGradient = true): Layer {
  return buildLayer({ spec, name: spec.kind }, inputShape, {
    capacity: BATCH, inputGradient, rng: new Random(1),
    kernelInitializer: 'glorotUniform', dropoutConvention: 'inverted',
  });
}

/**
 * Finite differences of L = Σ forward(x)·r against backward(r), for the input and every
 * trainable param. Dropout layers are reseeded before each forward so that every evaluation
 * sees the same mask.
 */
function checkLayer(layer: Layer, training: boolean, rng: Random, h: number): void {
  // Inputs away from 0, where ReLU has its kink.
  const x = randomArray(rng, BATCH * sizeOf(layer.inputShape)).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
  const forward = (): Float32Array => {
    if (layer instanceof DropoutLayer) layer.reseed(7);
    return layer.forward(x, training);
  };
  const r = randomArray(rng, forward().length);
  const dx = layer.backward(r).slice();
  const loss = (): number => dotLoss(forward(), r);
  const options = { h, samples: 60, smooth: reluSignsKept(layer) };
  checkGradient(`${layer.name} dInput`, x, dx, loss, options);
  for (const p of layer.params()) {
    if (p.trainable) checkGradient(`${layer.name} ${p.name}`, p.value, p.grad.slice(), loss, options);
  }
}

/** For a ReLU layer: whether the last forward kept every pre-activation's sign from now (no kink crossed). */
function reluSignsKept(layer: Layer): (() => boolean) | undefined {
  if (!(layer instanceof ActivatedLayer) || layer.activation !== 'relu') return undefined;
  const signs = layer.preActivation.map((z) => (z > 0 ? 1 : 0));
  return () => layer.preActivation.every((z, i) => (z > 0 ? 1 : 0) === signs[i]);
}

const activations: readonly Activation[] = ['linear', 'relu', 'elu', 'sigmoid', 'tanh', 'softmax'];

function conv(activation: Activation, extra: Partial<Conv2DSpec> = {}): LayerSpec {
  return {
    kind: 'conv2d', filters: 4, kernelSize: [3, 2], strides: [1, 1], padding: 'same', dilation: [1, 1],
    groups: 1, useBias: true, activation, ...extra,
  };
}

interface LayerCase {
  readonly spec: LayerSpec;
  readonly input: Shape;
  readonly label?: string;
  readonly training?: boolean;
  readonly h?: number;
}

const cases: readonly LayerCase[] = [
  // ReLU: a smaller step, so that few steps cross its kink (those are skipped).
  ...activations.map((a) => ({ spec: conv(a), input: [2, 5, 6], label: `conv2d ${a}`, h: a === 'relu' ? 1e-3 : 1e-2 })),
  {
    spec: conv('tanh', { strides: [2, 1], dilation: [1, 2], padding: 'valid', groups: 2, convention: 'convolution' }),
    input: [2, 7, 7], label: 'conv2d s=[2,1] d=[1,2] g=2 flipped',
  },
  { spec: conv('linear', { useBias: false, padding: [1, 0] }), input: [1, 4, 4], label: 'conv2d no bias p=[1,0]' },
  ...activations.map((a): LayerCase => ({ spec: { kind: 'dense', units: 5, useBias: true, activation: a }, input: [7], label: `dense ${a}` })),
  { spec: { kind: 'locallyConnected2d', filters: 3, kernelSize: [2, 2], strides: [1, 1], useBias: true, activation: 'elu' }, input: [2, 4, 5] },
  { spec: { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' }, input: [2, 5, 5], h: 1e-4 },
  { spec: { kind: 'avgPool2d', poolSize: [3, 3], strides: [2, 2], padding: 'same' }, input: [2, 6, 5] },
  { spec: { kind: 'globalAvgPool2d' }, input: [3, 4, 4] },
  { spec: { kind: 'flatten' }, input: [2, 3, 3] },
  { spec: { kind: 'reshape', targetShape: [3, -1] }, input: [2, 3, 3] },
  { spec: { kind: 'activation', activation: 'softmax' }, input: [6], label: 'activation softmax' },
  { spec: { kind: 'activation', activation: 'elu' }, input: [2, 3, 3], label: 'activation elu' },
  { spec: { kind: 'dropout', rate: 0.4, granularity: 'element' }, input: [2, 3, 3], label: 'dropout element (training)' },
  { spec: { kind: 'dropout', rate: 0.4, granularity: 'channel' }, input: [4, 3, 3], label: 'dropout channel (training)' },
  { spec: { kind: 'dropout', rate: 0.4, granularity: 'element' }, input: [5], training: false, label: 'dropout (test)' },
  { spec: { kind: 'batchNorm', momentum: 0.99, epsilon: 1e-3 }, input: [2, 3, 3], label: 'batchNorm (training)' },
  { spec: { kind: 'batchNorm', momentum: 0.99, epsilon: 1e-3 }, input: [4], training: false, label: 'batchNorm (inference)' },
];

describe('every layer: backward agrees with finite differences for its input and params', () => {
  const rng = new Random(101);
  for (const c of cases) {
    test(`${c.label ?? c.spec.kind} on ${shapeToString(c.input)}`, () => {
      checkLayer(build(c.spec, c.input), c.training ?? true, rng, c.h ?? 1e-2);
    });
  }
});

describe('layer shapes and errors', () => {
  test('output shapes: conv same keeps H×W; strided valid shrinks it; flatten multiplies out', () => {
    assert.deepEqual(build(conv('relu'), [2, 5, 6]).outputShape, [4, 5, 6]);
    assert.deepEqual(build(conv('relu', { strides: [2, 2], padding: 'valid' }), [2, 7, 7]).outputShape, [4, 3, 3]);
    assert.deepEqual(build({ kind: 'flatten' }, [4, 3, 3]).outputShape, [36]);
  });

  test('dense on an image input asks for a Flatten', () => {
    assert.throws(() => build({ kind: 'dense', units: 3, useBias: true, activation: 'linear' }, [2, 3, 3]), /add a Flatten/);
  });

  test('in_channels / in_features written in the code must match the input', () => {
    assert.throws(() => build(conv('relu', { inChannels: 3 }), [2, 5, 5]), /written for 3 input channels/);
    assert.throws(
      () => build({ kind: 'dense', units: 3, useBias: true, activation: 'linear', inFeatures: 9 }, [8]),
      /written for 9 input features/,
    );
  });

  test('a reshape must keep the number of values', () => {
    assert.throws(() => build({ kind: 'reshape', targetShape: [5, -1] }, [2, 3, 3]), /cannot reshape/);
  });

  test('a layer built without an input gradient returns an empty one but still sets its params’ grads', () => {
    const layer = build(conv('relu'), [2, 5, 6], false);
    layer.forward(randomArray(new Random(2), BATCH * 60), true);
    assert.equal(layer.backward(randomArray(new Random(3), BATCH * 120)).length, 0);
    assert.ok(layer.params().every((p) => p.grad.some((g) => g !== 0)));
  });
});
