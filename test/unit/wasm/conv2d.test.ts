import { describe, test } from 'node:test';
import {
  conv2dBackward, conv2dForward, conv2dGeometry, conv2dReluBackward, conv2dReluForward, conv2dWorkspace,
  type Conv2DOptions,
} from '../../../core/ops/conv2d';
import { Random } from '../../../core/random';
import { sizeOf } from '../../../core/tensor';
import { convCaseName, drawConvCase, type ConvCase } from '../support/cases';
import { assertClose, randomArray } from '../support/numeric';
import { onBoth, onKernels } from './paths';

interface Data {
  readonly x: Float32Array;
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
  readonly dy: Float32Array;
}

interface Result {
  readonly z: Float32Array;
  readonly y: Float32Array | null;
  readonly dx: Float32Array | null;
  readonly dKernel: Float32Array;
  readonly dBias: Float32Array | null;
}

function draw(c: ConvCase, rng: Random, withBias: boolean): Data {
  const g = conv2dGeometry(c.x, c.f, c);
  return {
    x: randomArray(rng, sizeOf(c.x)),
    kernel: randomArray(rng, sizeOf(c.f)),
    bias: withBias ? randomArray(rng, c.f[0]) : null,
    dy: randomArray(rng, g.batch * g.outChannels * g.outH * g.outW),
  };
}

/** Forward then backward, each on the kernels named (so that a forward on one side can feed a backward on the other). */
function run(c: ConvCase, d: Data, relu: boolean, inputGradient: boolean, sides: ['js' | 'wasm', 'js' | 'wasm'], activation: 'relu' | 'elu' = 'relu'): Result {
  const g = conv2dGeometry(c.x, c.f, c);
  const ws = conv2dWorkspace(g, inputGradient);
  const size = d.dy.length;
  const z = new Float32Array(size);
  const y = relu ? new Float32Array(size) : null;
  onKernels(sides[0], () => {
    if (y !== null) conv2dReluForward(g, d.x, d.kernel, d.bias, z, y, ws, activation);
    else conv2dForward(g, d.x, d.kernel, d.bias, z, ws);
  });
  const dx = inputGradient ? new Float32Array(d.x.length) : null;
  const dKernel = new Float32Array(d.kernel.length);
  const dBias = d.bias === null ? null : new Float32Array(d.bias.length);
  onKernels(sides[1], () => {
    if (y !== null) conv2dReluBackward(g, d.kernel, y, d.dy, new Float32Array(size), dx, dKernel, dBias, ws, activation);
    else conv2dBackward(g, d.kernel, d.dy, dx, dKernel, dBias, ws);
  });
  return { z, y, dx, dKernel, dBias };
}

function assertSame(actual: Result, expected: Result): void {
  assertClose(actual.z, expected.z, 'z');
  if (expected.y !== null) assertClose(actual.y!, expected.y, 'relu(z)');
  if (expected.dx !== null) assertClose(actual.dx!, expected.dx, 'dx');
  assertClose(actual.dKernel, expected.dKernel, 'dKernel');
  if (expected.dBias !== null) assertClose(actual.dBias!, expected.dBias, 'dBias');
}

function caseOf(x: ConvCase['x'], f: ConvCase['f'], options: Conv2DOptions): ConvCase {
  return {
    x, f, strides: options.strides ?? [1, 1], dilation: options.dilation ?? [1, 1], padding: options.padding ?? 'valid',
    groups: options.groups ?? 1, convention: options.convention ?? 'crossCorrelation',
  };
}

describe('wasm conv2d equals the TypeScript conv2d on random settings (stride, dilation, padding, groups, flipped)', () => {
  const rng = new Random(303);
  for (let i = 0; i < 60; i++) {
    const c = drawConvCase(rng, { strideOrDilation: false, groups: true, flipped: true });
    const relu = rng.bernoulli(0.5), withBias = rng.bernoulli(0.8), inputGradient = rng.bernoulli(0.8);
    test(`${convCaseName(c)}${relu ? ' relu' : ''}${withBias ? '' : ' no-bias'}${inputGradient ? '' : ' no-dx'}`, () => {
      const d = draw(c, rng, withBias);
      assertSame(run(c, d, relu, inputGradient, ['wasm', 'wasm']), run(c, d, relu, inputGradient, ['js', 'js']));
    });
  }
});

describe('wasm conv2d on shapes cut into several bands of output rows, and on the teaching CNN', () => {
  const cases: [ConvCase, boolean][] = [
    [caseOf([2, 8, 40, 70], [5, 8, 3, 3], { padding: 'same' }), true],
    [caseOf([1, 6, 37, 90], [6, 2, 3, 3], { groups: 3, strides: [2, 1], dilation: [1, 2], padding: [1, 2] }), false],
    [caseOf([1, 32, 20, 64], [16, 32, 3, 3], { padding: 'same', convention: 'convolution' }), true],
    [caseOf([64, 1, 28, 28], [8, 1, 3, 3], {}), true],
    [caseOf([64, 8, 13, 13], [16, 8, 3, 3], {}), true],
  ];
  const rng = new Random(304);
  for (const [c, relu] of cases) {
    test(`${convCaseName(c)}${relu ? ' relu' : ''}`, () => {
      const d = draw(c, rng, true);
      assertSame(run(c, d, relu, true, ['wasm', 'wasm']), run(c, d, relu, true, ['js', 'js']));
    });
  }
});

describe('a forward on one side feeds a backward on the other (the wasm side keeps no column matrix)', () => {
  const rng = new Random(305);
  for (let i = 0; i < 8; i++) {
    const c = drawConvCase(rng, { strideOrDilation: false, groups: true, flipped: true });
    const relu = rng.bernoulli(0.5);
    test(`${convCaseName(c)}${relu ? ' relu' : ''}`, () => {
      const d = draw(c, rng, true);
      const reference = run(c, d, relu, true, ['js', 'js']);
      assertSame(run(c, d, relu, true, ['wasm', 'js']), reference);
      assertSame(run(c, d, relu, true, ['js', 'wasm']), reference);
    });
  }
});

describe('wasm conv2d with a batch below the workspace\'s (the last mini-batch of an epoch)', () => {
  test('x=[5,3,9,9] f=[4,3,3,3] p=same, run at batch 2 of 5', () => {
    const rng = new Random(306);
    const full = conv2dGeometry([5, 3, 9, 9], [4, 3, 3, 3], { padding: 'same' });
    const g = { ...full, batch: 2 };
    const x = randomArray(rng, 5 * 3 * 81), kernel = randomArray(rng, 4 * 27), bias = randomArray(rng, 4);
    const dy = randomArray(rng, 2 * 4 * 81);
    const [js, wasm] = onBoth(() => {
      const ws = conv2dWorkspace(full);
      const z = new Float32Array(5 * 4 * 81).fill(7);
      conv2dForward(g, x.subarray(0, 2 * 243), kernel, bias, z.subarray(0, 2 * 324), ws);
      const dx = new Float32Array(2 * 243), dK = new Float32Array(kernel.length), dB = new Float32Array(4);
      conv2dBackward(g, kernel, dy, dx, dK, dB, ws);
      return [z, dx, dK, dB];
    });
    ['z (the rest untouched)', 'dx', 'dKernel', 'dBias'].forEach((what, i) => assertClose(wasm[i]!, js[i]!, what));
  });
});

/** ELU fused into the conv output step (the SIMD expm1, within 1 ulp: test/unit/wasm/elu.test.ts) against the TypeScript conv then ELU. */
describe('wasm conv2d with ELU fused equals the TypeScript conv2d then ELU', () => {
  const rng = new Random(306);
  const cases: ConvCase[] = [caseOf([2, 8, 40, 70], [5, 8, 3, 3], { padding: 'same' }), caseOf([64, 1, 28, 28], [8, 1, 3, 3], {})];
  for (let i = 0; i < 10; i++) cases.push(drawConvCase(rng, { strideOrDilation: false, groups: true, flipped: true }));
  for (const c of cases) {
    test(`${convCaseName(c)} elu`, () => {
      const d = draw(c, rng, rng.bernoulli(0.8));
      assertSame(run(c, d, true, true, ['wasm', 'wasm'], 'elu'), run(c, d, true, true, ['js', 'js'], 'elu'));
      // A forward on one side feeds a backward on the other.
      assertSame(run(c, d, true, true, ['wasm', 'js'], 'elu'), run(c, d, true, true, ['js', 'wasm'], 'elu'));
    });
  }
});
