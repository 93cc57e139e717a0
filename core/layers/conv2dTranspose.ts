/**
 * The transposed convolution layer (Conv2DTranspose, nn.ConvTranspose2d), the decoder's
 * upsampling with weights: kernel [inC, outC/groups, kh, kw], bias [outC], then its
 * activation. The output size is the analysis' rule (one place for each framework's
 * formula); the layer checks that the adjoint convolution's window lands back on its input.
 */
import { transposedAxis } from '../analysis/resampleLayers';
import { convFans, initialize, type Initializer } from '../init';
import type { Conv2DTransposeSpec } from '../model/ir';
import { conv2dTransposeBackward, conv2dTransposeColumns, conv2dTransposeForward, type Conv2DTransposeGeometry } from '../ops/conv2dTranspose';
import { window2d } from '../ops/window';
import type { Random } from '../random';
import { shapeToString } from '../tensor';
import { ActivatedLayer } from './activated';
import type { LayerContext, Param } from './layer';

export class Conv2DTransposeLayer extends ActivatedLayer {
  readonly kind = 'conv2dTranspose';
  readonly kernel: Param;
  readonly bias: Param | null;
  private geometry: Conv2DTransposeGeometry;
  private readonly col: Float32Array;

  constructor(context: LayerContext, readonly spec: Conv2DTransposeSpec, initializer: Initializer, rng: Random) {
    const { inputShape } = context;
    if (inputShape.length !== 3) throw new RangeError(`conv2dTranspose needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    const [c, h, w] = inputShape as [number, number, number];
    if (spec.inChannels !== undefined && spec.inChannels !== c) {
      throw new RangeError(`conv2dTranspose is written for ${spec.inChannels} input channels, but its input has ${c}`);
    }
    const { filters, groups, kernelSize: k, strides: s, dilation: d } = spec;
    if (c % groups !== 0 || filters % groups !== 0) throw new RangeError(`groups = ${groups} must divide ${c} input and ${filters} output channels`);
    const [oh] = transposedAxis(h, k[0], s[0], d[0], spec, 0);
    const [ow] = transposedAxis(w, k[1], s[1], d[1], spec, 1);
    const window = window2d(oh, ow, k, s, d, spec.padding);
    if (window.outH !== h || window.outW !== w) {
      // Keras' output_padding with 'same' can ask for sizes whose adjoint lands elsewhere.
      throw new RangeError(`conv2dTranspose: the output ${oh}×${ow} does not map back onto the ${h}×${w} input; ConvLab cannot train this padding yet`);
    }
    super(context, [filters, oh, ow], spec.activation);
    this.geometry = { batch: context.capacity, inChannels: c, outChannels: filters, groups, window };
    this.col = conv2dTransposeColumns(this.geometry, context.capacity);
    this.kernel = this.addParam('kernel', [c, filters / groups, k[0], k[1]]);
    // Keras' fans for its [kh, kw, outC, inC] kernel: in = outC·kh·kw, out = inC·kh·kw.
    initialize(this.kernel.value, initializer, convFans(c, filters / groups, k[0], k[1]), rng);
    this.bias = spec.useBias ? this.addParam('bias', [filters]) : null;
  }

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    this.geometry = { ...this.geometry, batch: n };
  }

  protected linearForward(x: Float32Array, z: Float32Array): void {
    conv2dTransposeForward(this.geometry, x, this.kernel.value, this.bias?.value ?? null, z, this.col);
  }

  protected linearBackward(x: Float32Array, dz: Float32Array, dx: Float32Array): void {
    conv2dTransposeBackward(this.geometry, x, this.kernel.value, dz, dx.length > 0 ? dx : null, this.kernel.grad, this.bias?.grad ?? null, this.col);
  }
}
