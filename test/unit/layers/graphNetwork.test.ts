// Networks over a graph: a residual add (the input read twice: fan-out), a channel
// concatenation, and the element-wise merges, each checked by finite differences of
// L = Σ forward(x)·r against backward(r), for the input and every trainable weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../../core/network';
import { INPUT_NODE, type LayerIR, type MergeSpec, type ModelIR } from '../../../core/model/ir';
import { Random } from '../../../core/random';
import { checkGradient, dotLoss, randomArray } from '../support/numeric';

const BATCH = 2;
const conv = (filters: number, name: string, inputs?: number[]): LayerIR => ({
  name,
  spec: { kind: 'conv2d', filters, kernelSize: [3, 3], strides: [1, 1], padding: 'same', dilation: [1, 1], groups: 1, useBias: true, activation: 'tanh' },
  ...(inputs ? { inputs } : {}),
});
const merge = (op: MergeSpec['op'], name: string, inputs: number[]): LayerIR => ({ name, spec: { kind: 'merge', op, ...(op === 'concatenate' ? { axis: 0 } : {}) }, inputs });

function residual(op: MergeSpec['op']): ModelIR {
  // conv0 → conv1 → op(conv1, conv0) → conv2 → op(·, input) when shapes allow → dense
  return {
    name: `residual-${op}`,
    inputShape: [3, 5, 4],
    layers: [
      conv(3, 'conv0'),
      conv(3, 'conv1'),
      merge(op, 'merge0', [1, 0]),
      conv(3, 'conv2'),
      merge(op, 'merge1', [3, INPUT_NODE]),
      { name: 'flatten', spec: { kind: 'flatten' } },
      { name: 'dense', spec: { kind: 'dense', units: 4, useBias: true, activation: 'linear' } },
    ],
  };
}

function check(ir: ModelIR, built?: Network): void {
  const net = built ?? Network.fromIR(ir, { batchSize: BATCH, seed: 3, inputGradient: true, loss: 'meanSquaredError' });
  const rng = new Random(9);
  const x = randomArray(rng, BATCH * ir.inputShape.reduce((a, b) => a * b, 1));
  const r = randomArray(rng, BATCH * 4);
  net.forward(x, true);
  const dx = net.backward(r).slice();
  const loss = (): number => dotLoss(net.forward(x, true), r);
  checkGradient(`${ir.name} dInput`, x, dx, loss, { samples: 40 });
  for (const p of net.params()) if (p.trainable) checkGradient(`${ir.name} ${p.name}`, p.value, p.grad.slice(), loss, { samples: 25 });
}

for (const op of ['add', 'subtract', 'multiply', 'average'] as const) {
  test(`a ${op} merge with fan-out: every gradient equals its finite difference`, () => check(residual(op)));
}

test('a channel concatenation of two branches and the input: shapes add up, gradients split back', () => {
  const ir: ModelIR = {
    name: 'inception',
    inputShape: [2, 4, 4],
    layers: [
      conv(3, 'branch1'),
      conv(1, 'branch2a', [INPUT_NODE]),
      conv(2, 'branch2b'),
      merge('concatenate', 'concat', [0, 2, INPUT_NODE]),
      { name: 'pool', spec: { kind: 'globalAvgPool2d' } },
      { name: 'dense', spec: { kind: 'dense', units: 4, useBias: true, activation: 'linear' } },
    ],
  };
  const net = Network.fromIR(ir, { batchSize: BATCH, inputGradient: true, loss: 'meanSquaredError' });
  assert.deepEqual(net.layers[3]!.outputShape, [7, 4, 4]);
  check(ir, net);
});

test('a graph trains: softmax cross-entropy falls over a few SGD steps on fixed data', () => {
  const ir: ModelIR = { ...residual('add'), layers: [...residual('add').layers.slice(0, 6), { name: 'dense', spec: { kind: 'dense', units: 3, useBias: true, activation: 'softmax' } }] };
  const net = Network.fromIR(ir, { batchSize: 4, seed: 1 });
  const rng = new Random(2);
  const x = randomArray(rng, 4 * 3 * 5 * 4);
  const labels = [0, 1, 2, 1];
  const losses: number[] = [];
  for (let step = 0; step < 30; step++) {
    net.forward(x, true);
    losses.push(net.computeLoss(labels));
    net.backward();
    for (const p of net.params()) if (p.trainable) for (let i = 0; i < p.value.length; i++) p.value[i]! -= 0.1 * p.grad[i]!;
  }
  assert.ok(losses[losses.length - 1]! < losses[0]! * 0.5, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
});

test('a chain keeps the chain path; several outputs are refused with a reason; height concatenation runs', () => {
  const twoHeads: ModelIR = { ...residual('add'), outputs: [5, 6] };
  assert.throws(() => Network.fromIR(twoHeads, { batchSize: 1 }), /several outputs/);
  const rows: ModelIR = { name: 'rows', inputShape: [1, 2, 2], layers: [conv(1, 'a'), { name: 'cat', spec: { kind: 'merge', op: 'concatenate', axis: 1 }, inputs: [0, INPUT_NODE] }] };
  assert.deepEqual(Network.fromIR(rows, { batchSize: 1 }).outputShape, [1, 4, 2]);
});
