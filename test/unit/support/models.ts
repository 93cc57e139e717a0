/** Model IRs the numeric tests build networks from. */
import type { Activation, LayerIR, LayerSpec, ModelIR, Padding } from '../../../core/model/ir';

export function conv(filters: number, k: number, activation: Activation = 'relu', padding: Padding = 'valid'): LayerSpec {
  return {
    kind: 'conv2d', filters, kernelSize: [k, k], strides: [1, 1], padding, dilation: [1, 1], groups: 1, useBias: true, activation,
  };
}

export function maxPool(k: number): LayerSpec {
  return { kind: 'maxPool2d', poolSize: [k, k], strides: [k, k], padding: 'valid' };
}

export function dense(units: number, activation: Activation = 'linear'): LayerSpec {
  return { kind: 'dense', units, useBias: true, activation };
}

export const flatten: LayerSpec = { kind: 'flatten' };

export function model(name: string, inputShape: readonly number[], specs: readonly LayerSpec[]): ModelIR {
  const layers: LayerIR[] = specs.map((spec, i) => ({ spec, name: `${spec.kind}_${i}` }));
  return { name, inputShape, layers };
}

/** The lecture's teaching CNN: 28×28×1 → conv 3×3×8 ReLU, maxpool 2 → conv 3×3×16 ReLU, maxpool 2 → dense 10 softmax. */
export function teachingCnn(): ModelIR {
  return model('teaching CNN', [1, 28, 28], [conv(8, 3), maxPool(2), conv(16, 3), maxPool(2), flatten, dense(10, 'softmax')]);
}
