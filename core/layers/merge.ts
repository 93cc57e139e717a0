/**
 * Where paths meet in a network: ResNet's add, Inception's and U-Net's channel
 * concatenation, squeeze-and-excitation's and attention gates' multiply, and the other
 * element-wise merges. It reads several inputs, so the network calls
 * forwardInputs/backwardInputs; backward gives each input its own gradient, which the
 * network sums into what that input's layer receives (fan-out).
 *
 *   add:        y = Σ xᵢ            ∂y/∂xᵢ = 1
 *   subtract:   y = x₀ − x₁         ∂y/∂x₀ = 1, ∂y/∂x₁ = −1
 *   multiply:   y = Π xᵢ            ∂y/∂xᵢ = Π_{j≠i} xⱼ
 *   average:    y = (Σ xᵢ) / n      ∂y/∂xᵢ = 1/n
 *   maximum / minimum: y = the winning xᵢ; its gradient goes to the winner (the first on a tie)
 *   concatenate along any axis: y = [x₀ | x₁ | …]; the gradient is split the same way
 *
 * Element-wise inputs broadcast as NumPy, PyTorch and Keras do, aligned from the last axis
 * (an SE block's [C, 1, 1] gate on a [C, H, W] map, an attention map's [1, H, W]); an input's
 * gradient is then summed over the axes it was broadcast along.
 */
import type { MergeSpec } from '../model/ir';
import { sameShape, shapeToString, sizeOf, type Shape } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

/** The merge ops the runtime computes: all of the IR's. */
export const RUNNABLE_MERGES: ReadonlySet<MergeSpec['op']> = new Set(['add', 'subtract', 'multiply', 'average', 'maximum', 'minimum', 'concatenate']);

export class MergeLayer extends BaseLayer {
  readonly kind = 'merge';
  private inputs: Float32Array[] = [];
  private readonly dInputsFull: Float32Array[];
  private dInputs: Float32Array[];
  /** Values per example of each input. */
  private readonly sizes: readonly number[];
  private readonly outSize: number;
  /**
   * For broadcasting inputs: per output element of one example, the element of input i it
   * reads; null for an input of the output's own shape.
   */
  private readonly gather: readonly (Int32Array | null)[];
  /** For maximum/minimum: which input won each output element. */
  private readonly winner: Uint8Array;
  /** Concatenation: the input's axis length and the product of the axes after it. */
  private readonly concat: { readonly outer: number; readonly inner: number; readonly lengths: readonly number[] } | null;

  constructor(context: LayerContext, readonly spec: MergeSpec, readonly inputShapes: readonly Shape[]) {
    const out = outputShapeOf(spec, inputShapes);
    super(context, out, true);
    this.sizes = inputShapes.map(sizeOf);
    this.outSize = sizeOf(out);
    this.dInputsFull = inputShapes.map((s) => new Float32Array(context.capacity * sizeOf(s)));
    this.dInputs = this.dInputsFull;
    this.gather = spec.op === 'concatenate' ? inputShapes.map(() => null) : inputShapes.map((s) => (sameShape(s, out) ? null : broadcastGather(s, out)));
    this.winner = new Uint8Array(spec.op === 'maximum' || spec.op === 'minimum' ? context.capacity * this.outSize : 0);
    if (spec.op === 'concatenate') {
      const axis = spec.axis ?? 0;
      this.concat = { outer: sizeOf(out.slice(0, axis)), inner: sizeOf(out.slice(axis + 1)), lengths: inputShapes.map((s) => s[axis]!) };
    } else {
      this.concat = null;
    }
  }

  protected override batchSizeChanged(n: number): void {
    this.dInputs = this.dInputsFull.map((d, i) => d.subarray(0, n * this.sizes[i]!));
  }

  forward(): Float32Array {
    throw new Error(`${this.name}: a merge reads several inputs (forwardInputs)`);
  }

  backward(): Float32Array {
    throw new Error(`${this.name}: a merge gives several gradients (backwardInputs)`);
  }

  /** Input i's value at output element e of example n. */
  private read(i: number, n: number, e: number): number {
    const g = this.gather[i];
    return this.inputs[i]![n * this.sizes[i]! + (g ? g[e]! : e)]!;
  }

  forwardInputs(xs: readonly Float32Array[]): Float32Array {
    this.inputs = [...xs];
    const y = this.output;
    const op = this.spec.op;
    if (this.concat) {
      this.concatenate(xs, y, 'forward');
      return y;
    }
    if (this.gather.every((g) => g === null) && op !== 'maximum' && op !== 'minimum') {
      y.set(xs[0]!);
      for (let i = 1; i < xs.length; i++) {
        const x = xs[i]!;
        if (op === 'add' || op === 'average') for (let k = 0; k < y.length; k++) y[k]! += x[k]!;
        else if (op === 'subtract') for (let k = 0; k < y.length; k++) y[k]! -= x[k]!;
        else for (let k = 0; k < y.length; k++) y[k]! *= x[k]!;
      }
      if (op === 'average') for (let k = 0; k < y.length; k++) y[k]! /= xs.length;
      return y;
    }
    const E = this.outSize;
    for (let n = 0; n < this.batchSize; n++) {
      for (let e = 0; e < E; e++) {
        let v = this.read(0, n, e);
        let win = 0;
        for (let i = 1; i < xs.length; i++) {
          const u = this.read(i, n, e);
          if (op === 'add' || op === 'average') v += u;
          else if (op === 'subtract') v -= u;
          else if (op === 'multiply') v *= u;
          else if (op === 'maximum' ? u > v : u < v) { v = u; win = i; }
        }
        y[n * E + e] = op === 'average' ? v / xs.length : v;
        if (this.winner.length > 0) this.winner[n * E + e] = win;
      }
    }
    return y;
  }

  /** dLoss/dInput for every input, in order (buffers owned by the layer). */
  backwardInputs(dOutput: Float32Array): readonly Float32Array[] {
    const op = this.spec.op;
    const ds = this.dInputs;
    if (this.concat) {
      this.concatenate(ds, dOutput, 'backward');
      return ds;
    }
    if (this.gather.every((g) => g === null) && op !== 'maximum' && op !== 'minimum') {
      ds.forEach((d, i) => {
        if (op === 'add') d.set(dOutput);
        else if (op === 'average') for (let k = 0; k < d.length; k++) d[k] = dOutput[k]! / ds.length;
        else if (op === 'subtract') for (let k = 0; k < d.length; k++) d[k] = i === 0 ? dOutput[k]! : -dOutput[k]!;
        else {
          for (let k = 0; k < d.length; k++) {
            let others = 1;
            for (let j = 0; j < this.inputs.length; j++) if (j !== i) others *= this.inputs[j]![k]!;
            d[k] = dOutput[k]! * others;
          }
        }
      });
      return ds;
    }
    for (const d of ds) d.fill(0);
    const E = this.outSize;
    for (let n = 0; n < this.batchSize; n++) {
      for (let e = 0; e < E; e++) {
        const g = dOutput[n * E + e]!;
        for (let i = 0; i < ds.length; i++) {
          let share: number;
          if (op === 'add') share = g;
          else if (op === 'average') share = g / ds.length;
          else if (op === 'subtract') share = i === 0 ? g : -g;
          else if (op === 'multiply') {
            share = g;
            for (let j = 0; j < ds.length; j++) if (j !== i) share *= this.read(j, n, e);
          } else share = this.winner[n * E + e] === i ? g : 0;
          const gi = this.gather[i];
          const k = n * this.sizes[i]! + (gi ? gi[e]! : e);
          ds[i]![k]! += share;
        }
      }
    }
    return ds;
  }

  /** Copies blocks between the inputs (or their gradients) and the output, one direction or the other. */
  private concatenate(parts: readonly Float32Array[], whole: Float32Array, direction: 'forward' | 'backward'): void {
    const { outer, inner, lengths } = this.concat!;
    const total = lengths.reduce((a, b) => a + b, 0) * inner;
    for (let n = 0; n < this.batchSize; n++) {
      for (let o = 0; o < outer; o++) {
        let offset = (n * outer + o) * total;
        parts.forEach((p, i) => {
          const block = lengths[i]! * inner;
          const src = (n * outer + o) * block;
          if (direction === 'forward') whole.set(p.subarray(src, src + block), offset);
          else p.set(whole.subarray(offset, offset + block), src);
          offset += block;
        });
      }
    }
  }
}

/** For each element of one example of `out`, the element of the broadcast input `shape` it reads. */
function broadcastGather(shape: Shape, out: Shape): Int32Array {
  const padded = [...new Array<number>(out.length - shape.length).fill(1), ...shape];
  const size = sizeOf(out);
  const map = new Int32Array(size);
  for (let e = 0; e < size; e++) {
    let rest = e;
    let index = 0;
    let stride = 1;
    for (let axis = out.length - 1; axis >= 0; axis--) {
      const coord = rest % out[axis]!;
      rest = Math.floor(rest / out[axis]!);
      if (padded[axis] !== 1) index += coord * stride;
      stride *= padded[axis]!;
    }
    map[e] = index;
  }
  return map;
}

function outputShapeOf(spec: MergeSpec, shapes: readonly Shape[]): Shape {
  if (shapes.length < 2) throw new RangeError(`a merge needs two or more inputs, got ${shapes.length}`);
  const first = shapes[0]!;
  if (spec.op === 'concatenate') {
    const axis = spec.axis ?? 0;
    if (!Number.isInteger(axis) || axis < 0 || axis >= first.length) throw new RangeError(`concatenation axis ${axis} is outside ${shapeToString(first)}`);
    const others = (s: Shape): Shape => s.filter((_, a) => a !== axis);
    if (shapes.some((s) => s.length !== first.length || !sameShape(others(s), others(first)))) {
      throw new RangeError(`inputs ${shapes.map(shapeToString).join(', ')} differ outside the concatenation axis`);
    }
    return first.map((n, a) => (a === axis ? shapes.reduce((sum, s) => sum + s[a]!, 0) : n));
  }
  if (spec.op === 'subtract' && shapes.length !== 2) throw new RangeError('subtract takes two inputs');
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let k = 1; k <= rank; k++) {
    const dims = shapes.map((s) => s[s.length - k] ?? 1);
    const big = Math.max(...dims);
    if (dims.some((d) => d !== 1 && d !== big)) throw new RangeError(`inputs ${shapes.map(shapeToString).join(', ')} do not broadcast to one shape`);
    out.unshift(big);
  }
  return out;
}
