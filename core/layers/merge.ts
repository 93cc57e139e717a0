/**
 * Where paths meet in a network: ResNet's add, Inception's and U-Net's channel
 * concatenation, and the other element-wise merges. It reads several inputs, so the
 * network calls forwardInputs/backwardInputs; backward gives each input its own gradient,
 * which the network sums into what that input's layer receives (fan-out).
 *
 *   add:        y = Σ xᵢ            ∂y/∂xᵢ = 1
 *   subtract:   y = x₀ − x₁         ∂y/∂x₀ = 1, ∂y/∂x₁ = −1
 *   multiply:   y = Π xᵢ            ∂y/∂xᵢ = Π_{j≠i} xⱼ
 *   average:    y = (Σ xᵢ) / n      ∂y/∂xᵢ = 1/n
 *   concatenate (channels): y = [x₀ | x₁ | …] per example; the gradient is split the same way
 */
import type { MergeSpec } from '../model/ir';
import { sameShape, shapeToString, sizeOf, type Shape } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

/** The merge ops the runtime computes (maximum and minimum are analysed only). */
export const RUNNABLE_MERGES: ReadonlySet<MergeSpec['op']> = new Set(['add', 'subtract', 'multiply', 'average', 'concatenate']);

export class MergeLayer extends BaseLayer {
  readonly kind = 'merge';
  private inputs: Float32Array[] = [];
  private readonly dInputsFull: Float32Array[];
  private dInputs: Float32Array[];
  /** Values per example of each input (concatenation's block sizes). */
  private readonly sizes: readonly number[];

  constructor(context: LayerContext, readonly spec: MergeSpec, readonly inputShapes: readonly Shape[]) {
    super(context, outputShapeOf(spec, inputShapes), true);
    this.sizes = inputShapes.map(sizeOf);
    this.dInputsFull = inputShapes.map((s) => new Float32Array(context.capacity * sizeOf(s)));
    this.dInputs = this.dInputsFull;
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

  forwardInputs(xs: readonly Float32Array[]): Float32Array {
    this.inputs = [...xs];
    const y = this.output;
    const op = this.spec.op;
    if (op === 'concatenate') {
      let offset = 0;
      const total = sizeOf(this.outputShape);
      xs.forEach((x, i) => {
        const size = this.sizes[i]!;
        for (let n = 0; n < this.batchSize; n++) y.set(x.subarray(n * size, (n + 1) * size), n * total + offset);
        offset += size;
      });
      return y;
    }
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

  /** dLoss/dInput for every input, in order (buffers owned by the layer). */
  backwardInputs(dOutput: Float32Array): readonly Float32Array[] {
    const op = this.spec.op;
    const ds = this.dInputs;
    if (op === 'concatenate') {
      let offset = 0;
      const total = sizeOf(this.outputShape);
      ds.forEach((d, i) => {
        const size = this.sizes[i]!;
        for (let n = 0; n < this.batchSize; n++) d.set(dOutput.subarray(n * total + offset, n * total + offset + size), n * size);
        offset += size;
      });
      return ds;
    }
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
}

function outputShapeOf(spec: MergeSpec, shapes: readonly Shape[]): Shape {
  if (!RUNNABLE_MERGES.has(spec.op)) throw new RangeError(`the ${spec.op} merge cannot be trained in ConvLab yet`);
  if (shapes.length < 2) throw new RangeError(`a merge needs two or more inputs, got ${shapes.length}`);
  const first = shapes[0]!;
  if (spec.op === 'concatenate') {
    if ((spec.axis ?? 0) !== 0) throw new RangeError('ConvLab trains concatenation along the channels only');
    if (shapes.some((s) => s.length !== first.length || !sameShape(s.slice(1), first.slice(1)))) {
      throw new RangeError(`inputs ${shapes.map(shapeToString).join(', ')} differ outside the channels`);
    }
    return [shapes.reduce((sum, s) => sum + s[0]!, 0), ...first.slice(1)];
  }
  // Broadcasting (a [C, 1, 1] gate on a [C, H, W] map) is analysed but not trained.
  if (shapes.some((s) => !sameShape(s, first))) throw new RangeError(`element-wise inputs must have one shape, got ${shapes.map(shapeToString).join(', ')}`);
  if (spec.op === 'subtract' && shapes.length !== 2) throw new RangeError('subtract takes two inputs');
  return [...first];
}
