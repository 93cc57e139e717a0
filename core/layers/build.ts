/** One layer from its IR entry: the only place that maps an IR kind to a layer class. */
import { layerNotRunnable } from './support';
import type { Initializer } from '../init';
import type { LayerIR } from '../model/ir';
import type { DropoutConvention } from '../ops/dropout';
import type { Random } from '../random';
import type { Shape } from '../tensor';
import { ActivationLayer } from './activation';
import { Conv2DTransposeLayer } from './conv2dTranspose';
import { depthwiseConv2dLayer, SeparableConv2DLayer } from './depthwise';
import { IdentityLayer } from './identity';
import { NormalizationLayer } from './normalization';
import { PReLULayer } from './prelu';
import { poolNeedsResample, ResampleLayer } from './resample';
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
      return poolNeedsResample(spec) ? new ResampleLayer(context, spec) : new Pool2DLayer(context, spec);
    case 'depthwiseConv2d':
      return depthwiseConv2dLayer(context, spec, options.kernelInitializer, options.rng);
    case 'separableConv2d':
      return new SeparableConv2DLayer(context, spec, options.kernelInitializer, options.rng);
    case 'conv2dTranspose':
      return new Conv2DTransposeLayer(context, spec, options.kernelInitializer, options.rng);
    case 'upSampling2d':
    case 'padding2d':
    case 'cropping2d':
    case 'resize':
    case 'adaptivePool2d':
    case 'globalMaxPool2d':
      return new ResampleLayer(context, spec);
    case 'normalization':
      return new NormalizationLayer(context, spec);
    case 'prelu':
      return new PReLULayer(context, spec);
    case 'identity':
      return new IdentityLayer(context, spec);
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
