// "An FC layer with 4096 units has 2^4096 ∼ 10^1233 possible masks!" — exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactMaskCount, maskCount } from '../../../core/dropout';
import { Random } from '../../../core/random';

test('lecture: 4096 units have 2^4096 ≈ 10^1233 masks, exactly 1.04438… × 10^1233 (1234 digits)', () => {
  const exact = exactMaskCount(4096);
  const digits = exact.toString();
  assert.equal(exact, 2n ** 4096n);
  assert.equal(digits.length, 1234);
  assert.equal(digits.slice(0, 9), '104438888');
  const m = maskCount(4096);
  assert.equal(m.exponent, 1233);
  assert.equal(m.digits, 1234);
  assert.equal(m.log10.toFixed(4), '1233.0189', 'log10 2^4096 = 4096·log10 2 = 1233.0189…');
  assert.ok(m.logMantissa > 0 && m.logMantissa < 0.02, 'the mantissa of the logarithm: 10^1233.0…');
  assert.equal(m.significand.toFixed(6), '1.044389');
  assert.equal(m.text, '2^4096 ≈ 10^1233.019 = 1.044 × 10^1233 (1234 digits)');
});

test('the MNIST convnet\'s Dropout over 1600 units: 2^1600 ≈ 10^481.6', () => {
  const m = maskCount(1600);
  assert.equal(m.exponent, 481);
  assert.equal(m.digits, exactMaskCount(1600).toString().length);
});

test('small counts are written exactly: 2^0 = 1, 2^2 = 4, 2^20 = 1048576', () => {
  assert.equal(maskCount(0).text, '2^0 = 1');
  assert.equal(maskCount(2).text, '2^2 = 4');
  assert.equal(maskCount(20).text, '2^20 = 1048576');
  assert.equal(maskCount(20).digits, 7);
});

test('exponent, digits and leading digits agree with the BigInt for 200 random unit counts up to 20 000', () => {
  const random = new Random(11);
  for (let t = 0; t < 200; t++) {
    const n = random.int(20000);
    const decimal = exactMaskCount(n).toString();
    const m = maskCount(n);
    assert.equal(m.digits, decimal.length, `n = ${n}`);
    assert.equal(m.exponent, decimal.length - 1, `n = ${n}`);
    const leading = Number(`${decimal[0]}.${decimal.slice(1, 9)}`);
    assert.ok(Math.abs(m.significand - leading) < 1e-7, `n = ${n}: ${m.significand} vs ${leading}`);
  }
});

test('mask counts refuse negative or fractional unit counts', () => {
  assert.throws(() => maskCount(-1), RangeError);
  assert.throws(() => exactMaskCount(2.5), RangeError);
});
