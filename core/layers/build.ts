/** One layer from its IR entry: the only place that maps an IR kind to a layer class. */
import { layerNotRunnable } from './support';
import type { Initializer } from '../init';
import type { LayerIR } from '../model/ir';
import type { DropoutConvention } from '../ops/dropout';
import type { Random } from '../random';
import type { Shape } from '../tensor';
import { ActivationLayer } from './activation';
import { BatchNormLayer } from './batchNorm';
import { Conv2DLayer } from './conv2d';
import { DenseLayer } from './dense';
import { DropoutLayer } from './dropout';
import { GlobalAvgPool2DLayer } from './globalAvgPool2d';
import type { Layer } from './layer';
import { LocallyConnected2DLayer } from './locallyConnected2d';
import { Pool2DLayer } from './pool2d';
import { ReshapeLayer } from './reshape';

export interface LayerBuildOptions {
  readonly capacity: number;
  /** Whether backward must produce dLoss/dInput (false for a network's first layer). */
  readonly inputGradient: boolean;
  /** Draws the initial weights; a dropout layer takes its mask seed from it. */
  readonly rng: Random;
  readonly kernelInitializer: Initializer;
  readonly dropoutConvention: DropoutConvention;
}

export function buildLayer(ir: LayerIR, inputShape: Shape, options: LayerBuildOptions): Layer {
  const refused = layerNotRunnable(ir.name, ir.spec);
  if (refused) throw new RangeError(refused);
  const context = { name: ir.name, inputShape, capacity: options.capacity, inputGradient: options.inputGradient };
  const spec = ir.spec;
  switch (spec.kind) {
    case 'conv2d':
      return new Conv2DLayer(context, spec, options.kernelInitializer, options.rng);
    case 'dense':
      return new DenseLayer(context, spec, options.kernelInitializer, options.rng);
    case 'locallyConnected2d':
      return new LocallyConnected2DLayer(context, spec, options.kernelInitializer, options.rng);
    case 'maxPool2d':
    case 'avgPool2d':
      return new Pool2DLayer(context, spec);
    case 'globalAvgPool2d':
      return new GlobalAvgPool2DLayer(context, spec);
    case 'flatten':
    case 'reshape':
      return new ReshapeLayer(context, spec);
    case 'dropout':
      return new DropoutLayer(context, spec, options.dropoutConvention, options.rng.nextUint32());
    case 'activation':
      return new ActivationLayer(context, spec);
    case 'batchNorm':
      return new BatchNormLayer(context, spec);
    default:
      throw new RangeError(`layer '${ir.name}' (${spec.kind}) cannot be trained in ConvLab yet`);
  }
}
