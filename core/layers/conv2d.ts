/**
 * The conv2d layer: kernel [outC, inC/groups, kh, kw], bias [outC], then its activation.
 * With ReLU (the usual case) the convolution and the activation run as one fused op each
 * way, so that the wasm kernels apply the ReLU and its gradient while the data is in their
 * memory, instead of a separate pass over the feature maps.
 */
import { convFans, initialize, type Initializer } from '../init';
import type { Conv2DSpec } from '../model/ir';
import {
  conv2dBackward, conv2dForward, conv2dGeometry, conv2dReluBackward, conv2dReluForward, conv2dWorkspace,
  type Conv2DGeometry, type Conv2DWorkspace,
} from '../ops/conv2d';
import type { Random } from '../random';
import { shapeToString } from '../tensor';
import { ActivatedLayer } from './activated';
import type { LayerContext, Param } from './layer';

export class Conv2DLayer extends ActivatedLayer {
  /** 'depthwiseConv2d' for Keras' DepthwiseConv2D, run as the grouped convolution it is. */
  readonly kind: 'conv2d' | 'depthwiseConv2d';
  readonly kernel: Param;
  readonly bias: Param | null;
  private geometry: Conv2DGeometry;
  private readonly workspace: Conv2DWorkspace;

  constructor(context: LayerContext, readonly spec: Conv2DSpec, initializer: Initializer, rng: Random, kind: 'conv2d' | 'depthwiseConv2d' = 'conv2d') {
    const { inputShape } = context;
    if (inputShape.length !== 3) {
      throw new RangeError(`conv2d needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    }
    const inChannels = inputShape[0]!;
    if (spec.inChannels !== undefined && spec.inChannels !== inChannels) {
      throw new RangeError(`conv2d is written for ${spec.inChannels} input channels, but its input has ${inChannels}`);
    }
    const groups = spec.groups;
    const [kh, kw] = spec.kernelSize;
    const kernelShape = [spec.filters, inChannels / groups, kh, kw];
    const g = conv2dGeometry([context.capacity, ...inputShape], kernelShape, {
      strides: spec.strides, padding: spec.padding, dilation: spec.dilation, groups,
      convention: spec.convention ?? 'crossCorrelation',
    });
    super(context, [spec.filters, g.outH, g.outW], spec.activation);
    this.kind = kind;
    this.geometry = g;
    this.workspace = conv2dWorkspace(g, context.inputGradient);
    this.kernel = this.addParam('kernel', kernelShape);
    initialize(this.kernel.value, initializer, convFans(spec.filters, inChannels / groups, kh, kw), rng);
    this.bias = spec.useBias ? this.addParam('bias', [spec.filters]) : null;
  }

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    this.geometry = { ...this.geometry, batch: n };
  }

  override forward(x: Float32Array, training: boolean): Float32Array {
    const act = this.activation;
    if (act !== 'relu' && act !== 'elu') return super.forward(x, training);
    this.input = x;
    conv2dReluForward(this.geometry, x, this.kernel.value, this.bias?.value ?? null, this.preActivation, this.output, this.workspace, act);
    return this.output;
  }

  override backward(dOutput: Float32Array): Float32Array {
    const act = this.activation;
    if (act !== 'relu' && act !== 'elu') return super.backward(dOutput);
    conv2dReluBackward(
      this.geometry, this.kernel.value, this.output, dOutput, this.dPre, this.dInput.length > 0 ? this.dInput : null,
      this.kernel.grad, this.bias?.grad ?? null, this.workspace, act,
    );
    return this.dInput;
  }

  protected linearForward(x: Float32Array, z: Float32Array): void {
    conv2dForward(this.geometry, x, this.kernel.value, this.bias?.value ?? null, z, this.workspace);
  }

  protected linearBackward(_x: Float32Array, dz: Float32Array, dx: Float32Array): void {
    conv2dBackward(
      this.geometry, this.kernel.value, dz, dx.length > 0 ? dx : null,
      this.kernel.grad, this.bias?.grad ?? null, this.workspace,
    );
  }
}
