// Weight scaling against the exact expectation: exact for networks linear in the dropped
// units, an approximation after a nonlinearity; and the two conventions agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareEstimates, exactExpectation, plainMlpDropoutUnits, plainMlpForward, siteFromRate, testMultiplier, keptMultiplier,
  weightScaling, type DropoutConvention, type PlainMlp,
} from '../../../core/dropout';
import { Random } from '../../../core/random';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

function randomMatrix(random: Random, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.uniform(-1, 1)));
}

// The lecture's 3-layer network: H1 = relu(W1 X + b1), H2 = relu(W2 H1 + b2), out = W3 H2 + b3.
function lectureNet(seed: number, dropoutOn: number[], outputActivation: 'linear' | 'softmax' = 'linear'): PlainMlp {
  const random = new Random(seed);
  return {
    layers: [
      { weights: randomMatrix(random, 5, 4), bias: [0.1, -0.2, 0.3, 0, 0.05], activation: 'relu' },
      { weights: randomMatrix(random, 6, 5), bias: [0, 0.1, -0.1, 0.2, 0, -0.3], activation: 'relu' },
      { weights: randomMatrix(random, 3, 6), bias: [0.5, -0.5, 0], activation: outputActivation },
    ],
    dropoutOn,
  };
}
const x = [0.9, -0.4, 1.3, 0.2];

for (const convention of ['standard', 'inverted'] as const) {
  test(`${convention}: training-pass expectation equals the test pass when only the last hidden layer is dropped (linear after it)`, () => {
    const mlp = lectureNet(1, [2]);
    const site = { units: plainMlpDropoutUnits(mlp), keepProb: 0.6, convention };
    const forward = plainMlpForward(mlp);
    close(weightScaling(forward, x, site), exactExpectation(forward, x, site).mean, 1e-12, 'weight scaling vs exact');
  });

  test(`${convention}: dropout on the input of a linear layer — weight scaling is exact (the lecture's neuron, 12 inputs)`, () => {
    const random = new Random(3);
    const mlp: PlainMlp = { layers: [{ weights: randomMatrix(random, 2, 12), bias: [0.5, -1] }], dropoutOn: [0] };
    const input = Array.from({ length: 12 }, () => random.uniform(-2, 2));
    const site = { units: 12, keepProb: 0.3, convention };
    const forward = plainMlpForward(mlp);
    close(weightScaling(forward, input, site), exactExpectation(forward, input, site).mean, 1e-12, 'weight scaling vs exact');
  });
}

test('relu after the dropped units: weight scaling is only an approximation (x = (1, −1), w = (1, 1), p = 1/2: exact 1/4, scaled 0)', () => {
  const forward = plainMlpForward({ layers: [{ weights: [[1, 1]], activation: 'relu' }], dropoutOn: [0] });
  const site = { units: 2, keepProb: 0.5, convention: 'standard' as const };
  // masks: both kept relu(0) = 0; x1 only relu(1) = 1; x2 only relu(−1) = 0; none 0
  assert.equal(exactExpectation(forward, [1, -1], site).mean[0], 0.25);
  assert.equal(weightScaling(forward, [1, -1], site)[0], 0);
});

test('lecture net with both hidden layers dropped and a softmax output: a visible gap, and probabilities still sum to 1', () => {
  const mlp = lectureNet(5, [1, 2], 'softmax');
  const forward = plainMlpForward(mlp);
  const site = { units: plainMlpDropoutUnits(mlp), keepProb: 0.5, convention: 'inverted' as const };
  assert.equal(site.units, 11);
  const r = compareEstimates(forward, x, site, { samples: 2000, seed: 9 });
  assert.ok(r.exact);
  assert.ok(r.gaps.weightScalingVsExact!.maxAbs > 1e-3, `gap ${r.gaps.weightScalingVsExact!.maxAbs}`);
  assert.ok(Math.abs(r.exact.mean.reduce((s, v) => s + v, 0) - 1) < 1e-12, 'an average of distributions is a distribution');
  // The Monte-Carlo average lands within 4 standard errors of the exact value on every output.
  for (let j = 0; j < 3; j++) {
    assert.ok(Math.abs(r.gaps.monteCarloVsExact!.difference[j]!) < 4 * r.monteCarlo.standardError[j]! + 1e-12, `output ${j}`);
  }
});

test('standard and inverted dropout give the same expectation: an inverted net equals a standard net whose next weights are divided by p', () => {
  const p = 0.7;
  const inverted = lectureNet(2, [2]);
  const last = inverted.layers[2]!;
  const standard: PlainMlp = { ...inverted, layers: [inverted.layers[0]!, inverted.layers[1]!, { ...last, weights: last.weights.map((row) => row.map((w) => w / p)) }] };
  const invSite = { units: 6, keepProb: p, convention: 'inverted' as const };
  const stdSite = { units: 6, keepProb: p, convention: 'standard' as const };
  const fInv = plainMlpForward(inverted);
  const fStd = plainMlpForward(standard);
  close(exactExpectation(fStd, x, stdSite).mean, exactExpectation(fInv, x, invSite).mean, 1e-12, 'exact');
  close(weightScaling(fStd, x, stdSite), weightScaling(fInv, x, invSite), 1e-12, 'test pass');
  // The same seed draws the same masks in both conventions.
  const mcStd = compareEstimates(fStd, x, stdSite, { samples: 300, seed: 4 }).monteCarlo;
  const mcInv = compareEstimates(fInv, x, invSite, { samples: 300, seed: 4 }).monteCarlo;
  close(mcStd.mean, mcInv.mean, 1e-12, 'monte carlo');
});

test('the multipliers: standard keeps 1 and tests with p; inverted keeps 1/p and tests with 1; both average to the test value', () => {
  for (const convention of ['standard', 'inverted'] as DropoutConvention[]) {
    for (const p of [0.2, 0.5, 0.8, 1]) {
      const expectedTrain = p * keptMultiplier(convention, p);
      assert.ok(Math.abs(expectedTrain - testMultiplier(convention, p)) < 1e-15, `${convention} p = ${p}`);
    }
  }
  assert.equal(testMultiplier('standard', 0.3), 0.3);
  assert.equal(keptMultiplier('inverted', 0.5), 2);
});

test('keep probability 1 keeps everything: exact, Monte Carlo and weight scaling all equal the plain forward pass', () => {
  const mlp = lectureNet(8, [1, 2], 'softmax');
  const forward = plainMlpForward(mlp);
  const plain = Float64Array.from(forward(x, new Float64Array(11).fill(1)));
  for (const convention of ['standard', 'inverted'] as const) {
    const r = compareEstimates(forward, x, { units: 11, keepProb: 1, convention }, { samples: 50, seed: 1, keepMasks: true });
    close(r.exact!.mean, plain, 1e-15, 'exact');
    close(r.monteCarlo.mean, plain, 1e-15, 'monte carlo');
    close(r.weightScaling, plain, 1e-15, 'weight scaling');
    assert.ok(r.monteCarlo.masks!.every((k) => k === 1));
    assert.ok(r.monteCarlo.std.every((s) => s === 0));
  }
});

test('a framework layer\'s drop rate becomes the lecture\'s keep probability: Dropout(0.25) keeps with p = 0.75, inverted', () => {
  assert.deepEqual(siteFromRate(0.25, 128), { units: 128, keepProb: 0.75, convention: 'inverted' });
});

test('too many units for enumeration: compareEstimates still gives Monte Carlo and weight scaling, exact is null', () => {
  const n = 30;
  const forward = plainMlpForward({ layers: [{ weights: [Array.from({ length: n }, () => 1)], activation: 'relu' }], dropoutOn: [0] });
  const r = compareEstimates(forward, Array.from({ length: n }, () => 1), { units: n, keepProb: 0.5, convention: 'standard' }, { samples: 100, seed: 2 });
  assert.equal(r.exact, null);
  assert.equal(r.gaps.weightScalingVsExact, null);
  assert.equal(r.weightScaling[0], 15);
  assert.ok(Number.isFinite(r.gaps.monteCarloVsWeightScaling.maxAbs));
});
