/**
 * Random valid models for the code generation round trips: each layer is drawn to fit the
 * shape in front of it, and kept only if model analysis finds no error and no warning in
 * the model so far (a warning such as Dense on a feature map means the frameworks disagree
 * on what the layer does). Seeded, so a failing seed replays.
 */
import { analyseModel } from '../../../core/analysis';
import type { Activation, LayerIR, LayerSpec, ModelIR, Padding, Pair } from '../../../core/model/ir';
import { Random } from '../../../core/random';

const ACTIVATIONS: readonly Activation[] = ['relu', 'elu', 'sigmoid', 'tanh', 'linear', 'softmax'];

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)]!;
}

function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}

function windowPadding(rng: Random, k: Pair, maxPad: number): Padding {
  const r = rng.int(4);
  if (r === 0) return 'valid';
  if (r === 1) return 'same';
  const p = (ki: number): number => rng.int(Math.min(maxPad, Math.floor(ki / 2)) + 1);
  return [p(k[0]), p(k[1])];
}

function imageLayer(rng: Random, [c, h, w]: readonly number[]): LayerSpec {
  const maxK = Math.min(5, h!, w!);
  const k = (): Pair => {
    const a = 1 + rng.int(maxK);
    return rng.bernoulli(0.8) ? [a, a] : [a, 1 + rng.int(maxK)];
  };
  switch (rng.int(11)) {
    case 0:
    case 1:
    case 2: {
      const kernelSize = k();
      const filters = pick(rng, [1, 2, 4, 6, 8, 16]);
      const groups = rng.bernoulli(0.15) ? pick(rng, divisors(c!).filter((g) => filters % g === 0)) : 1;
      const strides: Pair = rng.bernoulli(0.3) ? [1 + rng.int(2), 1 + rng.int(2)] : [1, 1];
      const dilation: Pair = rng.bernoulli(0.2) ? [1 + rng.int(2), 1 + rng.int(2)] : [1, 1];
      return {
        kind: 'conv2d', filters, kernelSize, strides, padding: windowPadding(rng, kernelSize, 2), dilation, groups,
        useBias: rng.bernoulli(0.8), activation: pick(rng, ACTIVATIONS),
      };
    }
    case 3: {
      const size = 2 + rng.int(Math.max(1, Math.min(2, h! - 1, w! - 1)));
      const poolSize: Pair = [size, size];
      const strides: Pair = rng.bernoulli(0.7) ? poolSize : [1 + rng.int(size), 1 + rng.int(size)];
      return { kind: rng.bernoulli(0.5) ? 'maxPool2d' : 'avgPool2d', poolSize, strides, padding: windowPadding(rng, poolSize, 1) };
    }
    case 4: {
      const kernelSize = k();
      return { kind: 'locallyConnected2d', filters: 1 + rng.int(4), kernelSize, strides: rng.bernoulli(0.3) ? [2, 2] : [1, 1], useBias: rng.bernoulli(0.8), activation: pick(rng, ACTIVATIONS) };
    }
    case 5: return { kind: 'batchNorm', momentum: pick(rng, [0.99, 0.9, 0.95]), epsilon: pick(rng, [0.001, 1e-5, 1e-7]) };
    case 6: return { kind: 'dropout', rate: pick(rng, [0.1, 0.25, 0.5, 0.3]), granularity: rng.bernoulli(0.5) ? 'element' : 'channel' };
    case 7: return rng.bernoulli(0.1) ? { kind: 'activation', activation: 'softmax', log: true } : { kind: 'activation', activation: pick(rng, ACTIVATIONS) };
    case 8: return { kind: 'globalAvgPool2d', ...(rng.bernoulli(0.5) ? { keepDims: true } : {}) };
    case 9: return { kind: 'flatten' };
    default: return { kind: 'reshape', targetShape: rng.bernoulli(0.5) ? [-1] : [1, c! * h!, w!] };
  }
}

function vectorLayer(rng: Random, [n]: readonly number[]): LayerSpec {
  switch (rng.int(6)) {
    case 0:
    case 1:
    case 2: return { kind: 'dense', units: pick(rng, [1, 3, 10, 16, 32, 64]), useBias: rng.bernoulli(0.85), activation: pick(rng, ACTIVATIONS) };
    case 3: return { kind: 'dropout', rate: pick(rng, [0.2, 0.5]), granularity: 'element' };
    case 4: return rng.bernoulli(0.5) ? { kind: 'activation', activation: pick(rng, ACTIVATIONS) } : { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 };
    default: {
      const a = pick(rng, divisors(n!));
      return { kind: 'reshape', targetShape: [1, a, n! / a] };
    }
  }
}

function inputShape(rng: Random): number[] {
  const r = rng.int(10);
  if (r < 7) return [pick(rng, [1, 2, 3]), 6 + rng.int(27), 6 + rng.int(27)];
  if (r < 9) return [pick(rng, [4, 10, 16, 50])];
  return [6 + rng.int(20), 6 + rng.int(20)];
}

function acceptable(model: ModelIR): boolean {
  const a = analyseModel(model);
  return a.diagnostics.every((d) => d.severity === 'info') && a.outputShape !== null && a.outputShape.every((d) => d > 0);
}

/** A model of 1…maxLayers layers that analysis accepts without a warning. */
export function randomModel(seed: number, maxLayers = 8): ModelIR {
  const rng = new Random(seed);
  const model: { name: string; inputShape: number[]; layers: LayerIR[]; source: 'convlab' } = { name: `random_${seed}`, inputShape: inputShape(rng), layers: [], source: 'convlab' };
  const target = 1 + rng.int(maxLayers);
  let shape: readonly number[] = model.inputShape;
  for (let attempt = 0; attempt < 60 && model.layers.length < target; attempt++) {
    const spec: LayerSpec = shape.length === 3 ? imageLayer(rng, shape) : shape.length === 1 ? vectorLayer(rng, shape) : { kind: 'flatten' };
    const layers = [...model.layers, { name: `${spec.kind}_${model.layers.length}`, spec }];
    if (!acceptable({ ...model, layers })) continue;
    model.layers = layers;
    shape = analyseModel(model).outputShape!;
  }
  return model;
}
