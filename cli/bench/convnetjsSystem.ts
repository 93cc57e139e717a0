/**
 * convnetjs 0.3.0 as a contender: Karpathy's plain-JavaScript library, one image at a time
 * (its layers take one Vol; a batch is a loop), Float64 storage. Its Trainer accumulates
 * gradients over `batch_size` calls and updates on the last, so a training batch is 64
 * calls of train(); with momentum 0 that update is plain SGD on the mean gradient.
 */
import * as convnetjs from 'convnetjs';
import { Random } from '../../core/random';
import type { BenchInputs, BenchSystem, Classifier } from './system';
import { BATCH, BIG_CONV, IMAGE_SIZE, LEARNING_RATE, NUM_CLASSES } from './system';
import { chwToHwc } from './weights';

const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/**
 * convnetjs draws its initial weights from Math.random, which cannot be seeded; for the
 * length of `build` only, Math.random is ConvLab's seeded generator, so runs replay.
 */
function withSeededMathRandom<T>(seed: number, build: () => T): T {
  const original = Math.random;
  const rng = new Random(seed);
  Math.random = () => rng.next();
  try {
    return build();
  } finally {
    Math.random = original;
  }
}

function teachingCnn(seed: number): convnetjs.Net {
  return withSeededMathRandom(seed, () => {
    const net = new convnetjs.Net();
    net.makeLayers([
      { type: 'input', out_sx: IMAGE_SIZE, out_sy: IMAGE_SIZE, out_depth: 1 },
      { type: 'conv', sx: 3, filters: 8, stride: 1, pad: 0, activation: 'relu' },
      { type: 'pool', sx: 2, stride: 2 },
      { type: 'conv', sx: 3, filters: 16, stride: 1, pad: 0, activation: 'relu' },
      { type: 'pool', sx: 2, stride: 2 },
      { type: 'softmax', num_classes: NUM_CLASSES },
    ]);
    return net;
  });
}

/** One 28×28 grey image as a Vol (HWC with one channel is the same order as NCHW). */
function imageVol(images: Float32Array, index: number): convnetjs.Vol {
  const v = new convnetjs.Vol(IMAGE_SIZE, IMAGE_SIZE, 1, 0);
  v.w.set(images.subarray(index * PIXELS, (index + 1) * PIXELS));
  return v;
}

export class ConvnetjsSystem implements BenchSystem {
  readonly name = 'convnetjs';
  readonly note = 'convnetjs 0.3.0 (plain JavaScript, one image at a time, Float64)';
  private net: convnetjs.Net | undefined;
  private trainer: convnetjs.Trainer | undefined;
  private trainerBatch = 0;
  private learningRate = LEARNING_RATE;
  private vols: convnetjs.Vol[] = [];
  private labels: Uint8Array = new Uint8Array(0);
  private bigLayer: convnetjs.ConvLayer | undefined;
  private bigInput: convnetjs.Vol | undefined;

  async setup(inputs: BenchInputs): Promise<void> {
    this.classifier.reset(inputs.seed, LEARNING_RATE);
    this.vols = Array.from({ length: BATCH }, (_, i) => imageVol(inputs.images, i));
    this.labels = inputs.labels;
    const { height, width, inChannels, kernel, filters } = BIG_CONV;
    this.bigLayer = withSeededMathRandom(inputs.seed, () =>
      new convnetjs.ConvLayer({ in_sx: width, in_sy: height, in_depth: inChannels, sx: kernel, filters, stride: 1, pad: (kernel - 1) / 2 }));
    this.bigInput = new convnetjs.Vol(width, height, inChannels, 0);
    this.bigInput.w.set(chwToHwc(inputs.bigConvInput, inChannels, height, width));
  }

  forwardBatch(): void {
    for (const v of this.vols) this.net!.forward(v, false);
  }

  trainBatch(): void {
    for (let i = 0; i < BATCH; i++) this.trainer!.train(this.vols[i]!, this.labels[i]!);
  }

  bigConv(): void {
    this.bigLayer!.forward(this.bigInput!, false);
  }

  readonly classifier: Classifier = {
    reset: (seed, learningRate) => {
      this.net = teachingCnn(seed);
      this.learningRate = learningRate;
      this.trainer = undefined; // it holds the old net
      this.useTrainer(BATCH);
    },
    trainStep: (images, labels, n) => {
      this.useTrainer(n);
      let loss = 0;
      for (let i = 0; i < n; i++) loss += this.trainer!.train(imageVol(images, i), labels[i]!).cost_loss;
      return loss / n;
    },
    predict: (images, n, out) => {
      for (let i = 0; i < n; i++) {
        this.net!.forward(imageVol(images, i), false);
        out[i] = this.net!.getPrediction();
      }
    },
  };

  /**
   * The Trainer updates after every `batch_size` calls, so a batch of another size (the
   * short last batch of an epoch) needs a trainer of that size. Plain SGD keeps no state
   * between updates, so swapping trainers changes nothing else.
   */
  private useTrainer(batchSize: number): void {
    if (this.trainer && this.trainerBatch === batchSize) return;
    this.trainer = new convnetjs.Trainer(this.net!, { method: 'sgd', learning_rate: this.learningRate, batch_size: batchSize, momentum: 0, l2_decay: 0 });
    this.trainerBatch = batchSize;
  }

  dispose(): void {
    this.net = undefined;
    this.trainer = undefined;
    this.trainerBatch = 0;
    this.vols = [];
    this.bigLayer = undefined;
  }
}
