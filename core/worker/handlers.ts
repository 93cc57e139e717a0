/** The jobs of ConvLab's worker: each one a thin call into core/. */
import { convolveByHand } from '../conv/byHand';
import { decodeMnistAsset, loadMnistAsset, type MnistArchive } from '../data/mnist';
import { gunzip, isGzip } from '../data/gunzip';
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
      const loaded = await loadMnistBytes(bytes);
      data.mnist = loaded.archive;
      return { trainCount: data.mnist.train.count, testCount: data.mnist.test.count, ...(loaded.shared ? { shared: loaded.shared } : {}) };
    },
    train: (request, ctx) => trainJob(request, ctx, data),
    depthExperiment: (request, ctx) => depthJob(request, ctx, data),
    initialWeights: (request) => initialWeightsJob(request),
    viewImage: ({ source }) => viewImage(source, data),
    featureMaps: (request) => featureMapsJob(request, data),
    dropoutEnsemble: (request) => ensembleJob(request, data),
  };
}

/**
 * The asset decoded over bytes that stay bytes: already shared (another worker inflated
 * them into a SharedArrayBuffer), or inflated here into one when this runtime has it, so
 * that the host can share them further; else an ordinary uint8 copy.
 */
async function loadMnistBytes(bytes: Uint8Array): Promise<{ archive: MnistArchive; shared?: Uint8Array }> {
  const Shared = (globalThis as { SharedArrayBuffer?: SharedArrayBufferConstructor }).SharedArrayBuffer;
  if (Shared !== undefined && bytes.buffer instanceof Shared) return { archive: decodeMnistAsset(bytes) };
  if (Shared === undefined || !isGzip(bytes)) return { archive: await loadMnistAsset(bytes) };
  const raw = await gunzip(bytes);
  const shared = new Uint8Array(new Shared(raw.length));
  shared.set(raw);
  return { archive: decodeMnistAsset(shared), shared };
}
