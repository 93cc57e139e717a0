/** The jobs of ConvLab's worker: each one a thin call into core/. */
import { convolveByHand } from '../conv/byHand';
import { loadMnistAsset } from '../data/mnist';
import { convByHandLesson } from '../lessons/convByHandSetup';
import { ensembleJob } from './ensembleJob';
import { featureMapsJob, initialWeightsJob } from './featureMapsJob';
import { trainJob, type WorkerData } from './trainJob';
import type { Handlers } from './loop';
import { kernelBackend } from '../wasm/backend';
import { depthJob } from './depthJob';
import { viewImage } from './viewInput';
import type { ConvLabJobs } from './protocol';

export function convLabHandlers(workerId: string, startedAt: number): Handlers<ConvLabJobs> {
  const data: WorkerData = { mnist: undefined };
  return {
    // Which kernels this worker runs: WebAssembly SIMD, or the TypeScript fallback (and why).
    ping: () => {
      const backend = kernelBackend();
      return { workerId, startedAt, kernels: backend.kind, ...(backend.reason ? { kernelsReason: backend.reason } : {}) };
    },
    convByHand: ({ input, kernel, mode, window }) => convolveByHand(input, kernel, mode, window),
    convByHandLesson: ({ settings }) => convByHandLesson(settings, data.mnist),
    loadMnist: async ({ bytes }) => {
      data.mnist = await loadMnistAsset(bytes);
      return { trainCount: data.mnist.train.count, testCount: data.mnist.test.count };
    },
    train: (request, ctx) => trainJob(request, ctx, data),
    depthExperiment: (request, ctx) => depthJob(request, ctx, data),
    initialWeights: (request) => initialWeightsJob(request),
    viewImage: ({ source }) => viewImage(source, data),
    featureMaps: (request) => featureMapsJob(request, data),
    dropoutEnsemble: (request) => ensembleJob(request, data),
  };
}
