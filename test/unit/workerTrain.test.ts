/** Training through the real worker (worker_threads), as the extension and the CLI run it. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { RequestCancelledError, WorkerClient } from '../../extension/worker/client';
import { nodeWorkerFactory } from '../../extension/worker/nodeFactory';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { TrainProgress, TrainRequest } from '../../core/worker/trainJob';
import { teachingCnn } from '../../core/model/teachingCnn';

const worker = new WorkerClient<ConvLabJobs>(nodeWorkerFactory(path.resolve(__dirname, '../../dist/worker.js')), { defaultTimeoutMs: 60_000 });
after(() => worker.dispose());

const request: TrainRequest = {
  model: teachingCnn(4),
  dataset: { name: 'bars', trainCount: 512, testCount: 128, seed: 3 },
  epochs: 2,
  batchSize: 32,
  optimizer: { type: 'adam', learningRate: 0.005 },
  seed: 1,
};

test('the worker trains a model from its IR, streaming batch and epoch progress', async () => {
  const progress: TrainProgress[] = [];
  const reply = await worker.request('train', request, { onProgress: (p) => progress.push(p) });
  const epochs = progress.filter((p) => p.type === 'epoch');
  assert.deepEqual(epochs.map((e) => e.epoch), [0, 1]);
  assert.ok(progress.some((p) => p.type === 'batch'), 'batch progress arrives');
  assert.equal(reply.history.length, 2);
  assert.ok(reply.test.accuracy > 0.8, `test accuracy ${reply.test.accuracy}`);
  const kernel = reply.weights.find((w) => w.layer === 'conv1' && w.param === 'kernel')!;
  assert.ok(kernel.values instanceof Float32Array, 'weights arrive as Float32Array');
  assert.deepEqual(kernel.shape, [8, 1, 3, 3]);
});

test('a training run is cancelled mid-way and the worker serves the next request', async () => {
  const listeners: (() => void)[] = [];
  const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose: () => undefined }) };
  let batches = 0;
  const run = worker.request('train', { ...request, epochs: 50 }, {
    token,
    onProgress: (p) => {
      if (p.type === 'batch' && ++batches === 1) {
        token.isCancellationRequested = true;
        listeners.forEach((l) => l());
      }
    },
  });
  await assert.rejects(run, RequestCancelledError);
  const pong = await worker.request('ping', {}, { timeoutMs: 5000 });
  assert.equal(typeof pong.workerId, 'string');
});

test('MNIST must be loaded before training on it: a clear error', async () => {
  await assert.rejects(worker.request('train', { ...request, model: teachingCnn(10), dataset: { name: 'mnist', trainCount: 10 } }), /MNIST is not loaded/);
});
