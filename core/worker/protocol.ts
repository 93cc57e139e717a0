/**
 * The host↔worker protocol: types only, imported with `import type` on both sides.
 *
 * Every request carries an id and gets exactly one `reply` or `error`; a long job may send
 * any number of `progress` messages first, and stops early when a `cancel` for its id
 * arrives. Float32Array buffers in payloads are transferred, not copied: a sender must not
 * touch an array after sending it.
 */
import type { ConvByHandResult, ConvMode, Grid } from '../conv/byHand';
import type { ConvWindow } from '../conv/geometry';
import type { EnsembleReply, EnsembleRequest } from './ensembleJob';
import type { FeatureMapsReply, FeatureMapsRequest } from './featureMapsJob';
import type { TrainProgress, TrainReply, TrainRequest } from './trainJob';
import type { DepthProgress, DepthRequest } from './depthJob';
import type { DepthExperimentResult } from '../lessons/depthExperiment';
import type { ConvByHandLesson, ConvByHandSettings } from '../lessons/convByHandSetup';
import type { TrainedWeight, WeightsRequest } from './weights';
import type { ImageSource, ViewImage } from './viewInput';

/** A job's request, reply and progress payloads. */
export interface JobSpec<Req, Rep, Prog = never> {
  readonly request: Req;
  readonly reply: Rep;
  readonly progress: Prog;
}

/** A map from job name to its payloads; each worker serves one such map. */
export type JobMap = Record<string, JobSpec<unknown, unknown, unknown>>;
/** The constraint a concrete job map (an interface without an index signature) meets. */
export type JobsOf<J> = { [K in keyof J]: JobSpec<unknown, unknown, unknown> };

/** The jobs ConvLab's own worker serves. */
export interface ConvLabJobs {
  /** Liveness and identity: which worker instance answered, and since when. */
  ping: JobSpec<Record<string, never>, { readonly workerId: string; readonly startedAt: number; readonly kernels: 'wasm' | 'js'; readonly kernelsReason?: string }>;
  /** One channel convolved the way the lecture does it by hand. */
  convByHand: JobSpec<
    { readonly input: Grid; readonly kernel: Grid; readonly mode: ConvMode; readonly window: ConvWindow },
    ConvByHandResult
  >;
  /**
   * The lesson "Convolution by hand" for the learner's settings: input, kernel, both
   * operations' outputs and the output-size arithmetic per axis (MNIST inputs need loadMnist first).
   */
  convByHandLesson: JobSpec<{ readonly settings: ConvByHandSettings }, ConvByHandLesson>;
  /**
   * Hands the worker the MNIST asset's bytes (read by the host); it keeps them as bytes.
   * Gzip-compressed bytes are inflated, into a SharedArrayBuffer where the worker has one
   * (Node; a cross-origin-isolated page), which the reply then carries as `shared`: the host
   * gives that to the pool's other workers, which read the same memory (a pool shares one
   * copy of MNIST). Without SharedArrayBuffer each worker inflates its own uint8 copy.
   */
  loadMnist: JobSpec<{ readonly bytes: Uint8Array }, { readonly trainCount: number; readonly testCount: number; readonly shared?: Uint8Array }>;
  /** Trains a model from its IR, streaming batch and epoch progress; cancellable. */
  train: JobSpec<TrainRequest, TrainReply, TrainProgress>;
  /** Every weight of the model as the network starts (seeded), or with trained weights loaded over them. */
  initialWeights: JobSpec<WeightsRequest, { readonly weights: readonly TrainedWeight[] }>;
  /** One dataset image (an MNIST test digit, a bars or shapes image) as 28×28 values in [0, 1], for the lessons. */
  viewImage: JobSpec<{ readonly source: Extract<ImageSource, { readonly index: number }> }, ViewImage>;
  /** One image forward: every layer's output, for the feature-map view. */
  featureMaps: JobSpec<FeatureMapsRequest, FeatureMapsReply>;
  /** One Dropout layer's mask ensemble for one image: sampled, weight-scaled and (small layers) exact. */
  dropoutEnsemble: JobSpec<EnsembleRequest, EnsembleReply>;
  /** The lecture's depth experiment: one result per depth, streamed as each finishes; cancellable. */
  depthExperiment: JobSpec<DepthRequest, DepthExperimentResult, DepthProgress>;
}

export type HostToWorker<J extends JobsOf<J> = JobMap> =
  | { readonly type: 'request'; readonly id: number; readonly job: keyof J & string; readonly payload: J[keyof J]['request'] }
  | { readonly type: 'cancel'; readonly id: number };

export type WorkerToHost<J extends JobsOf<J> = JobMap> =
  | { readonly type: 'reply'; readonly id: number; readonly payload: J[keyof J]['reply'] }
  | { readonly type: 'progress'; readonly id: number; readonly progress: J[keyof J]['progress'] }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly cancelled: boolean };
