import { describe, test } from 'node:test';
import { denseBackward, denseForward } from '../../../core/ops/dense';
import { Random } from '../../../core/random';
import { assertClose, randInt, randomArray } from '../support/numeric';
import { onBoth } from './paths';

describe('wasm dense equals the TypeScript dense (y = x·Wᵀ + b and its gradients)', () => {
  const rng = new Random(401);
  const shapes: [number, number, number][] = [[64, 400, 10], [1, 1, 1], [3, 5, 2], [7, 33, 9], [4, 8, 8]];
  for (let i = 0; i < 20; i++) shapes.push([randInt(rng, 1, 20), randInt(rng, 1, 70), randInt(rng, 1, 17)]);
  for (const [batch, inF, units] of shapes) {
    const withBias = rng.bernoulli(0.8), inputGradient = rng.bernoulli(0.8);
    test(`batch=${batch} in=${inF} units=${units}${withBias ? '' : ' no-bias'}${inputGradient ? '' : ' no-dx'}`, () => {
      const x = randomArray(rng, batch * inF), w = randomArray(rng, units * inF);
      const b = withBias ? randomArray(rng, units) : null;
      const dy = randomArray(rng, batch * units);
      const [js, wasm] = onBoth(() => {
        const y = new Float32Array(batch * units);
        denseForward(batch, inF, units, x, w, b, y);
        const dx = inputGradient ? new Float32Array(batch * inF) : null;
        const dW = new Float32Array(units * inF), dB = b === null ? null : new Float32Array(units);
        denseBackward(batch, inF, units, x, w, dy, dx, dW, dB);
        return { y, dx, dW, dB };
      });
      assertClose(wasm.y, js.y, 'y');
      assertClose(wasm.dW, js.dW, 'dW');
      if (js.dB !== null) assertClose(wasm.dB!, js.dB, 'dB');
      if (js.dx !== null) assertClose(wasm.dx!, js.dx, 'dx');
    });
  }
});
