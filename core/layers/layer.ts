/**
 * The one layer interface (ConvNetJS' habit): forward with a training flag, backward,
 * parameters with their gradients, weights to and from JSON. Because every layer looks the
 * same, the network, the trainer, the optimisers and the views stay generic.
 *
 * Buffers: a layer owns its output and input-gradient arrays, sized once for `capacity`
 * examples, and returns them from forward/backward; nothing is allocated per step. The
 * returned arrays are only valid until the layer's next call. A smaller batch (the last
 * mini-batch of an epoch, one image for a view) is run after setBatchSize(n), which only
 * re-slices the buffers.
 */
import type { LayerKind } from '../model/ir';
import { sameShape, shapeToString, sizeOf, type Shape } from '../tensor';

export interface Param {
  /** Keras' names: kernel, bias, gamma, beta, movingMean, movingVariance. */
  readonly name: string;
  readonly shape: Shape;
  readonly value: Float32Array;
  /** dLoss/dvalue, overwritten by every backward; stays zero for non-trainable state. */
  readonly grad: Float32Array;
  /** False for state that is not learned by gradient (batch norm's moving statistics). */
  readonly trainable: boolean;
}

export interface WeightJSON {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

export interface LayerWeightsJSON {
  readonly name: string;
  readonly kind: LayerKind;
  readonly weights: Readonly<Record<string, WeightJSON>>;
}

export interface Layer {
  readonly kind: LayerKind;
  readonly name: string;
  /** One example's input shape, without the batch: [C, H, W] or [F]. */
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** The batch size the buffers were built for. */
  readonly capacity: number;
  /** The batch size of the next forward, at most capacity. */
  readonly batchSize: number;
  /** The output of the last forward, [batchSize, ...outputShape]. */
  readonly output: Float32Array;
  setBatchSize(n: number): void;
  /** x is [batchSize, ...inputShape]; the layer keeps a reference to it for backward. */
  forward(x: Float32Array, training: boolean): Float32Array;
  /**
   * Takes dLoss/dOutput of the last forward, sets every param's grad, and returns
   * dLoss/dInput — an empty array if the layer was built without an input gradient (the
   * first layer of a network needs none).
   */
  backward(dOutput: Float32Array): Float32Array;
  params(): readonly Param[];
  toJSON(): LayerWeightsJSON;
  fromJSON(json: LayerWeightsJSON): void;
}

/** What every layer builder receives besides its spec. */
export interface LayerContext {
  readonly name: string;
  readonly inputShape: Shape;
  readonly capacity: number;
  readonly inputGradient: boolean;
}

/** Batch bookkeeping, buffers and JSON shared by all layers. */
export abstract class BaseLayer implements Layer {
  abstract readonly kind: LayerKind;
  readonly name: string;
  readonly inputShape: Shape;
  readonly capacity: number;
  batchSize: number;
  output: Float32Array;
  /** The input of the last forward. */
  protected input: Float32Array = new Float32Array(0);
  protected dInput: Float32Array;
  protected readonly inputGradient: boolean;
  private readonly outputFull: Float32Array;
  private readonly dInputFull: Float32Array;
  private readonly paramList: Param[] = [];

  constructor(context: LayerContext, readonly outputShape: Shape, ownsBuffers = true) {
    this.name = context.name;
    this.inputShape = context.inputShape;
    this.capacity = context.capacity;
    this.batchSize = context.capacity;
    this.inputGradient = context.inputGradient;
    this.outputFull = new Float32Array(ownsBuffers ? context.capacity * sizeOf(outputShape) : 0);
    this.dInputFull = new Float32Array(ownsBuffers && context.inputGradient ? context.capacity * sizeOf(context.inputShape) : 0);
    this.output = this.outputFull;
    this.dInput = this.dInputFull;
  }

  abstract forward(x: Float32Array, training: boolean): Float32Array;
  abstract backward(dOutput: Float32Array): Float32Array;

  setBatchSize(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > this.capacity) {
      throw new RangeError(`${this.name}: batch size ${n} is outside 1…${this.capacity} (the size it was built for)`);
    }
    if (n === this.batchSize) return;
    this.batchSize = n;
    if (this.outputFull.length > 0) this.output = this.outputFull.subarray(0, n * sizeOf(this.outputShape));
    if (this.dInputFull.length > 0) this.dInput = this.dInputFull.subarray(0, n * sizeOf(this.inputShape));
    this.batchSizeChanged(n);
  }

  /** Hook for layers whose geometry includes the batch. */
  protected batchSizeChanged(_n: number): void {}

  protected addParam(name: string, shape: Shape, trainable = true): Param {
    const size = sizeOf(shape);
    const p: Param = { name, shape: [...shape], value: new Float32Array(size), grad: new Float32Array(size), trainable };
    this.paramList.push(p);
    return p;
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  toJSON(): LayerWeightsJSON {
    const weights: Record<string, WeightJSON> = {};
    for (const p of this.paramList) weights[p.name] = { shape: [...p.shape], values: Array.from(p.value) };
    return { name: this.name, kind: this.kind, weights };
  }

  fromJSON(json: LayerWeightsJSON): void {
    if (json.kind !== this.kind) throw new Error(`${this.name}: weights of a ${json.kind} layer cannot load into a ${this.kind}`);
    const names = Object.keys(json.weights);
    for (const n of names) {
      if (!this.paramList.some((p) => p.name === n)) throw new Error(`${this.name}: unknown weight '${n}'`);
    }
    for (const p of this.paramList) {
      const w = json.weights[p.name];
      if (w === undefined) throw new Error(`${this.name}: weight '${p.name}' is missing`);
      if (!sameShape(w.shape, p.shape) || w.values.length !== p.value.length) {
        throw new Error(`${this.name}/${p.name}: expected shape ${shapeToString(p.shape)}, got ${shapeToString(w.shape)}`);
      }
      p.value.set(w.values);
    }
  }
}
