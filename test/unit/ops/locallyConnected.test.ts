import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { conv2d } from '../../../core/ops/conv2d';
import {
  locallyConnected2dBackward, locallyConnected2dForward, locallyConnected2dGeometry, locallyConnected2dKernelShape,
  locallyConnected2dWorkspace,
} from '../../../core/ops/locallyConnected';
import { Random } from '../../../core/random';
import { sizeOf, tensor } from '../../../core/tensor';
import { assertClose, checkGradient, dotLoss, randomArray } from '../support/numeric';

const cases = [
  { x: [2, 3, 6, 5], filters: 4, k: [3, 2], s: [1, 1] },
  { x: [1, 2, 7, 7], filters: 2, k: [3, 3], s: [2, 2] },
  { x: [3, 1, 5, 6], filters: 3, k: [2, 3], s: [1, 2] },
] as const;

describe('locally connected 2-D', () => {
  for (const c of cases) {
    const name = `x=[${c.x.join(',')}] filters=${c.filters} k=[${c.k.join(',')}] s=[${c.s.join(',')}]`;

    test(`${name}: with every position's weights tied it is exactly conv2d`, () => {
      const rng = new Random(81);
      const g = locallyConnected2dGeometry(c.x, c.filters, c.k, c.s);
      const P = g.outH * g.outW;
      const shared = randomArray(rng, c.filters * g.taps);
      const b = randomArray(rng, c.filters);
      const kernel = new Float32Array(P * c.filters * g.taps);
      for (let p = 0; p < P; p++) kernel.set(shared, p * shared.length);
      const bias = new Float32Array(c.filters * P);
      for (let f = 0; f < c.filters; f++) bias.fill(b[f]!, f * P, (f + 1) * P);
      const x = randomArray(rng, sizeOf(c.x));
      const y = new Float32Array(g.batch * c.filters * P);
      locallyConnected2dForward(g, x, kernel, bias, y, locallyConnected2dWorkspace(g));
      const conv = conv2d(tensor(c.x, x), tensor([c.filters, c.x[1], c.k[0], c.k[1]], shared), tensor([c.filters], b), { strides: c.s });
      assertClose(y, conv.data, 'y');
    });

    test(`${name}: gradients agree with finite differences`, () => {
      const rng = new Random(82);
      const g = locallyConnected2dGeometry(c.x, c.filters, c.k, c.s);
      const kernel = randomArray(rng, sizeOf(locallyConnected2dKernelShape(g)));
      const bias = randomArray(rng, c.filters * g.outH * g.outW);
      const x = randomArray(rng, sizeOf(c.x));
      const y = new Float32Array(bias.length * g.batch);
      const dy = randomArray(rng, y.length);
      const ws = locallyConnected2dWorkspace(g);
      locallyConnected2dForward(g, x, kernel, bias, y, ws);
      const dx = new Float32Array(x.length), dk = new Float32Array(kernel.length), db = new Float32Array(bias.length);
      locallyConnected2dBackward(g, kernel, dy, dx, dk, db, ws);
      const loss = (): number => (locallyConnected2dForward(g, x, kernel, bias, y, ws), dotLoss(y, dy));
      checkGradient('dx', x, dx, loss, { h: 0.5 });
      checkGradient('dKernel', kernel, dk, loss, { h: 0.5, samples: 200 });
      checkGradient('dBias', bias, db, loss, { h: 0.5 });
    });
  }

  test('has outH·outW times the weights of the conv with the same window', () => {
    const g = locallyConnected2dGeometry([1, 3, 8, 8], 5, [3, 3], [1, 1]);
    assert.deepEqual(locallyConnected2dKernelShape(g), [36, 5, 27]);
    assert.equal(sizeOf(locallyConnected2dKernelShape(g)), 36 * 5 * 3 * 3 * 3);
  });
});
