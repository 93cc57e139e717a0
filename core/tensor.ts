/**
 * Tensors of the numeric core: a flat Float32Array with an explicit shape, row-major,
 * batch first. Image tensors are NCHW, [batch, channels, height, width]: one channel of one
 * image is a contiguous height×width plane, which is what a feature-map view draws and what
 * im2col reads row by row. Vectors are [batch, features].
 *
 * The ops in core/ops work on the bare arrays plus a geometry object, so that layers can
 * reuse their buffers step after step; this type is for building inputs, for the
 * allocating convenience functions, and for tests.
 */
export type Shape = readonly number[];

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float32Array;
}

/** The number of elements of a shape (1 for the scalar shape []). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`bad dimension ${d} in shape ${shapeToString(shape)}`);
    n *= d;
  }
  return n;
}

/** A tensor of the given shape: zeros, or a copy of `values` (which must have the right length). */
export function tensor(shape: Shape, values?: ArrayLike<number>): Tensor {
  const n = sizeOf(shape);
  const data = new Float32Array(n);
  if (values !== undefined) {
    if (values.length !== n) {
      throw new RangeError(`shape ${shapeToString(shape)} holds ${n} values, got ${values.length}`);
    }
    data.set(values);
  }
  return { shape: [...shape], data };
}

/** tfjs-style shape text, used in error messages and test names: "[2,3,7,7]". */
export function shapeToString(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Throws unless `data` holds exactly the elements of `shape`. */
export function assertSize(data: ArrayLike<number>, shape: Shape, what: string): void {
  const n = sizeOf(shape);
  if (data.length !== n) {
    throw new RangeError(`${what}: expected ${n} values for shape ${shapeToString(shape)}, got ${data.length}`);
  }
}

/** The shape as [N, C, H, W], or an error naming `what` if it has another rank. */
export function asNCHW(shape: Shape, what: string): readonly [number, number, number, number] {
  if (shape.length !== 4) throw new RangeError(`${what} must be [N, C, H, W], got ${shapeToString(shape)}`);
  return [shape[0]!, shape[1]!, shape[2]!, shape[3]!];
}
