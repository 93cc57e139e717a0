/**
 * The layers of real models (U-Nets, MobileNets, GAN generators, style transfer) that the
 * lecture's six do not cover: backward agrees with finite differences for the input and
 * every trainable param, and the forward with the frameworks (runtimeLayers.test.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLayer } from '../../../core/layers/build';
import type { Layer } from '../../../core/layers/layer';
import { layerNotRunnable, modelNotRunnable, runtimeNotes } from '../../../core/layers/support';
import { MergeLayer } from '../../../core/layers/merge';
import type { Activation, LayerSpec, MergeSpec } from '../../../core/model/ir';
import { Random } from '../../../core/random';
import { shapeToString, sizeOf, type Shape } from '../../../core/tensor';
import { checkGradient, dotLoss, randomArray } from '../support/numeric';

const BATCH = 2;

function build(spec: LayerSpec, inputShape: Shape): Layer {
  return buildLayer({ spec, name: spec.kind }, inputShape, {
    capacity: BATCH, inputGradient: true, rng: new Random(5), kernelInitializer: 'glorotUniform', dropoutConvention: 'inverted',
  });
}

/** Inputs kept off the kinks (0 for the ReLU family, ±3 for the hard ones, 6 for relu6) and distinct (max ties). */
function input(rng: Random, n: number): Float32Array {
  return randomArray(rng, n, -2, 2).map((v, i) => {
    let u = Math.abs(v) < 0.05 ? v + 0.1 : v;
    u += i * 1e-4;
    return u;
  });
}

function check(layer: Layer, rng: Random, h: number): void {
  const x = input(rng, BATCH * sizeOf(layer.inputShape));
  const forward = (): Float32Array => layer.forward(x, true);
  const r = randomArray(rng, forward().length);
  const dx = layer.backward(r).slice();
  const loss = (): number => dotLoss(forward(), r);
  checkGradient(`${layer.name} dInput`, x, dx, loss, { h, samples: 60 });
  for (const p of layer.params()) if (p.trainable) checkGradient(`${layer.name} ${p.name}`, p.value, p.grad.slice(), loss, { h, samples: 60 });
}

const transposed = (extra: Partial<Extract<LayerSpec, { kind: 'conv2dTranspose' }>>): LayerSpec => ({
  kind: 'conv2dTranspose', filters: 3, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', outputPadding: [0, 0], dilation: [1, 1],
  groups: 1, useBias: true, activation: 'linear', ...extra,
});

const pointwise: readonly Activation[] = ['relu6', 'leakyRelu', 'gelu', 'silu', 'hardSwish', 'hardSigmoid', 'softplus', 'selu', 'mish'];

interface Case { readonly spec: LayerSpec; readonly input: Shape; readonly label: string; readonly h?: number }

const cases: readonly Case[] = [
  { spec: transposed({}), input: [2, 3, 4], label: 'conv2dTranspose k3 s2 valid' },
  { spec: transposed({ padding: 'same', kernelSize: [4, 4] }), input: [2, 3, 3], label: 'conv2dTranspose k4 s2 same' },
  { spec: transposed({ padding: [1, 1], outputPadding: [1, 0], activation: 'tanh' }), input: [2, 4, 3], label: 'conv2dTranspose p1 op[1,0] tanh' },
  { spec: transposed({ filters: 4, groups: 2, kernelSize: [2, 2], useBias: false }), input: [4, 3, 3], label: 'conv2dTranspose groups 2' },
  { spec: transposed({ strides: [1, 1], dilation: [2, 2], padding: [2, 2] }), input: [2, 4, 4], label: 'conv2dTranspose dilation 2' },
  { spec: { kind: 'depthwiseConv2d', depthMultiplier: 2, kernelSize: [3, 3], strides: [1, 1], padding: 'same', dilation: [1, 1], useBias: true, activation: 'linear' }, input: [3, 5, 5], label: 'depthwiseConv2d m2' },
  { spec: { kind: 'separableConv2d', filters: 4, depthMultiplier: 2, kernelSize: [3, 3], strides: [2, 2], padding: 'same', dilation: [1, 1], useBias: true, activation: 'sigmoid' }, input: [3, 6, 5], label: 'separableConv2d' },
  { spec: { kind: 'upSampling2d', scale: [2, 2], interpolation: 'nearest' }, input: [2, 3, 3], label: 'upsampling nearest ×2' },
  { spec: { kind: 'upSampling2d', scale: [2, 3], interpolation: 'bilinear' }, input: [2, 3, 3], label: 'upsampling bilinear ×[2,3]' },
  { spec: { kind: 'upSampling2d', size: [5, 7], interpolation: 'bilinear', alignCorners: true }, input: [2, 3, 4], label: 'upsampling bilinear to 5×7, corners aligned' },
  { spec: { kind: 'padding2d', padding: [1, 2, 2, 1], mode: 'reflect' }, input: [2, 4, 4], label: 'reflection padding' },
  { spec: { kind: 'padding2d', padding: [2, 0, 1, 1], mode: 'replicate' }, input: [2, 3, 3], label: 'replication padding' },
  { spec: { kind: 'padding2d', padding: [1, 1, 0, 2], mode: 'constant', value: 0.5 }, input: [2, 3, 3], label: 'constant padding' },
  { spec: { kind: 'cropping2d', cropping: [1, 0, 1, 2] }, input: [2, 4, 5], label: 'cropping' },
  { spec: { kind: 'resize', height: 5, width: 3, method: 'resize' }, input: [2, 4, 4], label: 'resize bilinear' },
  { spec: { kind: 'adaptivePool2d', op: 'avg', outputSize: [3, 2] }, input: [2, 7, 5], label: 'adaptive avg 3×2' },
  { spec: { kind: 'adaptivePool2d', op: 'max', outputSize: [2, 3] }, input: [2, 5, 7], label: 'adaptive max 2×3', h: 1e-4 },
  { spec: { kind: 'globalMaxPool2d' }, input: [3, 4, 4], label: 'global max', h: 1e-4 },
  { spec: { kind: 'maxPool2d', poolSize: [3, 3], strides: [2, 2], padding: 'valid', ceilMode: true }, input: [2, 6, 6], label: 'max pool ceil_mode', h: 1e-4 },
  { spec: { kind: 'avgPool2d', poolSize: [3, 3], strides: [2, 2], padding: [1, 1] }, input: [2, 5, 5], label: 'avg pool count_include_pad' },
  { spec: { kind: 'normalization', variant: 'group', groups: 2, epsilon: 1e-5, affine: true }, input: [4, 3, 3], label: 'group norm' },
  { spec: { kind: 'normalization', variant: 'instance', epsilon: 1e-5, affine: false }, input: [3, 3, 3], label: 'instance norm' },
  { spec: { kind: 'normalization', variant: 'layer', epsilon: 1e-5, affine: true, normalizedShape: [3, 4] }, input: [2, 3, 4], label: 'layer norm (PyTorch)' },
  { spec: { kind: 'normalization', variant: 'layer', epsilon: 1e-3, affine: true }, input: [4, 2, 3], label: 'layer norm (Keras, channels)' },
  { spec: { kind: 'prelu', sharedAxes: [1, 2] }, input: [3, 3, 3], label: 'prelu per channel' },
  { spec: { kind: 'prelu', sharedAxes: 'all' }, input: [6], label: 'prelu one slope' },
  { spec: { kind: 'identity', role: 'augmentation' }, input: [2, 3, 3], label: 'identity' },
  { spec: { kind: 'batchNorm', momentum: 0.99, epsilon: 1e-3, scale: false }, input: [2, 3, 3], label: 'batchNorm without scale' },
  { spec: { kind: 'batchNorm', momentum: 0.99, epsilon: 1e-3, scale: false, center: false }, input: [3, 2, 2], label: 'batchNorm without scale or centre' },
  { spec: { kind: 'activation', activation: 'elu', alpha: 0.5 }, input: [5], label: 'elu α 0.5' },
  { spec: { kind: 'activation', activation: 'gelu', approximate: true }, input: [5], label: 'gelu tanh' },
  ...pointwise.map((a): Case => ({ spec: { kind: 'activation', activation: a }, input: [2, 3, 3], label: `activation ${a}` })),
  // A smaller step: a pre-activation near a kink (selu's at 0) must not be straddled.
  ...pointwise.map((a): Case => ({ spec: { kind: 'dense', units: 4, useBias: true, activation: a }, input: [5], label: `dense ${a}`, h: 1e-3 })),
];

describe('layers of real models: backward agrees with finite differences', () => {
  const rng = new Random(202);
  for (const c of cases) {
    test(`${c.label} on ${shapeToString(c.input)}`, () => check(build(c.spec, c.input), rng, c.h ?? 1e-2));
  }
});

interface MergeCase { readonly op: MergeSpec['op']; readonly shapes: readonly Shape[]; readonly axis?: number; readonly out: Shape }

const merges: readonly MergeCase[] = [
  { op: 'multiply', shapes: [[3, 4, 4], [3, 1, 1]], out: [3, 4, 4] },
  { op: 'multiply', shapes: [[1, 4, 4], [3, 4, 4]], out: [3, 4, 4] },
  { op: 'add', shapes: [[3, 2, 2], [2]], out: [3, 2, 2] },
  { op: 'subtract', shapes: [[3, 2, 2], [3, 1, 2]], out: [3, 2, 2] },
  { op: 'average', shapes: [[3, 2, 2], [3, 2, 2], [3, 1, 1]], out: [3, 2, 2] },
  { op: 'maximum', shapes: [[2, 3, 3], [2, 3, 3]], out: [2, 3, 3] },
  { op: 'minimum', shapes: [[2, 3, 3], [2, 1, 3], [2, 3, 3]], out: [2, 3, 3] },
  { op: 'concatenate', shapes: [[2, 3, 4], [2, 1, 4]], axis: 1, out: [2, 4, 4] },
  { op: 'concatenate', shapes: [[2, 3, 2], [2, 3, 3]], axis: 2, out: [2, 3, 5] },
  { op: 'concatenate', shapes: [[2, 3, 3], [1, 3, 3]], axis: 0, out: [3, 3, 3] },
];

describe('merges: broadcasting, maximum and minimum, concatenation on any axis agree with finite differences', () => {
  const rng = new Random(303);
  for (const m of merges) {
    test(`${m.op} of ${m.shapes.map(shapeToString).join(', ')}${m.axis === undefined ? '' : ` on axis ${m.axis}`}`, () => {
      const layer = new MergeLayer({ name: m.op, inputShape: m.shapes[0]!, capacity: BATCH, inputGradient: false }, { kind: 'merge', op: m.op, ...(m.axis === undefined ? {} : { axis: m.axis }) }, m.shapes);
      assert.deepEqual(layer.outputShape, m.out);
      const xs = m.shapes.map((s) => input(rng, BATCH * sizeOf(s)));
      const r = randomArray(rng, BATCH * sizeOf(m.out));
      layer.forwardInputs(xs);
      const ds = layer.backwardInputs(r).map((d) => d.slice());
      const loss = (): number => dotLoss(layer.forwardInputs(xs), r);
      xs.forEach((x, i) => checkGradient(`${m.op} input ${i}`, x, ds[i]!, loss, { h: 1e-3, samples: 40 }));
    });
  }

  test('shapes that do not broadcast are refused', () => {
    assert.throws(() => new MergeLayer({ name: 'm', inputShape: [3, 4, 4], capacity: 1, inputGradient: false }, { kind: 'merge', op: 'add' }, [[3, 4, 4], [2, 4, 4]]), /do not broadcast/);
  });
});

describe('what the runtime refuses, and says', () => {
  test('bicubic upsampling and running statistics are refused with a reason', () => {
    assert.match(layerNotRunnable('up', { kind: 'upSampling2d', scale: [2, 2], interpolation: 'bicubic' }) ?? '', /bicubic/);
    assert.match(layerNotRunnable('in', { kind: 'normalization', variant: 'instance', epsilon: 1e-5, affine: false, trackRunningStats: true }) ?? '', /running statistics/);
  });

  test('every activation of the IR runs, and augmentation layers are named as passed through', () => {
    for (const a of pointwise) assert.equal(layerNotRunnable('a', { kind: 'activation', activation: a }), null);
    const model = {
      name: 'm', inputShape: [1, 4, 4], source: 'keras' as const,
      layers: [
        { name: 'flip', spec: { kind: 'identity', role: 'augmentation' } as const },
        { name: 'flat', spec: { kind: 'flatten' } as const },
      ],
    };
    assert.equal(modelNotRunnable(model), null);
    assert.match(runtimeNotes(model).join(' '), /flip passes images on unchanged/);
  });
});
