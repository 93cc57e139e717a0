/**
 * ConvLab's MNIST epoch as the extension runs it: in ConvLab's own worker (worker_threads
 * here, as in desktop VS Code), through the protocol — the asset's bytes handed over with
 * loadMnist, one `train` job, progress streamed back. Wall time includes none of the
 * loading; the epoch's own seconds come from the worker's history.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConvLabJobs } from '../../core/worker/protocol';
import { WorkerClient } from '../../extension/worker/client';
import { nodeWorkerFactory } from '../../extension/worker/nodeFactory';
import type { EpochResult } from './epoch';
import { TEACHING_CNN } from './system';

export const EPOCH_BATCH = 32;
export const EPOCH_LEARNING_RATE = 0.002;

/** dist/worker.js, beside the CLI bundle (dist/cli) or under the working directory. */
export function findWorkerBundle(): string {
  const script = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd();
  const candidates = [join(script, '..', 'worker.js'), join(script, '..', 'dist', 'worker.js'), join(process.cwd(), 'dist', 'worker.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`ConvLab's worker bundle (dist/worker.js) is not built: run npm run build`);
  return found;
}

export async function workerEpoch(mnistPath: string, seed: number, log: (line: string) => void): Promise<EpochResult> {
  const client = new WorkerClient<ConvLabJobs>(nodeWorkerFactory(findWorkerBundle()), { defaultTimeoutMs: 0 });
  try {
    const file = readFileSync(mnistPath);
    const bytes = new Uint8Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    const loaded = await client.request('loadMnist', { bytes });
    log(`convlab (worker): MNIST loaded, ${loaded.trainCount} + ${loaded.testCount} images`);
    const started = performance.now();
    const reply = await client.request(
      'train',
      {
        model: TEACHING_CNN,
        dataset: { name: 'mnist' },
        epochs: 1,
        // The settings a learner would pick for one epoch (Adam, small batches), not the
        // speed figures' plain SGD at batch 64: with them one epoch clears the issue's 97 %.
        batchSize: EPOCH_BATCH,
        optimizer: { type: 'adam', learningRate: EPOCH_LEARNING_RATE },
        // The bench model ends in linear logits; the softmax lives in the loss, as everywhere.
        loss: 'softmaxCrossEntropy',
        seed,
      },
      { onProgress: (p) => p.type === 'epoch' && log(`convlab (worker, Adam ${EPOCH_LEARNING_RATE}, batch ${EPOCH_BATCH}): epoch done in ${p.seconds.toFixed(1)} s, loss ${p.loss.toFixed(4)}`) },
    );
    const wall = (performance.now() - started) / 1000;
    const epoch = reply.history[0];
    if (!epoch) throw new Error('the worker trained no epoch');
    return {
      trainSeconds: epoch.seconds,
      testSeconds: Math.max(0, wall - epoch.seconds),
      testAccuracy: reply.test.accuracy,
      meanTrainLoss: epoch.loss,
      trainImages: reply.trainCount,
      testImages: reply.testCount,
    };
  } finally {
    client.dispose();
  }
}
