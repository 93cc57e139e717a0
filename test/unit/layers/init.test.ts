import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convFans, denseFans, initialize } from '../../../core/init';
import { Random } from '../../../core/random';

function stats(v: Float32Array): { mean: number; std: number; maxAbs: number } {
  let s = 0, s2 = 0, m = 0;
  for (const x of v) {
    s += x;
    s2 += x * x;
    m = Math.max(m, Math.abs(x));
  }
  const mean = s / v.length;
  return { mean, std: Math.sqrt(s2 / v.length - mean * mean), maxAbs: m };
}

test('conv fans count the receptive field, as Keras does: [8,1,3,3] → fanIn 9, fanOut 72', () => {
  assert.deepEqual(convFans(8, 1, 3, 3), { fanIn: 9, fanOut: 72 });
  assert.deepEqual(denseFans(400, 10), { fanIn: 400, fanOut: 10 });
});

test('glorotUniform draws from U(−l, l) with l = √(6 / (fanIn + fanOut))', () => {
  const fans = convFans(16, 8, 3, 3); // 72 in, 144 out
  const limit = Math.sqrt(6 / (72 + 144));
  const v = new Float32Array(100_000);
  initialize(v, 'glorotUniform', fans, new Random(1));
  const s = stats(v);
  assert.ok(s.maxAbs <= limit && s.maxAbs > 0.999 * limit, `max |w| ${s.maxAbs} vs limit ${limit}`);
  assert.ok(Math.abs(s.std - limit / Math.sqrt(3)) < 0.01 * limit, `std ${s.std}`);
});

test('heNormal has standard deviation √(2 / fanIn) once truncated at two of its σ; heUniform reaches √(6 / fanIn)', () => {
  const fans = denseFans(50, 10);
  const v = new Float32Array(200_000);
  initialize(v, 'heNormal', fans, new Random(2));
  const s = stats(v);
  assert.ok(Math.abs(s.std - Math.sqrt(2 / 50)) < 0.01 * Math.sqrt(2 / 50), `std ${s.std}`);
  assert.ok(s.maxAbs <= (2 * Math.sqrt(2 / 50)) / 0.87962566103423978, 'cut at 2σ of the untruncated normal');
  initialize(v, 'heUniform', fans, new Random(3));
  const u = stats(v);
  assert.ok(u.maxAbs <= Math.sqrt(6 / 50) && u.maxAbs > 0.999 * Math.sqrt(6 / 50));
});

test('zeros and ones; the same seed replays the same weights', () => {
  const v = new Float32Array(10).fill(3);
  initialize(v, 'zeros', denseFans(1, 1), new Random(0));
  assert.ok(v.every((x) => x === 0));
  initialize(v, 'ones', denseFans(1, 1), new Random(0));
  assert.ok(v.every((x) => x === 1));
  const a = new Float32Array(20), b = new Float32Array(20);
  initialize(a, 'glorotUniform', denseFans(4, 5), new Random(8));
  initialize(b, 'glorotUniform', denseFans(4, 5), new Random(8));
  assert.deepEqual(a, b);
});
