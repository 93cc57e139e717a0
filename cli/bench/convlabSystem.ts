/**
 * ConvLab's own core as a contender: the teaching CNN built from the model IR by
 * core/network.ts, trained with core/optim's plain SGD — the same code the worker runs for
 * a learner. The large convolution is a one-layer network of the same core, so it runs
 * through the conv layer as a learner's model would.
 */
import { performance } from 'node:perf_hooks';
import { depthModel, LECTURE_DEPTH_SETTINGS } from '../../core/lessons/depthExperiment';
import type { ModelIR } from '../../core/model/ir';
import { Network } from '../../core/network';
import { Adam, SGD } from '../../core/optim';
import { Random } from '../../core/random';
import { fit } from '../../core/train/fit';
import { kernelBackend } from '../../core/wasm/backend';
import type { BenchInputs, BenchSystem, Classifier, DepthEpochRun } from './system';
import { BATCH, BIG_CONV, DENSE_STEP, IMAGE_SIZE, LEARNING_RATE, NUM_CLASSES, TEACHING_CNN } from './system';

const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

const BIG_CONV_MODEL: ModelIR = {
  name: 'big-conv',
  inputShape: [BIG_CONV.inChannels, BIG_CONV.height, BIG_CONV.width],
  layers: [{
    name: 'conv',
    spec: {
      kind: 'conv2d', filters: BIG_CONV.filters, kernelSize: [BIG_CONV.kernel, BIG_CONV.kernel], strides: [1, 1],
      padding: 'same', dilation: [1, 1], groups: 1, useBias: false, activation: 'linear',
    },
  }],
};

/** One hidden layer of the depth model, alone (see DENSE_STEP). */
const DENSE_MODEL: ModelIR = {
  name: 'dense-step',
  inputShape: [DENSE_STEP.units],
  layers: [{ name: 'dense', spec: { kind: 'dense', units: DENSE_STEP.units, useBias: true, activation: 'elu' } }],
};

/** n images of 28×28 uniform in [0, 1) with random labels: the depth epoch's data. */
function randomSplit(rng: Random, n: number): { images: Float32Array; labels: Uint8Array; count: number } {
  const images = new Float32Array(n * PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = rng.next();
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.int(NUM_CLASSES);
  return { images, labels, count: n };
}

export class ConvlabSystem implements BenchSystem {
  readonly name = 'convlab';
  /** Says which kernels ran: the wasm SIMD ones, or the TypeScript loops and why. */
  get note(): string {
    const k = kernelBackend();
    const kernels = k.kind === 'wasm' ? `WebAssembly ${k.variant === 'relaxed' ? 'relaxed-SIMD (FMA)' : 'SIMD'} kernels` : `TypeScript kernels (wasm: ${k.reason})`;
    return `ConvLab core (core/network.ts, ${kernels}, this thread)`;
  }
  private net: Network | undefined;
  private optimizer: SGD | undefined;
  private images: Float32Array = new Float32Array(0);
  private labels: Uint8Array = new Uint8Array(0);
  private bigNet: Network | undefined;
  private bigInput: Float32Array = new Float32Array(0);
  private denseNet: Network | undefined;
  private denseOptimizer: Adam | undefined;
  private denseInput: Float32Array = new Float32Array(0);
  private denseTarget: Float32Array = new Float32Array(0);

  async setup(inputs: BenchInputs): Promise<void> {
    this.classifier.reset(inputs.seed, LEARNING_RATE);
    this.images = inputs.images;
    this.labels = inputs.labels;
    this.bigNet = Network.fromIR(BIG_CONV_MODEL, { batchSize: 1, seed: inputs.seed });
    // The kernel param is [outC, inC, kh, kw], the layout the inputs are given in.
    this.bigNet.params()[0]!.value.set(inputs.bigConvFilters);
    this.bigInput = inputs.bigConvInput;
    // inputGradient: the step also computes dL/dx, as a hidden layer's step does.
    this.denseNet = Network.fromIR(DENSE_MODEL, { batchSize: DENSE_STEP.batch, seed: inputs.seed, loss: 'meanSquaredError', inputGradient: true });
    this.denseOptimizer = new Adam(this.denseNet.params().filter((p) => p.trainable));
    const rng = new Random(inputs.seed + 1);
    this.denseInput = Float32Array.from({ length: DENSE_STEP.batch * DENSE_STEP.units }, () => rng.next());
    this.denseTarget = Float32Array.from({ length: DENSE_STEP.batch * DENSE_STEP.units }, () => rng.next());
  }

  denseStep(): void {
    const net = this.denseNet!;
    net.forward(this.denseInput, true);
    net.computeLoss(this.denseTarget);
    net.backward();
    this.denseOptimizer!.step();
  }

  /** The lecture's fit for one epoch, with core/train/fit.ts as the worker runs it. */
  async depthEpoch(run: DepthEpochRun): Promise<number> {
    const settings = LECTURE_DEPTH_SETTINGS;
    const rng = new Random(run.seed);
    const train = randomSplit(rng, run.trainCount);
    const validation = randomSplit(rng, run.validCount);
    const net = Network.fromIR(depthModel(run.depth, settings), { batchSize: settings.batchSize, seed: run.seed, loss: 'softmaxCrossEntropy' });
    const options = { epochs: 1, optimizer: settings.optimizer, seed: run.seed };
    // Warm-up on two batches (JIT tiers, buffers); ConvLab has nothing to trace or compile.
    const warm = { images: train.images.subarray(0, 2 * settings.batchSize * PIXELS), labels: train.labels.subarray(0, 2 * settings.batchSize), count: 2 * settings.batchSize };
    await fit(net, warm, { ...options, validation: warm });
    const began = performance.now();
    await fit(net, train, { ...options, validation });
    return (performance.now() - began) / 1000;
  }

  forwardBatch(): void {
    this.net!.setBatchSize(BATCH);
    this.net!.forward(this.images, false);
  }

  trainBatch(): void {
    this.step(this.images, this.labels, BATCH);
  }

  bigConv(): void {
    this.bigNet!.forward(this.bigInput, false);
  }

  readonly classifier: Classifier = {
    reset: (seed, learningRate) => {
      // The logits layer is linear: the loss is named, as Keras' from_logits=True.
      this.net = Network.fromIR(TEACHING_CNN, { batchSize: BATCH, seed, loss: 'softmaxCrossEntropy' });
      this.optimizer = new SGD(this.net.params().filter((p) => p.trainable), { learningRate });
    },
    trainStep: (images, labels, n) => this.step(images, labels, n),
    predict: (images, n, out) => {
      const net = this.net!;
      net.setBatchSize(n);
      const logits = net.forward(images.subarray(0, n * PIXELS), false);
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < NUM_CLASSES; c++) if (logits[i * NUM_CLASSES + c]! > logits[i * NUM_CLASSES + best]!) best = c;
        out[i] = best;
      }
    },
  };

  dispose(): void {
    this.net = undefined;
    this.optimizer = undefined;
    this.bigNet = undefined;
    this.denseNet = undefined;
    this.denseOptimizer = undefined;
  }

  private step(images: Float32Array, labels: Uint8Array, n: number): number {
    const net = this.net!;
    net.setBatchSize(n);
    net.forward(images.subarray(0, n * PIXELS), true);
    const loss = net.computeLoss(labels.subarray(0, n));
    net.backward();
    this.optimizer!.step();
    return loss;
  }
}
