/** PyTorch's padding argument: an int, a pair (rows, cols), 'same' or 'valid'. */
import type { Padding } from '../../model/ir';
import { pyRepr, toPair, type LayerArgs } from '../python/arguments';
import { isRef } from '../python/values';

export function torchPadding(a: LayerArgs): Padding {
  const arg = a.bound.get('padding');
  if (!arg) return [0, 0];
  const v = arg.value;
  if (v === 'same' || v === 'valid') return v;
  const pair = toPair(v);
  if (pair) return pair;
  if (isRef(v) && v.kind === 'unknown') {
    a.note(arg, `ConvLab can't work out ${a.layer}'s padding: it assumes the default, 0.`, 'unresolved');
    return [0, 0];
  }
  a.fail(arg, 'invalidArgument', `${a.layer}'s padding must be an integer, a pair of integers, 'same' or 'valid', got ${pyRepr(v)}.`, 'error');
  return [0, 0];
}
