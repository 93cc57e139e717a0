/**
 * ConvLab's own core as a contender: the teaching CNN built from the model IR by
 * core/network.ts, trained with core/optim's plain SGD — the same code the worker runs for
 * a learner. The large convolution is a one-layer network of the same core, so it runs
 * through the conv layer as a learner's model would.
 */
import type { ModelIR } from '../../core/model/ir';
import { Network } from '../../core/network';
import { SGD } from '../../core/optim';
import { kernelBackend } from '../../core/wasm/backend';
import type { BenchInputs, BenchSystem, Classifier } from './system';
import { BATCH, BIG_CONV, IMAGE_SIZE, LEARNING_RATE, NUM_CLASSES, TEACHING_CNN } from './system';

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

export class ConvlabSystem implements BenchSystem {
  readonly name = 'convlab';
  /** Says which kernels ran: the wasm SIMD ones, or the TypeScript loops and why. */
  get note(): string {
    const k = kernelBackend();
    const kernels = k.kind === 'wasm' ? 'WebAssembly SIMD kernels' : `TypeScript kernels (wasm: ${k.reason})`;
    return `ConvLab core (core/network.ts, ${kernels}, this thread)`;
  }
  private net: Network | undefined;
  private optimizer: SGD | undefined;
  private images: Float32Array = new Float32Array(0);
  private labels: Uint8Array = new Uint8Array(0);
  private bigNet: Network | undefined;
  private bigInput: Float32Array = new Float32Array(0);

  async setup(inputs: BenchInputs): Promise<void> {
    this.classifier.reset(inputs.seed, LEARNING_RATE);
    this.images = inputs.images;
    this.labels = inputs.labels;
    this.bigNet = Network.fromIR(BIG_CONV_MODEL, { batchSize: 1, seed: inputs.seed });
    // The kernel param is [outC, inC, kh, kw], the layout the inputs are given in.
    this.bigNet.params()[0]!.value.set(inputs.bigConvFilters);
    this.bigInput = inputs.bigConvInput;
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
