import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelIR } from '../../../core/model/ir';
import { Network } from '../../../core/network';
import { SGD } from '../../../core/optim';
import { Random } from '../../../core/random';
import { conv, dense, flatten, maxPool, model, teachingCnn } from '../support/models';
import { assertClose, randomArray } from '../support/numeric';
import { onBoth } from './paths';

/**
 * Whole networks trained a few SGD steps from the same seed on each side: the losses and the
 * weights must stay within float32 rounding of each other (the wasm kernels round products
 * before adding them and sum in float32; the TypeScript loops sum in float64).
 */
function train(ir: ModelIR, batch: number, steps: number): { losses: number[]; weights: Float32Array[]; output: Float32Array } {
  const rng = new Random(7);
  const pixels = ir.inputShape.reduce((a, b) => a * b, 1);
  const x = randomArray(rng, batch * pixels, 0, 1);
  const labels = Uint8Array.from({ length: batch }, () => rng.int(10));
  const net = Network.fromIR(ir, { batchSize: batch, seed: 3, loss: 'softmaxCrossEntropy' });
  const sgd = new SGD(net.params().filter((p) => p.trainable), { learningRate: 0.1, momentum: 0.9 });
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    // The last step runs on a smaller batch, as the last mini-batch of an epoch does.
    const n = s === steps - 1 ? batch - 3 : batch;
    net.setBatchSize(n);
    net.forward(x.subarray(0, n * pixels), true);
    losses.push(net.computeLoss(labels.subarray(0, n)));
    net.backward();
    sgd.step();
  }
  return { losses, weights: net.params().map((p) => p.value.slice()), output: net.output.slice() };
}

describe('networks train alike on the TypeScript loops and on the wasm kernels', () => {
  const nets: [string, ModelIR][] = [
    ['the teaching CNN (conv+ReLU fused, 2×2 max pool, dense)', teachingCnn()],
    ['tanh and linear convs, same padding, 3×3 max pool', model('other activations', [2, 15, 13], [
      conv(5, 3, 'tanh', 'same'), maxPool(3), conv(4, 2, 'linear'), flatten, dense(10, 'softmax'),
    ])],
  ];
  for (const [name, ir] of nets) {
    test(name, () => {
      const [js, wasm] = onBoth(() => train(ir, 16, 4));
      wasm.losses.forEach((l, i) => assert.ok(Math.abs(l - js.losses[i]!) <= 1e-5 * Math.max(1, Math.abs(l)), `loss ${i}: ${l} vs ${js.losses[i]}`));
      wasm.weights.forEach((w, i) => assertClose(w, js.weights[i]!, `param ${i}`, { rtol: 1e-4 }));
      assertClose(wasm.output, js.output, 'last output', { rtol: 1e-4 });
    });
  }
});
