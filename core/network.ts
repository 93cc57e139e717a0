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
import { inputsOf, isChain, outputsOf } from './model/graph';
import type { Initializer } from './init';
import { ActivatedLayer } from './layers/activated';
import { buildLayer } from './layers/build';
import type { Layer, LayerWeightsJSON, Param } from './layers/layer';
import { INPUT_NODE, type ModelIR } from './model/ir';
import { MergeLayer } from './layers/merge';
import { hasWeights, layerNotRunnable, sharedWeightsRefusal } from './layers/support';
import type { DropoutConvention } from './ops/dropout';
import { meanSquaredError, pixelSoftmaxCrossEntropy, softmaxCrossEntropy, type LossKind } from './ops/losses';
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
  /** Each layer's inputs for a graph (INPUT_NODE: the network's input); null for a chain. */
  private readonly plan: readonly (readonly number[])[] | null;
  /** A graph's dLoss/dOutput per layer, summed over the layers that read it (fan-out). */
  private readonly gradients: readonly Float32Array[];
  private readonly inputGradientFull: Float32Array;
  /** Whether some layer reads layer i: one nothing reads (a dead end) gets no gradient. */
  private readonly read: readonly boolean[];

  private constructor(ir: ModelIR, options: NetworkOptions) {
    const capacity = options.batchSize;
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`batch size must be a positive integer, got ${capacity}`);
    if (ir.layers.length === 0) throw new RangeError(`model '${ir.name}' has no layers`);
    const outputs = outputsOf(ir);
    if (outputs.length !== 1 || outputs[0] !== ir.layers.length - 1) {
      throw new RangeError(`model '${ir.name}' has several outputs (or ends before its last layer): ConvLab trains one output`);
    }
    // A layer the code applies twice (one `self.relu` in two places) appears twice in the
    // IR: its later applications run as layers of their own, which is exact for layers
    // without weights; shared weights are refused. Names repeat there, and where two
    // blocks name their layers alike: the runtime numbers repeats "relu#2", "relu#3", ….
    const seen = new Map<string, number>();
    const runtimeNames = ir.layers.map((l) => {
      if (l.applicationOf !== undefined && hasWeights(l.spec)) throw new RangeError(sharedWeightsRefusal(l.name));
      const k = (seen.get(l.name) ?? 0) + 1;
      seen.set(l.name, k);
      return k === 1 ? l.name : `${l.name}#${k}`;
    });
    if (new Set(runtimeNames).size !== runtimeNames.length) throw new RangeError('layer names clash with the numbered names of repeated ones');
    this.name = ir.name;
    this.capacity = capacity;
    this.batch = capacity;
    this.inputShape = [...ir.inputShape];
    sizeOf(this.inputShape); // validates
    const rng = new Random(options.seed ?? 0);
    const layers: Layer[] = [];
    // A chain reads the layer before; a graph (residual adds, concatenations) names its inputs.
    this.plan = isChain(ir) ? null : ir.layers.map((_, i) => inputsOf(ir, i));
    const shapeOf = (j: number): Shape => (j === INPUT_NODE ? this.inputShape : layers[j]!.outputShape);
    ir.layers.forEach((l, i) => {
      const ins = this.plan?.[i] ?? [i - 1];
      const shapes = ins.map(shapeOf);
      try {
        const readsInputOnly = ins.every((j) => j === INPUT_NODE);
        const inputGradient = !readsInputOnly || (options.inputGradient ?? false);
        const refused = l.spec.kind === 'merge' ? layerNotRunnable(l.name, l.spec) : null;
        if (refused) throw new RangeError(refused);
        const layer = l.spec.kind === 'merge'
          ? new MergeLayer({ name: runtimeNames[i]!, inputShape: shapes[0]!, capacity, inputGradient: false }, l.spec, shapes)
          : buildLayer({ ...l, name: runtimeNames[i]! }, shapes[0]!, {
            capacity,
            inputGradient,
            rng: rng.fork(),
            kernelInitializer: options.kernelInitializer ?? 'glorotUniform',
            dropoutConvention: options.dropoutConvention ?? 'inverted',
          });
        if (ins.length !== 1 && l.spec.kind !== 'merge') throw new RangeError(`it reads ${ins.length} inputs`);
        layers.push(layer);
      } catch (e) {
        throw new RangeError(`layer ${i} '${l.name}' (${l.spec.kind}) on input ${shapes.map(shapeToString).join(', ')}: ${(e as Error).message}`);
      }
    });
    this.layers = layers;
    const shape = layers[layers.length - 1]!.outputShape;
    this.outputShape = shape;
    const read = layers.map(() => false);
    for (const ins of this.plan ?? []) for (const j of ins) if (j !== INPUT_NODE) read[j] = true;
    this.read = read;
    this.gradients = this.plan ? layers.map((l) => new Float32Array(capacity * sizeOf(l.outputShape))) : [];
    this.inputGradientFull = this.plan && options.inputGradient ? new Float32Array(capacity * sizeOf(this.inputShape)) : new Float32Array(0);
    const last = layers[layers.length - 1]!;
    const lastActivation = last instanceof ActivatedLayer ? last.activation : null;
    // A map of two or more channels with softmax or linear scores is a per-pixel classifier (a U-Net's head).
    const pixelScores = shape.length === 3 && shape[0]! >= 2 && (lastActivation === 'softmax' || lastActivation === 'linear');
    this.loss = options.loss ?? (pixelScores ? 'pixelSoftmaxCrossEntropy' : lastActivation === 'softmax' ? 'softmaxCrossEntropy' : 'meanSquaredError');
    if (this.loss === 'softmaxCrossEntropy' || this.loss === 'pixelSoftmaxCrossEntropy') {
      const perPixel = this.loss === 'pixelSoftmaxCrossEntropy';
      if (!perPixel && shape.length !== 1) throw new RangeError(`softmax cross-entropy needs a [classes] output, got ${shapeToString(shape)}`);
      if (perPixel && shape.length !== 3) throw new RangeError(`per-pixel cross-entropy needs a [classes, height, width] output, got ${shapeToString(shape)}`);
      if (lastActivation !== 'softmax' && lastActivation !== 'linear') {
        throw new RangeError(`softmax cross-entropy needs a softmax output (or a linear one giving logits), got ${lastActivation ?? last.kind}`);
      }
    }
    this.softmaxHead = this.loss !== 'meanSquaredError' && lastActivation === 'softmax' ? (last as ActivatedLayer) : null;
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
    this.state = 'forward';
    if (this.plan) return this.forwardGraph(x, training);
    let a = x;
    for (const l of this.layers) a = l.forward(a, training);
    return a;
  }

  /** Every layer in topological order, each on the outputs it reads. */
  private forwardGraph(x: Float32Array, training: boolean): Float32Array {
    const valueOf = (j: number): Float32Array => (j === INPUT_NODE ? x : this.layers[j]!.output);
    this.layers.forEach((l, i) => {
      const ins = this.plan![i]!;
      if (l instanceof MergeLayer) l.forwardInputs(ins.map(valueOf));
      else l.forward(valueOf(ins[0]!), training);
    });
    return this.output;
  }

  /**
   * Backward through a graph: from the last layer to the first, each layer's gradient is
   * complete once every layer reading it has added its share, which topological order
   * guarantees; a layer then passes dLoss/dInput on to what it reads.
   */
  private backwardGraph(dLast: Float32Array, fromPreActivation: boolean): Float32Array {
    const n = this.batch;
    const grads = this.gradients.map((g, i) => g.subarray(0, n * sizeOf(this.layers[i]!.outputShape)));
    for (const g of grads) g.fill(0);
    const dInput = this.inputGradientFull.subarray(0, this.inputGradientFull.length > 0 ? n * sizeOf(this.inputShape) : 0);
    dInput.fill(0);
    const addInto = (j: number, d: Float32Array): void => {
      const target = j === INPUT_NODE ? dInput : grads[j]!;
      if (target.length === 0) return;
      for (let k = 0; k < target.length; k++) target[k]! += d[k]!;
    };
    const last = this.layers.length - 1;
    for (let i = last; i >= 0; i--) {
      const l = this.layers[i]!;
      const ins = this.plan![i]!;
      if (i !== last && !this.read[i]) continue;
      if (l instanceof MergeLayer) {
        l.backwardInputs(i === last ? dLast : grads[i]!).forEach((d, k) => addInto(ins[k]!, d));
        continue;
      }
      const needed = ins[0] !== INPUT_NODE || dInput.length > 0;
      const g = i === last && fromPreActivation ? this.softmaxHead!.backwardFromPreActivation(dLast) : l.backward(i === last ? dLast : grads[i]!);
      if (needed) addInto(ins[0]!, g);
    }
    return dInput;
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
    if (this.loss === 'pixelSoftmaxCrossEntropy') {
      return pixelSoftmaxCrossEntropy(logits, this.batch, this.outputShape[0]!, sizeOf(this.outputShape.slice(1)), targets, this.dOutput);
    }
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
    if (this.plan) {
      if (dOutput !== undefined) {
        if (this.state === 'built') throw new Error('backward needs a forward pass first');
        return this.backwardGraph(dOutput, false);
      }
      if (this.state !== 'loss') throw new Error('backward() without an output gradient needs computeLoss after the forward pass');
      return this.backwardGraph(this.dOutput, this.softmaxHead !== null);
    }
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
