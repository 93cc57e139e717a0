/** The jobs of ConvLab's worker: each one a thin call into core/. */
import { convolveByHand } from '../conv/byHand';
import { loadMnistAsset } from '../data/mnist';
import { trainJob, type WorkerData } from './trainJob';
import type { Handlers } from './loop';
import type { ConvLabJobs } from './protocol';

export function convLabHandlers(workerId: string, startedAt: number): Handlers<ConvLabJobs> {
  const data: WorkerData = { mnist: undefined };
  return {
    ping: () => ({ workerId, startedAt }),
    convByHand: ({ input, kernel, mode, window }) => convolveByHand(input, kernel, mode, window),
    loadMnist: async ({ bytes }) => {
      data.mnist = await loadMnistAsset(bytes);
      return { trainCount: data.mnist.train.count, testCount: data.mnist.test.count };
    },
    train: (request, ctx) => trainJob(request, ctx, data),
  };
}
