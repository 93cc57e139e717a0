/**
 * A sequential network built from the model IR for a given batch size: each layer's output
 * shape is inferred from its input shape as the layers are built, every buffer is allocated
 * once, and one training step is
 *
 *   net.forward(x, true); const loss = net.computeLoss(labels); net.backward();
 *   // then an optimiser reads net.params(): value and grad of every weight
 *
 * Views read net.layers[i].output (and preActivation, mask, argmax where a layer has them).
 *
 * Softmax cross-entropy is fused with a softmax output layer: the loss is computed from that
 * layer's logits, and backward starts from dL/dz = (softmax(z) − onehot)/batch without
 * going through the softmax's Jacobian (see ops/losses). A linear output layer is taken to
 * output logits, like Keras' from_logits=True.
 */
import { isChain } from './model/graph';
import type { Initializer } from './init';
import { ActivatedLayer } from './layers/activated';
import { buildLayer } from './layers/build';
import type { Layer, LayerWeightsJSON, Param } from './layers/layer';
import type { ModelIR } from './model/ir';
import type { DropoutConvention } from './ops/dropout';
import { meanSquaredError, softmaxCrossEntropy, type LossKind } from './ops/losses';
import { Random } from './random';
import { shapeToString, sizeOf, type Shape } from './tensor';

export interface NetworkOptions {
  /** The batch size the buffers are built for; setBatchSize can lower it later. */
  readonly batchSize: number;
  /** Seeds the initial weights and every dropout layer's masks (default 0). */
  readonly seed?: number;
  /** Default: softmax cross-entropy if the last layer's activation is softmax, else mean squared error. */
  readonly loss?: LossKind;
  /** Whether backward() returns dLoss/dInput (saliency, gradient checks); default false, which saves the first layer's work. */
  readonly inputGradient?: boolean;
  /** Default 'inverted', what Keras and PyTorch do. */
  readonly dropoutConvention?: DropoutConvention;
  /** For conv, dense and locally connected kernels; default Keras' glorotUniform. Biases start at zero. */
  readonly kernelInitializer?: Initializer;
}

export interface NetworkWeightsJSON {
  readonly name: string;
  readonly layers: readonly LayerWeightsJSON[];
}

export class Network {
  readonly name: string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly layers: readonly Layer[];
  readonly loss: LossKind;
  readonly capacity: number;
  private batch: number;
  private readonly paramList: readonly Param[];
  /** The output layer, when softmax cross-entropy is fused with its softmax. */
  private readonly softmaxHead: ActivatedLayer | null;
  private readonly dOutputFull: Float32Array;
  private dOutput: Float32Array;
  private state: 'built' | 'forward' | 'loss' = 'built';

  private constructor(ir: ModelIR, options: NetworkOptions) {
    const capacity = options.batchSize;
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`batch size must be a positive integer, got ${capacity}`);
    if (ir.layers.length === 0) throw new RangeError(`model '${ir.name}' has no layers`);
    // The runtime runs chains; a graph model gets analysis only (core/layers/support.ts).
    if (!isChain(ir)) throw new RangeError(`model '${ir.name}' branches (merges or several outputs): ConvLab trains only chains of layers so far`);
    const names = new Set<string>();
    for (const l of ir.layers) {
      if (names.has(l.name)) throw new RangeError(`two layers are named '${l.name}': names must be unique`);
      names.add(l.name);
    }
    this.name = ir.name;
    this.capacity = capacity;
    this.batch = capacity;
    this.inputShape = [...ir.inputShape];
    sizeOf(this.inputShape); // validates
    const rng = new Random(options.seed ?? 0);
    const layers: Layer[] = [];
    let shape: Shape = this.inputShape;
    ir.layers.forEach((l, i) => {
      try {
        const layer = buildLayer(l, shape, {
          capacity,
          inputGradient: i > 0 || (options.inputGradient ?? false),
          rng: rng.fork(),
          kernelInitializer: options.kernelInitializer ?? 'glorotUniform',
          dropoutConvention: options.dropoutConvention ?? 'inverted',
        });
        layers.push(layer);
        shape = layer.outputShape;
      } catch (e) {
        throw new RangeError(`layer ${i} '${l.name}' (${l.spec.kind}) on input ${shapeToString(shape)}: ${(e as Error).message}`);
      }
    });
    this.layers = layers;
    this.outputShape = shape;
    const last = layers[layers.length - 1]!;
    const lastActivation = last instanceof ActivatedLayer ? last.activation : null;
    this.loss = options.loss ?? (lastActivation === 'softmax' ? 'softmaxCrossEntropy' : 'meanSquaredError');
    if (this.loss === 'softmaxCrossEntropy') {
      if (shape.length !== 1) throw new RangeError(`softmax cross-entropy needs a [classes] output, got ${shapeToString(shape)}`);
      if (lastActivation !== 'softmax' && lastActivation !== 'linear') {
        throw new RangeError(`softmax cross-entropy needs a softmax output (or a linear one giving logits), got ${lastActivation ?? last.kind}`);
      }
    }
    this.softmaxHead = this.loss === 'softmaxCrossEntropy' && lastActivation === 'softmax' ? (last as ActivatedLayer) : null;
    this.paramList = layers.flatMap((layer) => layer.params().map((p) => ({ ...p, name: `${layer.name}/${p.name}` })));
    this.dOutputFull = new Float32Array(capacity * sizeOf(shape));
    this.dOutput = this.dOutputFull;
  }

  static fromIR(ir: ModelIR, options: NetworkOptions): Network {
    return new Network(ir, options);
  }

  get batchSize(): number {
    return this.batch;
  }

  /** Runs the next passes on n ≤ capacity examples (no buffer is reallocated). */
  setBatchSize(n: number): void {
    if (n === this.batch) return;
    for (const l of this.layers) l.setBatchSize(n);
    this.batch = n;
    this.dOutput = this.dOutputFull.subarray(0, n * sizeOf(this.outputShape));
  }

  /** x: [batchSize, ...inputShape]. Returns the last layer's output buffer. */
  forward(x: Float32Array, training: boolean): Float32Array {
    const expected = this.batch * sizeOf(this.inputShape);
    if (x.length !== expected) {
      throw new RangeError(`input has ${x.length} values; ${this.batch} × ${shapeToString(this.inputShape)} needs ${expected}`);
    }
    let a = x;
    for (const l of this.layers) a = l.forward(a, training);
    this.state = 'forward';
    return a;
  }

  get output(): Float32Array {
    return this.layers[this.layers.length - 1]!.output;
  }

  /**
   * The mean loss of the last forward against `targets` — class indices for softmax
   * cross-entropy, [batchSize, ...outputShape] values for mean squared error — and its
   * gradient, kept for backward().
   */
  computeLoss(targets: ArrayLike<number>): number {
    if (this.state === 'built') throw new Error('computeLoss needs a forward pass first');
    this.state = 'loss';
    if (this.loss === 'meanSquaredError') return meanSquaredError(this.output, targets, this.dOutput.length, this.dOutput);
    const logits = this.softmaxHead === null ? this.output : this.softmaxHead.preActivation;
    return softmaxCrossEntropy(logits, this.batch, this.outputShape[0]!, targets, this.dOutput);
  }

  /**
   * Backpropagates the gradient of the last computeLoss, or the given dLoss/dOutput, through
   * every layer, setting every param's grad. Returns dLoss/dInput, empty unless the network
   * was built with inputGradient.
   */
  backward(dOutput?: Float32Array): Float32Array {
    let g: Float32Array;
    const last = this.layers.length - 1;
    if (dOutput !== undefined) {
      if (this.state === 'built') throw new Error('backward needs a forward pass first');
      g = this.layers[last]!.backward(dOutput);
    } else {
      if (this.state !== 'loss') throw new Error('backward() without an output gradient needs computeLoss after the forward pass');
      g = this.softmaxHead === null ? this.layers[last]!.backward(this.dOutput) : this.softmaxHead.backwardFromPreActivation(this.dOutput);
    }
    for (let i = last - 1; i >= 0; i--) g = this.layers[i]!.backward(g);
    return g;
  }

  /** Every weight of every layer, named "layer/param", in layer order; the same objects on every call. */
  params(): readonly Param[] {
    return this.paramList;
  }

  layer(name: string): Layer {
    const l = this.layers.find((x) => x.name === name);
    if (l === undefined) throw new RangeError(`no layer named '${name}'`);
    return l;
  }

  toJSON(): NetworkWeightsJSON {
    return { name: this.name, layers: this.layers.map((l) => l.toJSON()) };
  }

  fromJSON(json: NetworkWeightsJSON): void {
    if (json.layers.length !== this.layers.length) {
      throw new Error(`weights hold ${json.layers.length} layers, the network has ${this.layers.length}`);
    }
    json.layers.forEach((w, i) => {
      const l = this.layers[i]!;
      if (w.name !== l.name) throw new Error(`layer ${i}: weights are for '${w.name}', the network has '${l.name}'`);
      l.fromJSON(w);
    });
  }
}
