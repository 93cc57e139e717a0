/** The dense layer: kernel [units, inFeatures] (PyTorch's layout), bias [units], then its activation. */
import { denseFans, initialize, type Initializer } from '../init';
import type { DenseSpec } from '../model/ir';
import { denseBackward, denseBackwardActivated, denseForward, denseForwardActivated } from '../ops/dense';
import type { Random } from '../random';
import { shapeToString } from '../tensor';
import { ActivatedLayer } from './activated';
import type { LayerContext, Param } from './layer';

export class DenseLayer extends ActivatedLayer {
  readonly kind = 'dense';
  readonly kernel: Param;
  readonly bias: Param | null;
  private readonly inFeatures: number;

  constructor(context: LayerContext, readonly spec: DenseSpec, initializer: Initializer, rng: Random) {
    const { inputShape } = context;
    if (inputShape.length !== 1) {
      // Keras would apply the units along the last axis; a learner almost always forgot a Flatten.
      throw new RangeError(`dense needs a [features] input, got ${shapeToString(inputShape)}: add a Flatten before it`);
    }
    const inFeatures = inputShape[0]!;
    if (spec.inFeatures !== undefined && spec.inFeatures !== inFeatures) {
      throw new RangeError(`dense is written for ${spec.inFeatures} input features, but its input has ${inFeatures}`);
    }
    if (!Number.isInteger(spec.units) || spec.units < 1) throw new RangeError(`dense units must be a positive integer, got ${spec.units}`);
    super(context, [spec.units], spec.activation);
    this.inFeatures = inFeatures;
    this.kernel = this.addParam('kernel', [spec.units, inFeatures]);
    initialize(this.kernel.value, initializer, denseFans(inFeatures, spec.units), rng);
    this.bias = spec.useBias ? this.addParam('bias', [spec.units]) : null;
  }

  /** With the wasm kernels, relu and elu run inside the product's call (ops/dense.ts). */
  override forward(x: Float32Array, training: boolean): Float32Array {
    const b = this.bias?.value ?? null;
    if (!denseForwardActivated(this.batchSize, this.inFeatures, this.spec.units, this.activation, x, this.kernel.value, b, this.preActivation, this.output)) {
      return super.forward(x, training);
    }
    this.input = x;
    return this.output;
  }

  override backward(dOutput: Float32Array): Float32Array {
    const fused = denseBackwardActivated(
      this.batchSize, this.inFeatures, this.spec.units, this.activation, this.input, this.kernel.value, this.output, dOutput,
      this.dInput.length > 0 ? this.dInput : null, this.kernel.grad, this.bias?.grad ?? null,
    );
    return fused ? this.dInput : super.backward(dOutput);
  }

  protected linearForward(x: Float32Array, z: Float32Array): void {
    denseForward(this.batchSize, this.inFeatures, this.spec.units, x, this.kernel.value, this.bias?.value ?? null, z);
  }

  protected linearBackward(x: Float32Array, dz: Float32Array, dx: Float32Array): void {
    denseBackward(
      this.batchSize, this.inFeatures, this.spec.units, x, this.kernel.value, dz,
      dx.length > 0 ? dx : null, this.kernel.grad, this.bias?.grad ?? null,
    );
  }
}
