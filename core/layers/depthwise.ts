/**
 * MobileNet's convolutions: DepthwiseConv2D (one k×k kernel per input channel and
 * multiplier) is the grouped convolution with groups = channels, so it runs as one; Keras'
 * SeparableConv2D is that depthwise convolution followed by a pointwise 1×1 convolution,
 * with the bias and the activation after the pointwise one:
 *
 *   depthwise kernel [C·m, 1, kh, kw]   pointwise kernel [F, C·m, 1, 1]   bias [F]
 */
import { convFans, initialize, type Initializer } from '../init';
import type { Conv2DSpec, DepthwiseConv2DSpec, SeparableConv2DSpec } from '../model/ir';
import { conv2dBackward, conv2dForward, conv2dGeometry, conv2dWorkspace, type Conv2DGeometry, type Conv2DWorkspace } from '../ops/conv2d';
import type { Random } from '../random';
import { shapeToString } from '../tensor';
import { ActivatedLayer } from './activated';
import { Conv2DLayer } from './conv2d';
import type { LayerContext, Param } from './layer';

export function depthwiseAsGrouped(spec: DepthwiseConv2DSpec | SeparableConv2DSpec, channels: number): Conv2DSpec {
  return {
    kind: 'conv2d', filters: channels * spec.depthMultiplier, kernelSize: spec.kernelSize, strides: spec.strides,
    padding: spec.padding, dilation: spec.dilation, groups: channels,
    useBias: spec.kind === 'depthwiseConv2d' ? spec.useBias : false,
    activation: spec.kind === 'depthwiseConv2d' ? spec.activation : 'linear',
  };
}

export function depthwiseConv2dLayer(context: LayerContext, spec: DepthwiseConv2DSpec, initializer: Initializer, rng: Random): Conv2DLayer {
  const c = context.inputShape[0];
  if (context.inputShape.length !== 3 || c === undefined) throw new RangeError(`depthwiseConv2d needs a [channels, height, width] input, got ${shapeToString(context.inputShape)}`);
  return new Conv2DLayer(context, depthwiseAsGrouped(spec, c), initializer, rng, 'depthwiseConv2d');
}

export class SeparableConv2DLayer extends ActivatedLayer {
  readonly kind = 'separableConv2d';
  readonly depthwiseKernel: Param;
  readonly pointwiseKernel: Param;
  readonly bias: Param | null;
  private depthwise: Conv2DGeometry;
  private pointwise: Conv2DGeometry;
  private readonly depthwiseWs: Conv2DWorkspace;
  private readonly pointwiseWs: Conv2DWorkspace;
  /** The depthwise output, the pointwise input: [batch, C·m, outH, outW]. */
  private readonly middleFull: Float32Array;
  private readonly dMiddleFull: Float32Array;

  constructor(context: LayerContext, readonly spec: SeparableConv2DSpec, initializer: Initializer, rng: Random) {
    const { inputShape, capacity } = context;
    if (inputShape.length !== 3) throw new RangeError(`separableConv2d needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    const c = inputShape[0]!;
    const m = spec.depthMultiplier;
    const [kh, kw] = spec.kernelSize;
    const dw = conv2dGeometry([capacity, ...inputShape], [c * m, 1, kh, kw], { strides: spec.strides, padding: spec.padding, dilation: spec.dilation, groups: c });
    const pw = conv2dGeometry([capacity, c * m, dw.outH, dw.outW], [spec.filters, c * m, 1, 1]);
    super(context, [spec.filters, dw.outH, dw.outW], spec.activation);
    this.depthwise = dw;
    this.pointwise = pw;
    this.depthwiseWs = conv2dWorkspace(dw, context.inputGradient);
    this.pointwiseWs = conv2dWorkspace(pw, true);
    this.middleFull = new Float32Array(capacity * c * m * dw.outH * dw.outW);
    this.dMiddleFull = new Float32Array(this.middleFull.length);
    this.depthwiseKernel = this.addParam('depthwiseKernel', [c * m, 1, kh, kw]);
    this.pointwiseKernel = this.addParam('pointwiseKernel', [spec.filters, c * m, 1, 1]);
    // Keras' fans: the depthwise kernel [kh, kw, C, m] as its own convolution, the pointwise [1, 1, C·m, F].
    initialize(this.depthwiseKernel.value, initializer, convFans(m, c, kh, kw), rng);
    initialize(this.pointwiseKernel.value, initializer, convFans(spec.filters, c * m, 1, 1), rng);
    this.bias = spec.useBias ? this.addParam('bias', [spec.filters]) : null;
  }

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    this.depthwise = { ...this.depthwise, batch: n };
    this.pointwise = { ...this.pointwise, batch: n };
  }

  private middle(full: Float32Array): Float32Array {
    const g = this.depthwise;
    return full.subarray(0, g.batch * g.outChannels * g.outH * g.outW);
  }

  protected linearForward(x: Float32Array, z: Float32Array): void {
    const mid = this.middle(this.middleFull);
    conv2dForward(this.depthwise, x, this.depthwiseKernel.value, null, mid, this.depthwiseWs);
    conv2dForward(this.pointwise, mid, this.pointwiseKernel.value, this.bias?.value ?? null, z, this.pointwiseWs);
  }

  protected linearBackward(_x: Float32Array, dz: Float32Array, dx: Float32Array): void {
    const dMid = this.middle(this.dMiddleFull);
    conv2dBackward(this.pointwise, this.pointwiseKernel.value, dz, dMid, this.pointwiseKernel.grad, this.bias?.grad ?? null, this.pointwiseWs);
    conv2dBackward(this.depthwise, this.depthwiseKernel.value, dMid, dx.length > 0 ? dx : null, this.depthwiseKernel.grad, null, this.depthwiseWs);
  }
}
