/**
 * A ready masked forward for the lecture's networks, written with plain arrays: a dense
 * layer, or a small MLP like the lecture's
 *   H1 = max(0, W1·X + b1); H1 *= U1;  H2 = max(0, W2·H1 + b2); H2 *= U2;  out = W3·H2 + b3
 * (dropoutOn: [1, 2]), or the single neuron a = w1x1 + w2x2 with its inputs dropped
 * (dropoutOn: [0]). The masks of every dropped activation are concatenated, in the order
 * of dropoutOn, into the one mask the estimators pass in. Computed in float64, so that the
 * lecture's identities hold to the last bit where the numbers allow.
 */
import type { Activation } from '../model/ir';
import type { MaskedForward } from './exact';

export interface PlainDense {
  /** weights[o][i]: from input i to output o (the lecture's W·x). */
  readonly weights: readonly (readonly number[])[];
  readonly bias?: readonly number[];
  readonly activation?: Activation;
}

export interface PlainMlp {
  readonly layers: readonly PlainDense[];
  /** The activations dropout masks, increasing: 0 is the input, k the output of layer k (after its activation). */
  readonly dropoutOn: readonly number[];
}

function activate(kind: Activation, v: Float64Array): void {
  switch (kind) {
    case 'linear': return;
    case 'relu': for (let i = 0; i < v.length; i++) v[i] = Math.max(0, v[i]!); return;
    case 'elu': for (let i = 0; i < v.length; i++) v[i] = v[i]! > 0 ? v[i]! : Math.expm1(v[i]!); return;
    case 'sigmoid': for (let i = 0; i < v.length; i++) v[i] = 1 / (1 + Math.exp(-v[i]!)); return;
    case 'tanh': for (let i = 0; i < v.length; i++) v[i] = Math.tanh(v[i]!); return;
    case 'softmax': {
      let max = -Infinity;
      for (const x of v) max = Math.max(max, x);
      let sum = 0;
      for (let i = 0; i < v.length; i++) {
        v[i] = Math.exp(v[i]! - max); // shifted by the max so exp cannot overflow
        sum += v[i]!;
      }
      for (let i = 0; i < v.length; i++) v[i] = v[i]! / sum;
      return;
    }
  }
}

/** Sizes of the activations: [inputs, outputs of layer 1, …]. Throws on inconsistent weights. */
export function plainMlpSizes(mlp: PlainMlp): number[] {
  if (mlp.layers.length === 0) throw new RangeError('an MLP needs at least one layer');
  const sizes = [mlp.layers[0]!.weights[0]?.length ?? 0];
  mlp.layers.forEach((layer, l) => {
    const inputs = sizes[l]!;
    if (layer.weights.length === 0 || layer.weights.some((row) => row.length !== inputs)) {
      throw new RangeError(`layer ${l + 1}: every weight row must have ${inputs} entries`);
    }
    if (layer.bias && layer.bias.length !== layer.weights.length) throw new RangeError(`layer ${l + 1}: ${layer.bias.length} biases for ${layer.weights.length} outputs`);
    sizes.push(layer.weights.length);
  });
  const on = mlp.dropoutOn;
  if (on.some((k, i) => !Number.isInteger(k) || k < 0 || k > mlp.layers.length || (i > 0 && k <= on[i - 1]!))) {
    throw new RangeError(`dropoutOn must be increasing activation indices in 0…${mlp.layers.length}, got [${on.join(', ')}]`);
  }
  return sizes;
}

/** The number of units the MLP's dropout masks cover (the mask's length). */
export function plainMlpDropoutUnits(mlp: PlainMlp): number {
  const sizes = plainMlpSizes(mlp);
  return mlp.dropoutOn.reduce((n, k) => n + sizes[k]!, 0);
}

/**
 * The MLP's masked forward. Its buffers are allocated once here and reused: the returned
 * output is overwritten by the next call.
 */
export function plainMlpForward(mlp: PlainMlp): MaskedForward<ArrayLike<number>> {
  const sizes = plainMlpSizes(mlp);
  const acts = sizes.map((n) => new Float64Array(n));
  const maskOffset = new Map<number, number>();
  let offset = 0;
  for (const k of mlp.dropoutOn) {
    maskOffset.set(k, offset);
    offset += sizes[k]!;
  }
  const applyMask = (k: number, mask: Float64Array): void => {
    const at = maskOffset.get(k);
    if (at === undefined) return;
    const a = acts[k]!;
    for (let i = 0; i < a.length; i++) a[i] = a[i]! * mask[at + i]!;
  };
  return (input, mask) => {
    if (input.length !== sizes[0]) throw new RangeError(`the MLP takes ${sizes[0]} inputs, got ${input.length}`);
    if (mask.length !== offset) throw new RangeError(`the MLP's dropout covers ${offset} units, got a mask of ${mask.length}`);
    const x0 = acts[0]!;
    for (let i = 0; i < x0.length; i++) x0[i] = input[i]!;
    applyMask(0, mask);
    mlp.layers.forEach((layer, l) => {
      const x = acts[l]!;
      const y = acts[l + 1]!;
      for (let o = 0; o < y.length; o++) {
        const row = layer.weights[o]!;
        let s = layer.bias?.[o] ?? 0;
        for (let i = 0; i < x.length; i++) s += row[i]! * x[i]!;
        y[o] = s;
      }
      activate(layer.activation ?? 'linear', y);
      applyMask(l + 1, mask);
    });
    return acts[acts.length - 1]!;
  };
}

/** One dense layer with dropout on its inputs: the lecture's single neuron when it has one output. */
export function plainDenseForward(layer: PlainDense): MaskedForward<ArrayLike<number>> {
  return plainMlpForward({ layers: [layer], dropoutOn: [0] });
}
