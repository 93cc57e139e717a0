/**
 * tfjs as a contender: the teaching CNN written with tfjs-core ops, on the CPU backend
 * (plain JavaScript kernels) or the wasm backend (XNNPACK, SIMD when the runtime has it).
 *
 * Convolutions and the dense layer use tfjs's fused kernels (bias and ReLU inside the
 * conv), which is what tfjs-layers emits and the fastest path tfjs offers, so that the
 * baseline is tfjs at its best. On wasm the conv's gradient comes from tfjsConvGrad.ts,
 * since that backend has no Conv2DBackpropFilter kernel.
 */
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node entry registers no gradients (the @tensorflow/tfjs umbrella does); this
// ES-module file registers them all into tfjs's registry, which lives on globalThis and so
// is shared with the CommonJS copy imported above.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { Random } from '../../core/random';
import type { BenchInputs, BenchSystem, Classifier } from './system';
import { BATCH, BIG_CONV, IMAGE_SIZE, LEARNING_RATE, NUM_CLASSES } from './system';
import { conv2dWithFilterGradient } from './tfjsConvGrad';
import { chwToHwc, glorotUniform, oihwToHwio } from './weights';

export type TfjsBackendName = 'cpu' | 'wasm';

const loaded = new Map<TfjsBackendName, Promise<string>>();

/**
 * Registers and activates a backend; returns a note on how it runs. The wasm backend's
 * .wasm binaries ship in its package's dist/; setWasmPaths is given that folder as a file
 * path, which the Emscripten loader reads with fs in Node.
 */
export async function activateTfjsBackend(name: TfjsBackendName): Promise<string> {
  let note = loaded.get(name);
  if (!note) {
    // Production mode: no debug checks and no "install tfjs-node" banner on the first tensor.
    tf.enableProdMode();
    note = (async () => {
      if (name === 'cpu') {
        await import('@tensorflow/tfjs-backend-cpu');
        return 'tfjs-core 4.22 CPU backend (JavaScript kernels)';
      }
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep);
      await tf.setBackend('wasm');
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      return `tfjs-backend-wasm 4.22 (XNNPACK${simd ? ', SIMD' : ', no SIMD'}, ${threads ? 'multi-threaded' : '1 thread'})`;
    })();
    loaded.set(name, note);
  }
  const text = await note;
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' failed to initialise`);
  return text;
}

/** The teaching CNN's variables, HWIO filters as tfjs wants them. */
interface Weights {
  readonly w1: tf.Variable<tf.Rank.R4>;
  readonly b1: tf.Variable<tf.Rank.R1>;
  readonly w2: tf.Variable<tf.Rank.R4>;
  readonly b2: tf.Variable<tf.Rank.R1>;
  readonly w3: tf.Variable<tf.Rank.R2>;
  readonly b3: tf.Variable<tf.Rank.R1>;
}

const FLAT = 5 * 5 * 16; // 28 → conv 26 → pool 13 → conv 11 → pool 5

/** Glorot-uniform values for every weight, zero biases (Keras' defaults). */
function initialValues(seed: number): Record<keyof Weights, tf.Tensor> {
  const rng = new Random(seed);
  return {
    w1: tf.tensor4d(glorotUniform(rng, 3 * 3 * 1 * 8, 9, 9 * 8), [3, 3, 1, 8]),
    b1: tf.zeros([8]),
    w2: tf.tensor4d(glorotUniform(rng, 3 * 3 * 8 * 16, 9 * 8, 9 * 16), [3, 3, 8, 16]),
    b2: tf.zeros([16]),
    w3: tf.tensor2d(glorotUniform(rng, FLAT * NUM_CLASSES, FLAT, NUM_CLASSES), [FLAT, NUM_CLASSES]),
    b3: tf.zeros([NUM_CLASSES]),
  };
}

export class TfjsSystem implements BenchSystem {
  readonly name: string;
  note = '';
  /** tfjs-core has one active backend per process: tfjs-cpu and tfjs-wasm cannot be live together. */
  readonly exclusiveGroup = 'tfjs';
  private weights: Weights | undefined;
  private optimizer: tf.SGDOptimizer | undefined;
  private readonly held: tf.Tensor[] = [];
  private x: tf.Tensor4D | undefined;
  private oneHot: tf.Tensor2D | undefined;
  private bigX: tf.Tensor4D | undefined;
  private bigW: tf.Tensor4D | undefined;

  constructor(private readonly backend: TfjsBackendName) {
    this.name = `tfjs-${backend}`;
  }

  async setup(inputs: BenchInputs): Promise<void> {
    this.note = await activateTfjsBackend(this.backend);
    const init = initialValues(inputs.seed);
    this.weights = {
      w1: tf.variable(init.w1 as tf.Tensor4D),
      b1: tf.variable(init.b1 as tf.Tensor1D),
      w2: tf.variable(init.w2 as tf.Tensor4D),
      b2: tf.variable(init.b2 as tf.Tensor1D),
      w3: tf.variable(init.w3 as tf.Tensor2D),
      b3: tf.variable(init.b3 as tf.Tensor1D),
    };
    Object.values(init).forEach((t) => t.dispose());
    this.optimizer = tf.train.sgd(LEARNING_RATE);
    // One channel: NCHW and NHWC are the same bytes.
    this.x = this.hold(tf.tensor4d(inputs.images, [BATCH, IMAGE_SIZE, IMAGE_SIZE, 1]));
    this.oneHot = this.hold(tf.oneHot(tf.tensor1d(Int32Array.from(inputs.labels), 'int32'), NUM_CLASSES) as tf.Tensor2D);
    const { height, width, inChannels, kernel, filters } = BIG_CONV;
    this.bigX = this.hold(tf.tensor4d(chwToHwc(inputs.bigConvInput, inChannels, height, width), [1, height, width, inChannels]));
    this.bigW = this.hold(tf.tensor4d(oihwToHwio(inputs.bigConvFilters, filters, inChannels, kernel, kernel), [kernel, kernel, inChannels, filters]));
  }

  forwardBatch(): void {
    this.checkBackend();
    tf.tidy(() => this.logits(this.x!).dataSync());
  }

  trainBatch(): void {
    this.checkBackend();
    this.step(this.x!, this.oneHot!);
  }

  bigConv(): void {
    this.checkBackend();
    // Both backends run kernels eagerly and synchronously: the output exists when conv2d
    // returns. It is not read back: copying 1 MB out of the wasm heap takes longer than the
    // convolution itself (14 ms against 7 ms, measured), and is no part of a convolution.
    tf.tidy(() => {
      tf.conv2d(this.bigX!, this.bigW!, 1, 'same');
    });
  }

  readonly classifier: Classifier = {
    reset: (seed, learningRate) => {
      this.optimizer?.dispose();
      this.optimizer = tf.train.sgd(learningRate);
      const init = initialValues(seed);
      for (const key of Object.keys(init) as (keyof Weights)[]) this.weights![key].assign(init[key] as never);
      Object.values(init).forEach((t) => t.dispose());
    },
    trainStep: (images, labels, n) => {
      this.checkBackend();
      const x = tf.tensor4d(images.subarray(0, n * IMAGE_SIZE * IMAGE_SIZE), [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels.subarray(0, n)), 'int32'), NUM_CLASSES) as tf.Tensor2D);
      const loss = this.step(x, y);
      x.dispose();
      y.dispose();
      return loss;
    },
    predict: (images, n, out) => {
      this.checkBackend();
      const classes = tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(0, n * IMAGE_SIZE * IMAGE_SIZE), [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
        return tf.argMax(this.logits(x), 1).dataSync();
      });
      out.set(classes.subarray(0, n));
    },
  };

  dispose(): void {
    if (this.weights) Object.values(this.weights).forEach((v: tf.Variable) => v.dispose());
    this.optimizer?.dispose();
    this.held.splice(0).forEach((t) => t.dispose());
    this.weights = undefined;
  }

  /** One plain-SGD step; reads the loss back, which also waits for the update. */
  private step(x: tf.Tensor4D, oneHot: tf.Tensor2D): number {
    const w = this.weights!;
    return tf.tidy(() => {
      const cost = this.optimizer!.minimize(() => tf.losses.softmaxCrossEntropy(oneHot, this.logits(x)) as tf.Scalar, true, Object.values(w));
      return cost!.dataSync()[0]!;
    });
  }

  private logits(x: tf.Tensor4D): tf.Tensor2D {
    const w = this.weights!;
    const conv = (input: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, first: boolean): tf.Tensor4D =>
      this.backend === 'wasm'
        ? conv2dWithFilterGradient(input, filter, bias, { strides: [1, 1], pad: 'valid', relu: true, inputGradient: !first })
        : tf.fused.conv2d({ x: input, filter, bias, strides: 1, pad: 'valid', activation: 'relu' });
    let h = tf.maxPool(conv(x, w.w1, w.b1, true), 2, 2, 'valid');
    h = tf.maxPool(conv(h, w.w2, w.b2, false), 2, 2, 'valid');
    return tf.fused.matMul({ a: tf.reshape(h, [x.shape[0], FLAT]) as tf.Tensor2D, b: w.w3, bias: w.b3 }) as tf.Tensor2D;
  }

  private checkBackend(): void {
    if (tf.getBackend() !== this.backend) throw new Error(`${this.name} runs while tfjs's backend is '${tf.getBackend()}': systems must run one at a time`);
  }

  private hold<T extends tf.Tensor>(t: T): T {
    this.held.push(t);
    return t;
  }
}
