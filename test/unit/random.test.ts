import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../core/random';

test('the same seed replays the same stream; another seed does not', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const sa = Array.from({ length: 100 }, () => a.nextUint32());
  const sb = Array.from({ length: 100 }, () => b.nextUint32());
  const sc = Array.from({ length: 100 }, () => c.nextUint32());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
});

test('uniform draws have mean ≈ 1/2 and variance ≈ 1/12 over 100 000 draws', () => {
  const r = new Random(1);
  let s = 0;
  let s2 = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert.ok(Math.abs(s2 / n - mean * mean - 1 / 12) < 0.002);
});

test('normal draws have mean ≈ 0 and std ≈ 1; truncated ones stay within 2σ', () => {
  const r = new Random(7);
  let s = 0;
  let s2 = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const x = r.normal();
    s += x;
    s2 += x * x;
    assert.ok(Math.abs(r.truncatedNormal()) <= 2);
  }
  assert.ok(Math.abs(s / n) < 0.02);
  assert.ok(Math.abs(Math.sqrt(s2 / n) - 1) < 0.02);
});

test('int(n) is uniform over 0..n−1 and a permutation holds every index once', () => {
  const r = new Random(3);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 400, `count ${c}`);
  const p = Array.from(r.permutation(1000)).sort((x, y) => x - y);
  assert.deepEqual(p, Array.from({ length: 1000 }, (_, i) => i));
});
