/**
 * The kernels a convolution layer starts from, as ConvLab's worker initialises them for this
 * model and seed. Network.fromIR forks one generator per layer, in order, from Random(seed),
 * so layer i draws from the i-th fork; a conv layer's first draws fill its kernel, filter by
 * filter ([outC, inC/groups, kh, kw]). The first few filters are therefore the first values
 * of that stream: drawing only those gives the same numbers without building the layer —
 * which keeps a hover on a 256-filter layer as fast as on an 8-filter one.
 */
import { convFans, initialize } from '../core/init';
import type { ModelIR } from '../core/model/ir';
import { Random } from '../core/random';

export interface KernelTensor {
  readonly shape: readonly [number, number, number, number];
  readonly values: Float32Array;
}

/** The first `maxFilters` filters of conv layer `index`, shaped [filters shown, inC/groups, kh, kw]. */
export function initialKernels(model: ModelIR, index: number, inputShape: readonly number[], seed: number, maxFilters = 16): KernelTensor | undefined {
  const spec = model.layers[index]?.spec;
  if (!spec || spec.kind !== 'conv2d' || inputShape.length !== 3) return undefined;
  const inChannels = inputShape[0]!;
  if (spec.groups < 1 || inChannels % spec.groups !== 0 || spec.filters < 1) return undefined;
  const perGroup = inChannels / spec.groups;
  const [kh, kw] = spec.kernelSize;
  const rng = new Random(seed);
  for (let i = 0; i < index; i++) rng.fork();
  const shown = Math.min(spec.filters, maxFilters);
  const values = new Float32Array(shown * perGroup * kh * kw);
  // The fans are the whole layer's: they set the range the layer's weights are drawn from.
  initialize(values, 'glorotUniform', convFans(spec.filters, perGroup, kh, kw), rng.fork());
  return { shape: [shown, perGroup, kh, kw], values };
}
