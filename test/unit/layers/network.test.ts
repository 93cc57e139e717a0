import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DropoutLayer } from '../../../core/layers/dropout';
import type { LayerSpec, ModelIR } from '../../../core/model/ir';
import { Network, type NetworkOptions } from '../../../core/network';
import { Random } from '../../../core/random';
import { sizeOf } from '../../../core/tensor';
import { checkGradient, randomArray } from '../support/numeric';
import { conv, dense, flatten, maxPool, model, teachingCnn } from '../support/models';

function labelsFor(rng: Random, n: number, classes: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.int(classes));
}

/** A small network with every kind of layer between its input and a softmax. */
function smallNet(): ModelIR {
  const specs: LayerSpec[] = [
    conv(3, 3, 'tanh', 'same'),
    { kind: 'batchNorm', momentum: 0.9, epsilon: 1e-3 },
    { kind: 'avgPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' },
    conv(4, 2, 'elu'),
    { kind: 'dropout', rate: 0.25, granularity: 'channel' },
    flatten,
    dense(6, 'sigmoid'),
    { kind: 'dropout', rate: 0.5, granularity: 'element' },
    dense(4, 'softmax'),
  ];
  return model('small', [2, 6, 5], specs);
}

/** Reseeds every dropout layer, so that a forward pass is a fixed function of its inputs. */
function fixMasks(net: Network): void {
  net.layers.forEach((l, i) => {
    if (l instanceof DropoutLayer) l.reseed(1000 + i);
  });
}

describe('a whole network: backward of the loss agrees with finite differences', () => {
  const cases: readonly { label: string; ir: ModelIR; options: Partial<NetworkOptions> }[] = [
    { label: 'conv tanh, batchNorm, avgpool, conv elu, spatial dropout, dense sigmoid, dropout, dense softmax + cross-entropy', ir: smallNet(), options: {} },
    { label: 'the same with standard dropout', ir: smallNet(), options: { dropoutConvention: 'standard' } },
    { label: 'conv relu, maxpool, dense linear + mean squared error', ir: model('mse', [1, 6, 6], [conv(2, 3, 'relu'), maxPool(2), flatten, dense(3)]), options: {} },
  ];
  for (const c of cases) {
    test(c.label, () => {
      const rng = new Random(111);
      const batch = 3;
      const net = Network.fromIR(c.ir, { batchSize: batch, seed: 5, inputGradient: true, ...c.options });
      const x = randomArray(rng, batch * sizeOf(net.inputShape));
      const targets = net.loss === 'softmaxCrossEntropy'
        ? labelsFor(rng, batch, net.outputShape[0]!)
        : randomArray(rng, batch * sizeOf(net.outputShape));
      const loss = (): number => {
        fixMasks(net);
        net.forward(x, true);
        return net.computeLoss(targets);
      };
      loss();
      const dx = net.backward().slice();
      checkGradient('dInput', x, dx, loss, { h: 1e-3, samples: 40, atol: 2e-4 });
      for (const p of net.params()) {
        if (p.trainable) checkGradient(p.name, p.value, p.grad.slice(), loss, { h: 1e-3, samples: 30, atol: 2e-4 });
      }
    });
  }
});

describe('the teaching CNN', () => {
  const net = Network.fromIR(teachingCnn(), { batchSize: 4, seed: 1 });

  test('infers the output shape of every layer', () => {
    assert.deepEqual(net.layers.map((l) => l.outputShape), [[8, 26, 26], [8, 13, 13], [16, 11, 11], [16, 5, 5], [400], [10]]);
    assert.deepEqual(net.outputShape, [10]);
  });

  test('has 80 + 1168 + 4010 weights, named layer/param', () => {
    assert.deepEqual(net.params().map((p) => [p.name, p.value.length]), [
      ['conv2d_0/kernel', 72], ['conv2d_0/bias', 8], ['conv2d_2/kernel', 1152], ['conv2d_2/bias', 16],
      ['dense_5/kernel', 4000], ['dense_5/bias', 10],
    ]);
  });

  test('defaults to softmax cross-entropy and returns no input gradient unless asked', () => {
    assert.equal(net.loss, 'softmaxCrossEntropy');
    const rng = new Random(2);
    net.forward(randomArray(rng, 4 * 784, 0, 1), true);
    net.computeLoss([1, 2, 3, 4]);
    assert.equal(net.backward().length, 0);
  });

  test('the fused loss equals −log of the softmax output, and stays finite where that would not', () => {
    const rng = new Random(3);
    const out = net.forward(randomArray(rng, 4 * 784, 0, 1), false);
    const labels = [0, 3, 5, 9];
    const expected = labels.reduce((s, l, n) => s - Math.log(out[n * 10 + l]!), 0) / 4;
    assert.ok(Math.abs(net.computeLoss(labels) - expected) < 1e-5);
    const big = net.forward(randomArray(rng, 4 * 784, 0, 1e6), false);
    assert.ok(big.some((p) => p === 0), 'some probability underflows to 0');
    assert.ok(Number.isFinite(net.computeLoss(labels)));
  });

  test('a few SGD steps on one batch lower its loss', () => {
    const rng = new Random(4);
    const x = randomArray(rng, 4 * 784, 0, 1);
    const labels = [7, 1, 4, 1];
    const losses: number[] = [];
    for (let step = 0; step < 5; step++) {
      net.forward(x, true);
      losses.push(net.computeLoss(labels));
      net.backward();
      for (const p of net.params()) for (let i = 0; i < p.value.length; i++) p.value[i] = p.value[i]! - 0.1 * p.grad[i]!;
    }
    assert.ok(losses[4]! < losses[0]! * 0.8, `losses ${losses.join(', ')}`);
  });
});

describe('network construction', () => {
  test('the same seed gives the same weights; another seed other weights', () => {
    const a = Network.fromIR(teachingCnn(), { batchSize: 2, seed: 9 }).toJSON();
    const b = Network.fromIR(teachingCnn(), { batchSize: 2, seed: 9 }).toJSON();
    const c = Network.fromIR(teachingCnn(), { batchSize: 2, seed: 10 }).toJSON();
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  test('weights survive JSON: a network loaded from another one computes the same outputs', () => {
    const a = Network.fromIR(smallNet(), { batchSize: 2, seed: 1 });
    const b = Network.fromIR(smallNet(), { batchSize: 2, seed: 2 });
    const x = randomArray(new Random(5), 2 * 60);
    a.forward(x, true); // moves batch-norm statistics away from their start
    b.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    assert.deepEqual(b.forward(x, false), a.forward(x, false));
  });

  test('weights of another architecture are refused with the layer that differs', () => {
    const a = Network.fromIR(teachingCnn(), { batchSize: 1 });
    const other = model('other', [1, 28, 28], [conv(4, 3), maxPool(2), conv(16, 3), maxPool(2), flatten, dense(10, 'softmax')]);
    const b = Network.fromIR(other, { batchSize: 1 });
    assert.throws(() => b.fromJSON(a.toJSON()), /conv2d_0\/kernel: expected shape \[4,1,3,3\], got \[8,1,3,3\]/);
  });

  test('a smaller batch reuses the buffers and computes the same as the first examples of a full one', () => {
    const net = Network.fromIR(teachingCnn(), { batchSize: 4, seed: 1 });
    const x = randomArray(new Random(6), 4 * 784, 0, 1);
    const full = net.forward(x, false).slice();
    net.setBatchSize(2);
    const part = net.forward(x.subarray(0, 2 * 784), false);
    assert.equal(part.length, 20);
    assert.deepEqual(part, full.subarray(0, 20));
    assert.throws(() => net.setBatchSize(5), /outside 1…4/);
    assert.throws(() => net.forward(x, false), /input has 3136 values; 2 × \[1,28,28\] needs 1568/);
  });

  test('shape errors name the layer they come from', () => {
    const bad = model('bad', [1, 8, 8], [conv(2, 3), dense(3)]);
    assert.throws(() => Network.fromIR(bad, { batchSize: 1 }), /layer 1 'dense_1' \(dense\) on input \[2,6,6\]: .*add a Flatten/);
    const tooBig = model('big', [1, 2, 2], [conv(2, 3)]);
    assert.throws(() => Network.fromIR(tooBig, { batchSize: 1 }), /layer 0 'conv2d_0'.*does not fit the 2×2 input/);
  });

  test('cross-entropy needs a softmax or logits output', () => {
    const ir = model('sig', [3], [dense(2, 'sigmoid')]);
    assert.throws(() => Network.fromIR(ir, { batchSize: 1, loss: 'softmaxCrossEntropy' }), /needs a softmax output/);
    assert.equal(Network.fromIR(model('logits', [3], [dense(2)]), { batchSize: 1, loss: 'softmaxCrossEntropy' }).loss, 'softmaxCrossEntropy');
  });

  test('backward without a loss is refused', () => {
    const net = Network.fromIR(teachingCnn(), { batchSize: 1 });
    net.forward(new Float32Array(784), false);
    assert.throws(() => net.backward(), /needs computeLoss/);
  });
});

describe('dropout layers in a network', () => {
  test('masks replay after reseed; test passes use no mask', () => {
    const ir = model('d', [10], [{ kind: 'dropout', rate: 0.5, granularity: 'element' }]);
    const net = Network.fromIR(ir, { batchSize: 2, seed: 3 });
    const layer = net.layers[0] as DropoutLayer;
    const x = randomArray(new Random(7), 20, 1, 2);
    layer.reseed(42);
    const first = net.forward(x, true).slice();
    const second = net.forward(x, true).slice();
    assert.notDeepEqual(first, second);
    layer.reseed(42);
    assert.deepEqual(net.forward(x, true), first);
    assert.deepEqual(net.forward(x, false), x);
    assert.equal(layer.keepProb, 0.5);
    assert.equal(layer.dropRate, 0.5);
  });

  test('standard dropout scales by keepProb at test time and not in training', () => {
    const ir = model('d', [10], [{ kind: 'dropout', rate: 0.2, granularity: 'element' }]);
    const net = Network.fromIR(ir, { batchSize: 1, dropoutConvention: 'standard' });
    const x = randomArray(new Random(8), 10, 1, 2);
    assert.deepEqual(net.forward(x, false), x.map((v) => v * 0.8));
    const kept = net.forward(x, true);
    assert.ok(Array.from(kept).every((v, i) => v === 0 || v === x[i]));
  });
});
