/**
 * The locally connected 2-D layer: kernel [outH·outW, filters, inC·kh·kw] and bias
 * [filters, outH, outW], one set of weights per output position (see ../ops/locallyConnected).
 */
import { convFans, initialize, type Initializer } from '../init';
import type { LocallyConnected2DSpec } from '../model/ir';
import {
  locallyConnected2dBackward, locallyConnected2dForward, locallyConnected2dGeometry, locallyConnected2dKernelShape,
  locallyConnected2dWorkspace, type LocallyConnected2DGeometry, type LocallyConnected2DWorkspace,
} from '../ops/locallyConnected';
import type { Random } from '../random';
import { shapeToString } from '../tensor';
import { ActivatedLayer } from './activated';
import type { LayerContext, Param } from './layer';

export class LocallyConnected2DLayer extends ActivatedLayer {
  readonly kind = 'locallyConnected2d';
  readonly kernel: Param;
  readonly bias: Param | null;
  private geometry: LocallyConnected2DGeometry;
  private readonly workspace: LocallyConnected2DWorkspace;

  constructor(context: LayerContext, readonly spec: LocallyConnected2DSpec, initializer: Initializer, rng: Random) {
    const { inputShape } = context;
    if (inputShape.length !== 3) {
      throw new RangeError(`locallyConnected2d needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    }
    const g = locallyConnected2dGeometry([context.capacity, ...inputShape], spec.filters, spec.kernelSize, spec.strides);
    super(context, [spec.filters, g.outH, g.outW], spec.activation);
    this.geometry = g;
    this.workspace = locallyConnected2dWorkspace(g, context.inputGradient);
    this.kernel = this.addParam('kernel', locallyConnected2dKernelShape(g));
    // Per-position fans, as a conv with the same window would have. Keras computes fans from its
    // 3-D kernel shape and so multiplies both by outH·outW, which shrinks its Glorot limit by
    // √(outH·outW); we keep the two layers the lecture contrasts on the same starting scale.
    initialize(this.kernel.value, initializer, convFans(spec.filters, inputShape[0]!, g.kh, g.kw), rng);
    this.bias = spec.useBias ? this.addParam('bias', [spec.filters, g.outH, g.outW]) : null;
  }

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    this.geometry = { ...this.geometry, batch: n };
  }

  protected linearForward(x: Float32Array, z: Float32Array): void {
    locallyConnected2dForward(this.geometry, x, this.kernel.value, this.bias?.value ?? null, z, this.workspace);
  }

  protected linearBackward(_x: Float32Array, dz: Float32Array, dx: Float32Array): void {
    locallyConnected2dBackward(
      this.geometry, this.kernel.value, dz, dx.length > 0 ? dx : null,
      this.kernel.grad, this.bias?.grad ?? null, this.workspace,
    );
  }
}
