// Monte-Carlo dropout: seeded, replayable masks, the running average as N grows, and the
// spread of the predictions (MC dropout's uncertainty).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactExpectation, monteCarloExpectation, plainMlpForward, replayMask, type DropoutSite } from '../../../core/dropout';

const mlp = {
  layers: [
    { weights: [[0.5, -1, 0.25, 2], [1, 1, -0.5, 0.3], [-0.7, 0.2, 0.9, -1.1]], bias: [0.1, 0, -0.2], activation: 'relu' as const },
    { weights: [[1, -2, 0.5], [0.3, 0.8, -1]], activation: 'softmax' as const },
  ],
  dropoutOn: [0, 1],
};
const forward = plainMlpForward(mlp);
const input = [1, 0.5, -1.5, 2];
const site: DropoutSite = { units: 7, keepProb: 0.6, convention: 'inverted' };

test('the same seed replays the same masks and the same average; another seed does not', () => {
  const a = monteCarloExpectation(forward, input, site, { samples: 64, seed: 42, keepMasks: true });
  const b = monteCarloExpectation(forward, input, site, { samples: 64, seed: 42, keepMasks: true });
  const c = monteCarloExpectation(forward, input, site, { samples: 64, seed: 43, keepMasks: true });
  assert.deepEqual(a.masks, b.masks);
  assert.deepEqual(a.mean, b.mean);
  assert.notDeepEqual(a.masks, c.masks);
});

test('replayMask(seed, i) redraws mask i alone, equal to the i-th mask of the run', () => {
  const run = monteCarloExpectation(forward, input, site, { samples: 20, seed: 7, keepMasks: true });
  for (const i of [0, 1, 13, 19]) {
    assert.deepEqual(replayMask(site, 7, i), run.masks!.subarray(i * 7, (i + 1) * 7), `mask ${i}`);
  }
});

test('the running average: row 0 is the first prediction, the last row is the mean, each row the mean so far', () => {
  const r = monteCarloExpectation(forward, input, site, { samples: 25, seed: 3, keepOutputs: true });
  const k = r.outputSize;
  assert.equal(k, 2);
  assert.deepEqual(r.runningMean.subarray(0, k), r.outputs!.subarray(0, k));
  assert.deepEqual(Array.from(r.runningMean.subarray(24 * k)), Array.from(r.mean));
  for (let n = 1; n <= 25; n++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += r.outputs![i * k + j]!;
      assert.ok(Math.abs(r.runningMean[(n - 1) * k + j]! - s / n) < 1e-14, `n = ${n}`);
    }
  }
});

test('with 20 000 masks the average and the spread approach the exact mean and std over all 2^7 masks', () => {
  const exact = exactExpectation(forward, input, site);
  const r = monteCarloExpectation(forward, input, site, { samples: 20000, seed: 1 });
  for (let j = 0; j < 2; j++) {
    assert.ok(Math.abs(r.mean[j]! - exact.mean[j]!) < 4 * r.standardError[j]!, `mean ${j}: ${r.mean[j]} vs ${exact.mean[j]}`);
    assert.ok(Math.abs(r.std[j]! - exact.std[j]!) < 0.05 * exact.std[j]!, `std ${j}: ${r.std[j]} vs ${exact.std[j]}`);
  }
  assert.ok(r.std[0]! > 0.05, 'dropout makes the prediction uncertain');
});

test('units are kept with the keep probability: 0.3 of 200 units × 500 masks', () => {
  const wide = { units: 200, keepProb: 0.3, convention: 'standard' as const };
  const r = monteCarloExpectation(() => [0], null, wide, { samples: 500, seed: 5, keepMasks: true });
  const kept = r.masks!.reduce((s, k) => s + k, 0) / r.masks!.length;
  assert.ok(Math.abs(kept - 0.3) < 0.01, `${kept}`);
});

test('the forward receives the convention\'s multipliers: 0 or 1/p (inverted), 0 or 1 (standard)', () => {
  const seen = new Set<number>();
  const record = (_: null, mask: Float64Array): number[] => { mask.forEach((m) => seen.add(m)); return [0]; };
  monteCarloExpectation(record, null, { units: 50, keepProb: 0.25, convention: 'inverted' }, { samples: 10, seed: 1 });
  assert.deepEqual([...seen].sort(), [0, 4]);
  seen.clear();
  monteCarloExpectation(record, null, { units: 50, keepProb: 0.25, convention: 'standard' }, { samples: 10, seed: 1 });
  assert.deepEqual([...seen].sort(), [0, 1]);
});

test('one sample has zero spread; zero samples are refused', () => {
  assert.deepEqual(Array.from(monteCarloExpectation(forward, input, site, { samples: 1, seed: 1 }).std), [0, 0]);
  assert.throws(() => monteCarloExpectation(forward, input, site, { samples: 0, seed: 1 }), RangeError);
});
