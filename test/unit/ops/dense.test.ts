import { before, describe, test } from 'node:test';
import { denseBackward, denseForward } from '../../../core/ops/dense';
import { Random } from '../../../core/random';
import { assertClose, checkGradient, dotLoss, randInt, randomArray } from '../support/numeric';
import { tf, useTfCpu } from '../support/tf';

describe('dense (W [units, in]) agrees with TF.js x·Wᵀ + b on values and gradients', () => {
  before(useTfCpu);
  const rng = new Random(41);
  for (let i = 0; i < 12; i++) {
    const batch = randInt(rng, 1, 9), inF = randInt(rng, 1, 30), units = randInt(rng, 1, 13);
    const useBias = rng.bernoulli(0.8);
    test(`x=[${batch},${inF}] w=[${units},${inF}]${useBias ? '' : ' no bias'}`, () => {
      const x = randomArray(rng, batch * inF), w = randomArray(rng, units * inF), b = randomArray(rng, units);
      const dy = randomArray(rng, batch * units);
      const y = new Float32Array(batch * units);
      denseForward(batch, inF, units, x, w, useBias ? b : null, y);
      const dx = new Float32Array(x.length), dw = new Float32Array(w.length), db = new Float32Array(units);
      denseBackward(batch, inF, units, x, w, dy, dx, dw, useBias ? db : null);
      tf.tidy(() => {
        const f = (a: tf.Tensor, k: tf.Tensor, c: tf.Tensor) => tf.add(tf.matMul(a, k, false, true), useBias ? c : tf.zerosLike(c));
        const args = [tf.tensor2d(x, [batch, inF]), tf.tensor2d(w, [units, inF]), tf.tensor1d(b)];
        assertClose(y, f(args[0]!, args[1]!, args[2]!).dataSync(), 'y');
        const [gx, gw, gb] = tf.grads(f)(args, tf.tensor2d(dy, [batch, units]));
        assertClose(dx, gx!.dataSync(), 'dx');
        assertClose(dw, gw!.dataSync(), 'dW');
        if (useBias) assertClose(db, gb!.dataSync(), 'db');
      });
      const loss = (): number => (denseForward(batch, inF, units, x, w, useBias ? b : null, y), dotLoss(y, dy));
      checkGradient('dx', x, dx, loss, { h: 0.5 });
      checkGradient('dW', w, dw, loss, { h: 0.5 });
      if (useBias) checkGradient('db', b, db, loss, { h: 0.5 });
    });
  }
});
