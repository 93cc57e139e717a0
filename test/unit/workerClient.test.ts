/** The worker client against real worker_threads running the real protocol loop. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  JobFailedError,
  RequestCancelledError,
  WorkerClient,
  WorkerCrashedError,
  WorkerTimeoutError,
  type CancellationLike,
} from '../../extension/worker/client';
import { nodeWorkerFactory } from '../../extension/worker/nodeFactory';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { SlowJobs } from './fixtures/slowWorker';
import { gridFromRows, gridToRows } from '../../core/conv/byHand';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3, LECTURE_OUTPUT_3X3 } from '../../core/lecture';

const dist = path.resolve(__dirname, '../../dist');
const crashes: string[] = [];
const slow = new WorkerClient<SlowJobs>(nodeWorkerFactory(path.join(dist, 'test/slowWorker.js')), {
  defaultTimeoutMs: 5000,
  onCrash: (reason) => crashes.push(reason),
});
const convlab = new WorkerClient<ConvLabJobs>(nodeWorkerFactory(path.join(dist, 'worker.js')));
after(() => {
  slow.dispose();
  convlab.dispose();
});

function cancellation(): { token: CancellationLike; cancel(): void } {
  const listeners: (() => unknown)[] = [];
  let requested = false;
  return {
    token: {
      get isCancellationRequested() {
        return requested;
      },
      onCancellationRequested: (l) => {
        listeners.push(l);
        return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
      },
    },
    cancel: () => {
      requested = true;
      [...listeners].forEach((l) => l());
    },
  };
}

test('the worker is started lazily, on the first request', async () => {
  const lazy = new WorkerClient<ConvLabJobs>(nodeWorkerFactory(path.join(dist, 'worker.js')));
  assert.equal(lazy.isRunning, false);
  assert.equal(lazy.startedWorkers, 0);
  await lazy.request('ping', {});
  assert.equal(lazy.startedWorkers, 1);
  lazy.dispose();
});

test('ConvLab worker computes the lecture example through the protocol', async () => {
  const reply = await convlab.request('convByHand', {
    input: gridFromRows(LECTURE_INPUT_5X5),
    kernel: gridFromRows(LECTURE_KERNEL_3X3),
    mode: 'crossCorrelation',
    window: { stride: 1, padding: 0, dilation: 1 },
  });
  assert.ok(reply.output.data instanceof Float32Array);
  assert.deepEqual(gridToRows(reply.output), LECTURE_OUTPUT_3X3);
});

test('an unknown job is an error reply, not a hang', async () => {
  await assert.rejects(convlab.request('noSuchJob' as 'ping', {}), /no job named "noSuchJob"/);
});

test('Float32Array payloads are transferred, not copied (the sender loses the buffer)', async () => {
  const data = new Float32Array([1, 2, 3, 4]);
  const reply = await slow.request('echo', { data });
  assert.equal(data.byteLength, 0, 'the sent buffer is detached after transfer');
  assert.deepEqual(Array.from(reply.data), [2, 4, 6, 8]);
  assert.equal(reply.receivedBytes, 16);
});

test('progress messages arrive before the single reply', async () => {
  const steps: number[] = [];
  const reply = await slow.request('count', { steps: 5 }, { onProgress: (p) => steps.push(p.step) });
  assert.deepEqual(steps, [1, 2, 3, 4, 5]);
  assert.deepEqual(reply, { counted: 5 });
});

test('concurrent requests each get their own reply', async () => {
  const replies = await Promise.all([3, 1, 2].map((steps) => slow.request('count', { steps })));
  assert.deepEqual(replies.map((r) => r.counted), [3, 1, 2]);
});

test('a failing job rejects with its message and the worker lives on', async () => {
  const before = slow.startedWorkers;
  await assert.rejects(slow.request('fail', {}), (e: unknown) => e instanceof JobFailedError && /always fails/.test(e.message));
  assert.deepEqual(await slow.request('count', { steps: 1 }), { counted: 1 });
  assert.equal(slow.startedWorkers, before);
});

test('a request that takes too long times out', async () => {
  await assert.rejects(slow.request('hang', {}, { timeoutMs: 100 }), WorkerTimeoutError);
});

test('cancellation stops a running job and rejects its request', async () => {
  const c = cancellation();
  const seen: number[] = [];
  const pending = slow.request('count', { steps: 1_000_000 }, {
    token: c.token,
    onProgress: (p) => {
      seen.push(p.step);
      if (p.step === 10) c.cancel();
    },
  });
  await assert.rejects(pending, RequestCancelledError);
  // The worker stopped counting: a later job is answered promptly.
  assert.deepEqual(await slow.request('count', { steps: 2 }, { timeoutMs: 2000 }), { counted: 2 });
  assert.ok(seen.length < 1_000_000);
});

test('an already-cancelled token never reaches the worker', async () => {
  const c = cancellation();
  c.cancel();
  await assert.rejects(slow.request('count', { steps: 1 }, { token: c.token }), RequestCancelledError);
});

test('a crashed worker fails its requests, is reported, and the next request starts a new one', async () => {
  const before = slow.startedWorkers;
  await assert.rejects(slow.request('crash', {}), (e: unknown) => e instanceof WorkerCrashedError && /crashed on purpose/.test(e.message));
  assert.equal(crashes.length, 1);
  assert.match(crashes[0]!, /crashed on purpose/);
  assert.equal(slow.isRunning, false);
  assert.deepEqual(await slow.request('count', { steps: 1 }), { counted: 1 });
  assert.equal(slow.startedWorkers, before + 1);
});

test('a worker that exits is reported and replaced by the next request', async () => {
  await slow.request('count', { steps: 1 });
  const before = slow.startedWorkers;
  await assert.rejects(slow.request('exit', { code: 3 }), (e: unknown) => e instanceof WorkerCrashedError && /exited with code 3/.test(e.message));
  assert.deepEqual(await slow.request('count', { steps: 1 }), { counted: 1 });
  assert.equal(slow.startedWorkers, before + 1);
});

test('a worker restarted by the host is replaced by the next request', async () => {
  await slow.request('count', { steps: 1 });
  const before = slow.startedWorkers;
  const pending = slow.request('hang', {}, { timeoutMs: 0 });
  slow.restart('killed by the test');
  await assert.rejects(pending, WorkerCrashedError);
  assert.deepEqual(await slow.request('count', { steps: 1 }), { counted: 1 });
  assert.equal(slow.startedWorkers, before + 1);
});

test('a malformed message to the worker is dropped and the worker answers the next one', async () => {
  const client = new WorkerClient<ConvLabJobs>(() => {
    const port = nodeWorkerFactory(path.join(dist, 'worker.js'))();
    port.post({ type: 'request', id: 'not-a-number', job: 'ping' }, []);
    port.post('garbage', []);
    return port;
  });
  const reply = await client.request('ping', {}, { timeoutMs: 3000 });
  assert.equal(typeof reply.workerId, 'string');
  client.dispose();
});
