/**
 * What the benchmark times, and the one interface every contender implements, so that
 * ConvLab's core, tfjs (cpu, wasm), convnetjs and the Python peers (Keras, PyTorch; see
 * peerSystem.ts) are measured by the same harness on the same workloads.
 *
 * The workload is the teaching CNN at batch 64, one large convolution, a dense
 * training step and the depth experiment's epochs (depth.ts). Inputs are made before timing
 * starts and stay fixed; every call works on them. A call returns only when its result
 * exists (tfjs is made to read its output back), so that a lazy or asynchronous backend
 * cannot look faster than it is.
 */
import type { ModelIR } from '../../core/model/ir';
import { teachingCnn } from '../../core/model/teachingCnn';
import { Random } from '../../core/random';
import type { Timing, TimingBudget } from './timing';
import { glorotUniform } from './weights';

/** The figures measured in interleaved rounds (the depth epoch is measured once per depth). */
export type Figure = 'forward' | 'train' | 'bigConv' | 'denseStep';

/** One depth-epoch measurement: the model's depth and how many random images to fit on. */
export interface DepthEpochRun {
  readonly depth: number;
  readonly trainCount: number;
  readonly validCount: number;
  readonly seed: number;
}

export const BATCH = 64;
export const IMAGE_SIZE = 28;
export const NUM_CLASSES = 10;
/**
 * Plain SGD's step size (no momentum). It does not change the speed figures; for the MNIST
 * epoch it does: measured on tfjs-wasm (seed 1, one epoch, batch 64), 0.1 → 96.14 %,
 * 0.2 → 96.92 %, 0.3 → 97.51 % test accuracy.
 */
export const LEARNING_RATE = 0.3;

/**
 * The teaching CNN of core/model/teachingCnn.ts, ending in linear logits: the softmax lives in
 * the loss (softmax cross-entropy), as every library in the comparison fuses it.
 */
export const TEACHING_CNN: ModelIR = { ...teachingCnn(NUM_CLASSES, 'logits'), name: 'teaching-cnn' };

/** The large convolution: one 64×64×32 image, 3×3 kernels, 64 filters, 'same' padding, stride 1. */
export const BIG_CONV = { height: 64, width: 64, inChannels: 32, kernel: 3, filters: 64 } as const;
/** Multiply-adds of the large convolution: every output value is a 3·3·32-term dot product. */
export const BIG_CONV_MACS = BIG_CONV.height * BIG_CONV.width * BIG_CONV.filters * BIG_CONV.kernel * BIG_CONV.kernel * BIG_CONV.inChannels;

/**
 * The dense step: one Dense(512 → 512, ELU) layer at batch 256, mean squared error, Adam —
 * one hidden layer of the depth experiment's model. The input's gradient is computed too,
 * as it is for every hidden layer there, so a step is three 256×512×512 matrix products.
 */
export const DENSE_STEP = { batch: 256, units: 512 } as const;
/** FLOPs of one dense step's products (forward, input gradient, weight gradient), 2 per multiply-add. */
export const DENSE_STEP_FLOPS = 3 * 2 * DENSE_STEP.batch * DENSE_STEP.units * DENSE_STEP.units;

/** The fixed inputs every system gets, in NCHW (which is also NHWC for one channel). */
export interface BenchInputs {
  /** [BATCH, 1, 28, 28], uniform in [0, 1). */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
  /** [1, 32, 64, 64] in NCHW. Systems that want NHWC transpose it in their setup. */
  readonly bigConvInput: Float32Array;
  /** [64, 32, 3, 3] (OIHW), Glorot-uniform. */
  readonly bigConvFilters: Float32Array;
  readonly seed: number;
}

export function makeBenchInputs(seed = 1): BenchInputs {
  const rng = new Random(seed);
  const images = Float32Array.from({ length: BATCH * IMAGE_SIZE * IMAGE_SIZE }, () => rng.next());
  const labels = Uint8Array.from({ length: BATCH }, () => rng.int(NUM_CLASSES));
  const { height, width, inChannels, kernel, filters } = BIG_CONV;
  const bigConvInput = Float32Array.from({ length: inChannels * height * width }, () => rng.normal());
  const taps = kernel * kernel;
  const bigConvFilters = glorotUniform(rng, filters * inChannels * taps, inChannels * taps, filters * taps);
  return { images, labels, bigConvInput, bigConvFilters, seed };
}

/**
 * One contender. `setup` builds the teaching CNN and the large convolution and takes the
 * inputs in its own layout; the three work methods then repeat one unit of work on them.
 * Systems run one at a time (tfjs backends share one global engine).
 */
export interface BenchSystem {
  readonly name: string;
  /** A few words on how it runs (backend, SIMD, threads), printed under the table. */
  readonly note: string;
  setup(inputs: BenchInputs): Promise<void>;
  /** Inference on the batch of 64: logits out. */
  forwardBatch(): void | Promise<void>;
  /** One training step on the batch of 64: forward, backward, plain SGD update. */
  trainBatch(): void | Promise<void>;
  /** The large convolution, forward only. */
  bigConv(): void | Promise<void>;
  /** One dense training step (DENSE_STEP), if the system has one. */
  denseStep?(): void | Promise<void>;
  /**
   * Seconds of one epoch of the lecture's depth model (core/lessons/depthExperiment.ts) on
   * random images, fit with validation, after a warm-up; see depth.ts.
   */
  depthEpoch?(run: DepthEpochRun): Promise<number>;
  /**
   * Times one figure itself and returns its rate. A system in another process does this so
   * that no pipe round trip is counted per call; in-process systems leave it out and the
   * harness times their work methods.
   */
  timeFigure?(figure: Figure, budget: TimingBudget): Promise<Timing>;
  /** For the MNIST epoch, if the system can train on given data (see epoch.ts). */
  readonly classifier?: Classifier;
  /**
   * Systems of one group share global state (tfjs has one active backend per process), so
   * they are never set up together: the harness measures them in separate sessions.
   */
  readonly exclusiveGroup?: string;
  dispose(): void;
}

/**
 * A network that can be trained and evaluated on real data, batch by batch. Images are
 * NCHW [n, 1, 28, 28] in [0, 1]; n may be below BATCH for the last batch of an epoch.
 */
export interface Classifier {
  /** Re-initialises the weights from the seed and sets plain SGD's step size: every epoch starts from scratch. */
  reset(seed: number, learningRate: number): void;
  /** One SGD step on n images; returns the batch's mean softmax cross-entropy. */
  trainStep(images: Float32Array, labels: Uint8Array, n: number): number;
  /** Writes the arg-max class of each of the n images into `out`. */
  predict(images: Float32Array, n: number, out: Uint8Array): void;
}
