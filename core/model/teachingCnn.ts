/**
 * The teaching CNN of the benchmark and the first lessons, as IR:
 * 28×28×1 → conv 3×3×8, ReLU, maxpool 2 → conv 3×3×16, ReLU, maxpool 2 → dense 10 (softmax).
 * Shapes: [1,28,28] → [8,26,26] → [8,13,13] → [16,11,11] → [16,5,5] → 400 → 10.
 */
import type { LayerIR, ModelIR } from './ir';

const conv = (name: string, filters: number): LayerIR => ({
  name,
  spec: { kind: 'conv2d', filters, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, useBias: true, activation: 'relu' },
});
const pool = (name: string): LayerIR => ({ name, spec: { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' } });

export const TEACHING_CNN: ModelIR = {
  name: 'teaching CNN',
  inputShape: [1, 28, 28],
  source: 'convlab',
  layers: [
    conv('conv1', 8),
    pool('pool1'),
    conv('conv2', 16),
    pool('pool2'),
    { name: 'flatten', spec: { kind: 'flatten' } },
    { name: 'dense', spec: { kind: 'dense', units: 10, useBias: true, activation: 'softmax' } },
  ],
};

/**
 * The teaching CNN with another number of classes (the procedural datasets have four), and
 * optionally ending in linear logits (the softmax then lives in the loss, as the benchmark's
 * comparison libraries fuse it).
 */
export function teachingCnn(classes = 10, head: 'softmax' | 'logits' = 'softmax'): ModelIR {
  return {
    ...TEACHING_CNN,
    layers: TEACHING_CNN.layers.map((l) =>
      l.spec.kind !== 'dense'
        ? l
        : head === 'softmax'
          ? { ...l, spec: { ...l.spec, units: classes } }
          : { name: 'logits', spec: { ...l.spec, units: classes, activation: 'linear' } },
    ),
  };
}
