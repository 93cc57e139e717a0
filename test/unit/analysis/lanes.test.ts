// The graph laid out in lanes, git-log style: a chain is one lane; a residual block opens a
// lane for the shortcut and closes it at the add; a four-way Inception block fans out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutLanes } from '../../../core/model/lanes';

const I = -1;

test('a chain: one lane, every row from the one above', () => {
  const rows = layoutLanes([[I], [0], [1]]);
  assert.deepEqual(rows.map((r) => [r.lane, r.from, r.through, r.continues]), [[0, [0], [], true], [0, [0], [], true], [0, [0], [], false]]);
  assert.equal(rows[0]!.width, 1);
});

test('a residual block: the input runs through lane 0 past the convolutions, which take lane 1, and the add joins them in lane 0', () => {
  // 0 conv(x), 1 conv, 2 add(1, x), 3 relu
  const rows = layoutLanes([[I], [0], [1, I], [2]]);
  assert.deepEqual(rows.map((r) => r.lane), [1, 1, 0, 0], 'the add returns to lane 0');
  assert.deepEqual(rows.map((r) => r.through), [[0], [0], [], []]);
  assert.deepEqual(rows[2]!.from, [1, 0]);
  assert.equal(rows[0]!.width, 2);
});

test('an Inception block: four branches read the input, the concatenation reads all four', () => {
  // 0 b1, 1 b2a, 2 b2b, 3 b3, 4 concat(0, 2, 3, x)
  const rows = layoutLanes([[I], [I], [1], [I], [0, 2, 3, I]]);
  const lanes = rows.map((r) => r.lane);
  assert.equal(new Set(lanes.slice(0, 4)).size, 3, 'b2a and b2b share a lane');
  assert.deepEqual(rows[4]!.from.length, 4);
  assert.equal(rows[4]!.continues, false);
  assert.ok(rows[0]!.width >= 4);
});
