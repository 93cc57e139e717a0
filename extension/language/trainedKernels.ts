/**
 * The server's question "what are this layer's trained kernels?" answered from the host's
 * trained weights: only the filters and input channels the hover draws are copied and
 * sent, so a 512-filter layer costs the same few hundred floats as an 8-filter one.
 */
import type { KernelTensor } from '../../server/initialKernels';
import type { TrainedKernelsParams, TrainedKernelsResult } from '../../server/protocol';

export function kernelSlice(kernel: KernelTensor | undefined, params: Pick<TrainedKernelsParams, 'maxFilters' | 'maxChannels'>): TrainedKernelsResult {
  if (!kernel) return null;
  const [outC, inC, kh, kw] = kernel.shape;
  const f = Math.max(0, Math.min(outC, params.maxFilters));
  const c = Math.max(0, Math.min(inC, params.maxChannels));
  const values: number[] = [];
  for (let o = 0; o < f; o++) {
    for (let i = 0; i < c; i++) {
      const start = (o * inC + i) * kh * kw;
      for (let k = 0; k < kh * kw; k++) values.push(kernel.values[start + k]!);
    }
  }
  return { shape: [f, c, kh, kw], full: [outC, inC], values };
}
