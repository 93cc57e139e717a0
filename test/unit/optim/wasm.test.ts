// The optimisers' wasm kernels against their TypeScript loops: the same weights, bit for
// bit, over several steps of random gradients (odd lengths reach the scalar tails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Adam, SGD, type Optimizer, type Parameter } from '../../../core/optim';
import { Random } from '../../../core/random';
import { onKernels } from '../wasm/paths';

/** Parameters of lengths that cover whole SIMD groups, tails, and a single weight. */
const LENGTHS = [1, 3, 4, 7, 64, 1027];

/** Weights after `steps` steps of seeded gradients; each step on the kernels sideOf(step) names. */
function run(sideOf: (step: number) => 'js' | 'wasm', make: (params: Parameter[]) => Optimizer, steps = 5): Float32Array[] {
  const rng = new Random(11);
  const params = LENGTHS.map((n, i) => ({ name: `p${i}`, value: Float32Array.from({ length: n }, () => rng.normal()), grad: new Float32Array(n) }));
  const opt = make(params);
  for (let s = 0; s < steps; s++) {
    // Gradients of very different sizes, zeros and negative zeros included.
    for (const p of params) for (let i = 0; i < p.grad.length; i++) p.grad[i] = i % 17 === 0 ? (s % 2 ? -0 : 0) : rng.normal() * 10 ** ((i % 7) - 3);
    onKernels(sideOf(s), () => opt.step());
  }
  return params.map((p) => p.value);
}

function assertBitIdentical(js: Float32Array[], wasm: Float32Array[]): void {
  js.forEach((a, k) => {
    const b = wasm[k]!;
    const ia = new Uint32Array(a.buffer, a.byteOffset, a.length);
    const ib = new Uint32Array(b.buffer, b.byteOffset, b.length);
    for (let i = 0; i < ia.length; i++) assert.equal(ib[i], ia[i], `param ${k}[${i}]: wasm ${b[i]} vs TypeScript ${a[i]}`);
  });
}

const cases: [string, (p: Parameter[]) => Optimizer][] = [
  ['Adam (Keras defaults)', (p) => new Adam(p)],
  ['Adam, lr 0.05, amsgrad', (p) => new Adam(p, { learningRate: 0.05, amsgrad: true })],
  ['Adam, β1 0.5, β2 0.9, ε 1e-3', (p) => new Adam(p, { beta1: 0.5, beta2: 0.9, epsilon: 1e-3 })],
  ['SGD, lr 0.3', (p) => new SGD(p, { learningRate: 0.3 })],
  ['SGD, momentum 0.9', (p) => new SGD(p, { learningRate: 0.01, momentum: 0.9 })],
  ['SGD, Nesterov 0.9', (p) => new SGD(p, { learningRate: 0.01, momentum: 0.9, nesterov: true })],
];

for (const [name, make] of cases) {
  test(`${name}: the wasm kernel's weights are bit-identical to the TypeScript loop's after 5 steps`, () => {
    const js = run(() => 'js', make);
    const wasm = run(() => 'wasm', make);
    const initial = run(() => 'js', make, 0);
    assert.ok(js.some((a, k) => a.some((x, i) => x !== initial[k]![i])), 'the steps moved the weights');
    assertBitIdentical(js, wasm);
  });
}

test('the optimiser state lives on the TypeScript side: switching kernels between steps changes nothing', () => {
  const make = (p: Parameter[]): Optimizer => new Adam(p, { learningRate: 0.01, amsgrad: true });
  assertBitIdentical(run(() => 'js', make), run((s) => (s % 2 === 0 ? 'wasm' : 'js'), make));
});
