/** The worker pool and the depth experiment over it, with real worker_threads (dist/worker.js). */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LECTURE_DEPTH_SETTINGS, type DepthSettings } from '../../core/lessons/depthExperiment';
import type { ConvLabJobs } from '../../core/worker/protocol';
import { depthOrder, runDepthsOnPool } from '../../extension/lessons/depthParallel';
import { WorkerClient } from '../../extension/worker/client';
import { nodeWorkerFactory } from '../../extension/worker/nodeFactory';
import { poolSize, runOnPool, WorkerPool } from '../../extension/worker/pool';

const factory = nodeWorkerFactory(path.resolve(__dirname, '../../dist/worker.js'));
const clients: WorkerClient<ConvLabJobs>[] = [];
const client = (): WorkerClient<ConvLabJobs> => {
  const c = new WorkerClient<ConvLabJobs>(factory, { defaultTimeoutMs: 120_000 });
  clients.push(c);
  return c;
};
after(() => clients.forEach((c) => c.dispose()));

describe('the pool size', () => {
  test('is hardwareConcurrency − 1, at least 1, capped by the setting when it is above 0', () => {
    assert.equal(poolSize(8), 7);
    assert.equal(poolSize(8, 3), 3);
    assert.equal(poolSize(8, 0), 7);
    assert.equal(poolSize(8, 20), 7);
    assert.equal(poolSize(2), 1);
    assert.equal(poolSize(1), 1);
    assert.equal(poolSize(undefined), 1);
  });

  test('the pool starts from the window worker and resizes', () => {
    const first = client();
    const pool = new WorkerPool<ConvLabJobs>(first, factory, 3);
    assert.equal(pool.clients.length, 3);
    assert.equal(pool.clients[0], first);
    pool.resize(1);
    assert.deepEqual(pool.clients, [first]);
    pool.dispose();
  });
});

describe('runOnPool', () => {
  test('each lane takes the next task when free; results in task order', async () => {
    const log: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const results = await runOnPool(['a', 'b'], [40, 30, 20, 10], async (lane, ms) => {
      log.push(`${lane}${ms}`);
      await wait(ms);
      return ms * 2;
    });
    assert.deepEqual(results, [80, 60, 40, 20]);
    // a takes 40, b takes 30; b is free first and takes 20; then a takes 10.
    assert.deepEqual(log, ['a40', 'b30', 'b20', 'a10']);
  });

  test('the first failure rejects, aborts the others and starts no more tasks', async () => {
    let aborted = 0;
    const started: number[] = [];
    await assert.rejects(
      runOnPool([1, 2], [1, 2, 3, 4], async (_lane, t) => {
        started.push(t);
        if (t === 2) throw new Error('boom');
        await new Promise((r) => setTimeout(r, 20));
        return t;
      }, () => aborted++),
      /boom/,
    );
    assert.equal(aborted, 1);
    assert.ok(!started.includes(4), `started ${started.join(', ')}`);
  });
});

const tiny: DepthSettings = {
  ...LECTURE_DEPTH_SETTINGS,
  depths: [0, 1, 2, 3],
  units: 32,
  dataset: { name: 'bars', trainCount: 256, testCount: 64, seed: 2 },
  epochs: 2,
  batchSize: 64,
};

describe('the depth experiment on a pool of workers', () => {
  test('deepest first, kept depths skipped', () => {
    assert.deepEqual(depthOrder(tiny), [3, 2, 1, 0]);
    assert.deepEqual(depthOrder(tiny, [{ depth: 2 } as never]), [3, 1, 0]);
  });

  test('two workers give every depth the result one worker gives in its loop, bit for bit', async () => {
    const one = await client().request('depthExperiment', { settings: tiny }, { timeoutMs: 0 });
    const streamed: number[] = [];
    const started: number[] = [];
    // Each client noted as it is asked for a depth: the start order, whatever the finish order.
    const noting = (c: WorkerClient<ConvLabJobs>): WorkerClient<ConvLabJobs> => {
      const request = c.request.bind(c);
      return Object.assign(Object.create(c) as WorkerClient<ConvLabJobs>, {
        request: ((job: 'depthExperiment', payload: { settings: DepthSettings }, options?: object) => {
          started.push(payload.settings.depths[0]!);
          return request(job, payload, options);
        }) as WorkerClient<ConvLabJobs>['request'],
      });
    };
    const two = await runDepthsOnPool([noting(client()), noting(client())], tiny, { onResult: (r) => streamed.push(r.depth) });
    const strip = (r: (typeof one.results)[number]) => ({ ...r, seconds: 0, history: r.history.map((h) => ({ ...h, seconds: 0 })) });
    assert.deepEqual(two.results.map(strip), one.results.map(strip));
    assert.equal(two.bestDepth, one.bestDepth);
    assert.deepEqual([...streamed].sort(), [0, 1, 2, 3]);
    assert.deepEqual(started.slice(0, 2).sort(), [2, 3], 'the two deepest start first, one on each worker');
    assert.deepEqual([...started].sort(), [0, 1, 2, 3]);
  });

  test('MNIST: the first worker inflates it into a SharedArrayBuffer, the second trains on that same memory', async () => {
    const asset = readFileSync(path.resolve(__dirname, '../../dist/data/mnist.bin.gz'));
    const [a, b] = [client(), client()];
    const first = await a.request('loadMnist', { bytes: new Uint8Array(asset) }, { timeoutMs: 120_000 });
    assert.ok(first.shared, 'a shared buffer comes back');
    assert.ok(first.shared.buffer instanceof SharedArrayBuffer);
    const second = await b.request('loadMnist', { bytes: first.shared }, { timeoutMs: 120_000 });
    assert.equal(second.shared, undefined, 'the second does not copy it again');
    assert.equal(second.trainCount, 60_000);
    const settings: DepthSettings = { ...tiny, depths: [1], dataset: { name: 'mnist', trainCount: 512, testCount: 128, seed: 1 }, epochs: 1 };
    const [ra, rb] = await Promise.all([a, b].map((c) => c.request('depthExperiment', { settings }, { timeoutMs: 0 })));
    assert.equal(ra!.results[0]!.validLoss, rb!.results[0]!.validLoss);
    assert.ok(ra!.results[0]!.validAccuracy > 0.2, `better than chance on real digits: accuracy ${ra!.results[0]!.validAccuracy}`);
  });
});
