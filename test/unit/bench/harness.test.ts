import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../core/data/dataset';
import { barsDataset } from '../../../core/data/procedural';
import { ConvlabSystem } from '../../../cli/bench/convlabSystem';
import { runEpoch } from '../../../cli/bench/epoch';
import type { BenchReport } from '../../../cli/bench/run';
import { formatReport, reportJson } from '../../../cli/bench/report';
import { runBenchmark } from '../../../cli/bench/run';
import type { BenchSystem, Classifier } from '../../../cli/bench/system';
import { BATCH, makeBenchInputs } from '../../../cli/bench/system';
import type { TimingBudget } from '../../../cli/bench/timing';

const tiny: TimingBudget = { warmupSeconds: 0, warmupCalls: 1, seconds: 0.005, minCalls: 3 };

/** A system that records what the harness asks of it. */
function stubSystem(name: string, log: string[], failIn?: 'setup' | 'trainBatch'): BenchSystem {
  return {
    name,
    note: `${name} stub`,
    async setup() {
      log.push(`${name}.setup`);
      if (failIn === 'setup') throw new Error('no backend here');
    },
    forwardBatch: () => void log.push(`${name}.forward`),
    trainBatch: () => {
      if (failIn === 'trainBatch') throw new Error('diverged');
      log.push(`${name}.train`);
    },
    bigConv: () => void log.push(`${name}.bigConv`),
    dispose: () => void log.push(`${name}.dispose`),
  };
}

test('runBenchmark sets every system up, measures each figure in interleaved rounds, disposes all, and reports positive rates', async () => {
  const log: string[] = [];
  const report = await runBenchmark([stubSystem('a', log), stubSystem('b', log)], makeBenchInputs(), { budget: tiny, log: () => {} });
  const phases = log.filter((l) => l.startsWith('a.')).filter((l, i, all) => l !== all[i - 1]);
  assert.deepEqual(phases, ['a.setup', 'a.forward', 'a.train', 'a.bigConv', 'a.dispose']);
  const forwardTurns = log.filter((l) => l.endsWith('.forward')).filter((l, i, all) => l !== all[i - 1]);
  assert.deepEqual(forwardTurns, ['a.forward', 'b.forward', 'a.forward', 'b.forward', 'a.forward', 'b.forward'], 'the systems take turns, three rounds');
  assert.ok(log.indexOf('b.setup') < log.indexOf('a.forward'), 'all set up before any is timed');
  assert.ok(log.filter((l) => l === 'a.train').length >= 1 + tiny.minCalls, 'warm-up call plus timed calls');
  assert.deepEqual(Object.keys(report.figures), ['a', 'b']);
  for (const f of Object.values(report.figures)) {
    assert.ok(f.forwardImgPerSec > 0 && Number.isFinite(f.forwardImgPerSec));
    assert.ok(f.trainImgPerSec > 0 && f.bigConvGflops > 0);
  }
});

test('a failing system is reported, still disposed, and does not stop the others', async () => {
  const log: string[] = [];
  const report = await runBenchmark(
    [stubSystem('bad', log, 'trainBatch'), stubSystem('nobackend', log, 'setup'), stubSystem('good', log)],
    makeBenchInputs(),
    { budget: tiny, log: () => {} },
  );
  assert.deepEqual(Object.keys(report.figures), ['good']);
  assert.deepEqual(report.failures, { bad: 'diverged', nobackend: 'no backend here' });
  assert.ok(log.includes('bad.dispose') && log.includes('nobackend.dispose'));
});

const report: BenchReport = {
  figures: {
    convlab: { forwardImgPerSec: 6000, trainImgPerSec: 1600, bigConvGflops: 20 },
    'tfjs-wasm': { forwardImgPerSec: 10000, trainImgPerSec: 1000, bigConvGflops: 25 },
  },
  notes: { convlab: 'x', 'tfjs-wasm': 'y' },
  failures: {},
  skipped: {},
};

test('--json output is one object keyed by system, every system with the same keys (null where not measured)', () => {
  const parsed = JSON.parse(reportJson(report)) as Record<string, Record<string, number | null>>;
  assert.deepEqual(Object.keys(parsed), ['convlab', 'tfjs-wasm']);
  for (const key of ['trainImgPerSec', 'forwardImgPerSec', 'bigConvGflops', 'denseStepGflops', 'depth24EpochSeconds']) assert.ok(key in parsed['convlab']!, key);
  assert.equal(parsed['convlab']!['trainImgPerSec'], 1600);
  assert.equal(parsed['convlab']!['denseStepGflops'], null);
  assert.ok(!reportJson(report).includes('\n'), 'one line');
});

test('the table states the targets against tfjs-wasm: train 1.60× met, forward 0.60× met', () => {
  const text = formatReport(report);
  assert.match(text, /train 1\.60× \(target ≥ 1\.5×: met\)/);
  assert.match(text, /forward 0\.60× \(target ≥ 0\.5×: met\)/);
  const slow = { ...report, figures: { ...report.figures, convlab: { forwardImgPerSec: 4000, trainImgPerSec: 1400, bigConvGflops: 1 } } };
  assert.match(formatReport(slow), /train 1\.40× \(target ≥ 1\.5×: NOT met\).*forward 0\.40× \(target ≥ 0\.5×: NOT met\)/);
});

test('runEpoch shows every training image once per epoch in batches of 64 and scores the test set', () => {
  // Image i of 130 has every pixel = i, so what the model receives can be traced back.
  const size = 4;
  const train = { images: Float32Array.from({ length: 130 * size }, (_, k) => Math.floor(k / size)), labels: Uint8Array.from({ length: 130 }, (_, i) => i % 4), count: 130 };
  const test = { images: new Float32Array(8 * size), labels: Uint8Array.from([0, 1, 0, 2, 0, 3, 0, 1]), count: 8 };
  const data: Dataset = { name: 'trace', inputShape: [1, 2, 2], numClasses: 4, classNames: ['a', 'b', 'c', 'd'], train, test };
  const seen: number[] = [];
  const sizes: number[] = [];
  let resetWith: [number, number] | undefined;
  const model: Classifier = {
    reset: (seed, lr) => void (resetWith = [seed, lr]),
    trainStep: (images, labels, n) => {
      sizes.push(n);
      for (let i = 0; i < n; i++) {
        const id = images[i * size]!;
        assert.equal(labels[i], id % 4, 'each label travels with its image');
        seen.push(id);
      }
      return 1;
    },
    predict: (_images, n, out) => out.fill(0, 0, n), // always "class 0": right on 4 of the 8
  };
  const result = runEpoch(model, data, { seed: 3, learningRate: 0.05 });
  assert.deepEqual(resetWith, [3, 0.05]);
  assert.deepEqual(sizes, [BATCH, BATCH, 2]);
  assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 130 }, (_, i) => i));
  assert.notDeepEqual(seen.slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'shuffled');
  assert.equal(result.testAccuracy, 0.5);
  assert.equal(result.meanTrainLoss, 1);
});

test("ConvLab's system learns the oriented bars: one epoch over 8,000 images, test accuracy > 90 % (chance is 25 %)", async () => {
  const system = new ConvlabSystem();
  await system.setup(makeBenchInputs(1));
  try {
    const data = barsDataset({ trainCount: 8000, testCount: 400, seed: 2 });
    const result = runEpoch(system.classifier, data, { seed: 1, learningRate: 0.3 });
    assert.ok(result.testAccuracy > 0.9, `test accuracy ${result.testAccuracy}`);
  } finally {
    system.dispose();
  }
});

test('systems sharing global state (the tfjs backends) go to separate sessions; the rest share the first', async () => {
  const { sessionsOf } = await import('../../../cli/bench/run');
  const sys = (name: string, exclusiveGroup?: string): BenchSystem => ({ ...stubSystem(name, []), ...(exclusiveGroup ? { exclusiveGroup } : {}) });
  const sessions = sessionsOf([sys('convlab'), sys('tfjs-wasm', 'tfjs'), sys('tfjs-cpu', 'tfjs'), sys('convnetjs')]);
  assert.deepEqual(sessions.map((s) => s.map((x) => x.name)), [['convlab', 'tfjs-wasm', 'convnetjs'], ['tfjs-cpu']]);
});
