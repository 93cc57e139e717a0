/**
 * The lecture's depth experiment as a worker job: for each depth, build the Keras loop's
 * model, train it with early stopping, evaluate it, and stream the result as soon as that
 * depth is done, so the view plots accuracy against depth while the rest still trains.
 * Depths already kept (from before a window reload) are not trained again.
 */
import { mnistByteSplits } from '../data/mnist';
import { fitDepthRun, runDepthExperiment, type DepthExperimentResult, type DepthResult, type DepthSettings } from '../lessons/depthExperiment';
import type { EpochLog } from '../train/fit';
import type { JobContext } from './loop';
import { loadDataset, type WorkerData } from './trainJob';

export interface DepthRequest {
  readonly settings: DepthSettings;
  readonly previous?: readonly DepthResult[];
}

export type DepthProgress =
  | { readonly type: 'epoch'; readonly depth: number; readonly log: EpochLog }
  | { readonly type: 'result'; readonly result: DepthResult; readonly done: number; readonly total: number };

export async function depthJob(request: DepthRequest, ctx: JobContext<DepthProgress>, data: WorkerData): Promise<DepthExperimentResult> {
  // MNIST stays bytes here (scaled batch by batch): with a pool of workers, each would
  // otherwise hold its own 220 MB Float32 copy of the images.
  const d = request.settings.dataset;
  if (d.name === 'mnist' && !data.mnist) throw new Error('MNIST is not loaded in the worker yet (the host sends it with the loadMnist job)');
  const dataset = d.name === 'mnist' && data.mnist
    ? mnistByteSplits(data.mnist, { trainCount: d.trainCount, testCount: d.testCount, seed: d.seed })
    : loadDataset(d, data);
  let depth = -1;
  const train = fitDepthRun(dataset, {
    checkpoint: () => ctx.checkpoint(),
    onEpochEnd: (log) => ctx.progress({ type: 'epoch', depth, log }),
  });
  const result = await runDepthExperiment(request.settings, {
    // The hidden layers are the Dense layers before the classifier: that count is the depth.
    train: (model, settings) => {
      depth = model.layers.filter((l) => l.spec.kind === 'dense').length - 1;
      return train(model, settings);
    },
    onResult: (result, done, total) => ctx.progress({ type: 'result', result, done, total }),
    cancelled: () => ctx.cancelled,
    ...(request.previous ? { previous: request.previous } : {}),
  });
  // A cancel between two depths ends the loop early; report it as the cancellation it is
  // (the depths finished so far have already been streamed and kept by the host).
  await ctx.checkpoint();
  return result;
}
