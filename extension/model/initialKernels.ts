/**
 * The kernels a convolution layer starts from, as ConvLab's worker would initialise them
 * for this model and seed: Network.fromIR forks one generator per layer, in order, from
 * Random(seed), so layer i draws from the i-th fork. Building that one layer alone gives
 * the same numbers without building the network.
 */
import { buildLayer } from '../../core/layers/build';
import type { ModelIR } from '../../core/model/ir';
import { Random } from '../../core/random';

export interface KernelTensor {
  readonly shape: readonly [number, number, number, number];
  readonly values: Float32Array;
}

export function initialKernels(model: ModelIR, index: number, inputShape: readonly number[], seed: number): KernelTensor | undefined {
  const layer = model.layers[index];
  if (!layer || layer.spec.kind !== 'conv2d') return undefined;
  const rng = new Random(seed);
  for (let i = 0; i < index; i++) rng.fork();
  try {
    const built = buildLayer(layer, inputShape, { capacity: 1, inputGradient: false, rng: rng.fork(), kernelInitializer: 'glorotUniform', dropoutConvention: 'inverted' });
    const kernel = built.params().find((p) => p.name === 'kernel');
    if (!kernel || kernel.shape.length !== 4) return undefined;
    return { shape: kernel.shape as unknown as [number, number, number, number], values: kernel.value };
  } catch {
    return undefined; // a layer analysis already flags (e.g. a kernel larger than its input)
  }
}
