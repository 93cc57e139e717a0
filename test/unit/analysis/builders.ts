// Small IR builders for the analysis tests, with Keras' defaults (valid padding, stride 1,
// pool stride = pool size), so each test reads like the model code it stands for.
import type { Conv2DSpec, DenseSpec, DropoutSpec, LayerIR, LayerSpec, ModelIR, ModelSource, Padding, Pool2DSpec } from '../../../core/model/ir';

type Two = number | readonly [number, number];
const pair = (v: Two): readonly [number, number] => (typeof v === 'number' ? [v, v] : v);

export function conv(filters: number, kernel: Two, o: { strides?: Two; padding?: Padding; dilation?: Two; groups?: number; useBias?: boolean; inChannels?: number } = {}): Conv2DSpec {
  return {
    kind: 'conv2d', filters, kernelSize: pair(kernel), strides: pair(o.strides ?? 1), padding: o.padding ?? 'valid',
    dilation: pair(o.dilation ?? 1), groups: o.groups ?? 1, useBias: o.useBias ?? true, activation: 'relu',
    ...(o.inChannels !== undefined ? { inChannels: o.inChannels } : {}),
  };
}

export function maxPool(size: Two, o: { strides?: Two; padding?: Padding } = {}): Pool2DSpec {
  return { kind: 'maxPool2d', poolSize: pair(size), strides: pair(o.strides ?? size), padding: o.padding ?? 'valid' };
}

export function dense(units: number, inFeatures?: number): DenseSpec {
  return { kind: 'dense', units, useBias: true, activation: 'linear', ...(inFeatures !== undefined ? { inFeatures } : {}) };
}

export const flatten: LayerSpec = { kind: 'flatten' };

export function dropout(rate: number, granularity: DropoutSpec['granularity'] = 'element'): DropoutSpec {
  return { kind: 'dropout', rate, granularity };
}

export function model(inputShape: readonly number[], specs: readonly LayerSpec[], source: ModelSource = 'keras'): ModelIR {
  const layers: LayerIR[] = specs.map((spec, i) => ({ spec, name: `${spec.kind}_${i}`, range: { startLine: i, startCol: 4, endLine: i, endCol: 40 } }));
  return { name: 'test', inputShape, layers, source };
}
