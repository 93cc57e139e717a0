import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUICK_DEPTH_SETTINGS, type DepthSettings } from '../../../core/lessons/depthExperiment';
import { depthJob, type DepthProgress } from '../../../core/worker/depthJob';
import type { JobContext } from '../../../core/worker/loop';

function context(progress: DepthProgress[], cancelAfterResults = Infinity): JobContext<DepthProgress> {
  let cancelled = false;
  return {
    progress: (p) => {
      progress.push(p);
      if (p.type === 'result' && progress.filter((x) => x.type === 'result').length >= cancelAfterResults) cancelled = true;
    },
    get cancelled() {
      return cancelled;
    },
    checkpoint: async () => {
      if (cancelled) throw new Error('cancelled');
    },
  };
}

const settings: DepthSettings = {
  ...QUICK_DEPTH_SETTINGS,
  depths: [0, 1, 2],
  units: 32,
  classes: 4,
  dataset: { name: 'bars', trainCount: 256, testCount: 64, seed: 1 },
  epochs: 2,
  batchSize: 64,
};

test('depth experiment job: one result per depth, streamed as each finishes, with epochs in between', async () => {
  const progress: DepthProgress[] = [];
  const result = await depthJob({ settings }, context(progress), { mnist: undefined });
  assert.deepEqual(result.results.map((r) => r.depth), [0, 1, 2]);
  const results = progress.filter((p) => p.type === 'result');
  assert.deepEqual(results.map((p) => p.type === 'result' && [p.result.depth, p.done, p.total]), [[0, 1, 3], [1, 2, 3], [2, 3, 3]]);
  const epochs = progress.filter((p) => p.type === 'epoch');
  assert.deepEqual([...new Set(epochs.map((p) => p.type === 'epoch' && p.depth))], [0, 1, 2], 'epoch progress names its depth');
  // Parameters grow by one hidden Dense(32) each: 32·32 + 32 = 1056 (the first one 784·32 + 32, replacing 784·4 + 4).
  assert.equal(result.results[2]!.params - result.results[1]!.params, 32 * 32 + 32);
  assert.ok(result.results.every((r) => r.validAccuracy >= 0 && r.validAccuracy <= 1));
});

test('kept depths are not trained again; a cancel between depths stops the loop', async () => {
  const first: DepthProgress[] = [];
  const partial = await depthJob({ settings: { ...settings, depths: [0, 1] } }, context(first), { mnist: undefined });
  const again: DepthProgress[] = [];
  const full = await depthJob({ settings, previous: partial.results }, context(again), { mnist: undefined });
  assert.deepEqual(again.filter((p) => p.type === 'result').map((p) => p.type === 'result' && p.result.depth), [2], 'only the new depth trains');
  assert.deepEqual(full.results.slice(0, 2), partial.results);
  const cancelled: DepthProgress[] = [];
  await assert.rejects(depthJob({ settings }, context(cancelled, 1), { mnist: undefined }), /cancelled/);
  assert.equal(cancelled.filter((p) => p.type === 'result').length, 1);
});
