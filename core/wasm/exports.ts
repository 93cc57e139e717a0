/**
 * What the wasm kernels export (core/wasm/assembly/index.ts), typed for TypeScript. Every
 * pointer is a byte address in `memory`; sizes and strides are in elements; a null pointer
 * (0) means "absent" (no bias, no input gradient, no activation output). Booleans are 0 or 1.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Adds pages of 64 KiB; returns the old size in pages; throws a RangeError when it cannot. */
  grow(pages: number): number;
}

export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  gemmNN(M: number, N: number, K: number, a: number, ars: number, acs: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
  gemmNT(M: number, N: number, T: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
  im2colRows(g: number, x: number, channels: number, oy0: number, oy1: number, col: number): void;
  col2imRows(g: number, col: number, channels: number, oy0: number, oy1: number, dx: number): void;
  /** y = f(z) when y ≠ 0: relu, or elu for act = 2. */
  conv2dForward(g: number, x: number, kernel: number, bias: number, z: number, y: number, col: number, bandRows: number, act: number): void;
  conv2dBackward(g: number, x: number, kernel: number, dz: number, dx: number, dKernel: number, dBias: number, col: number, dcol: number, bandRows: number): void;
  /** z = x·Wᵀ + b, and y = f(z) for act (0 linear: y unused, 1 relu, 2 elu). */
  denseForward(batch: number, inFeatures: number, units: number, x: number, w: number, b: number, z: number, y: number, act: number): void;
  /** With act ≠ 0, dy is dLoss/dy of the output y, turned into dLoss/dz in place first. */
  denseBackward(batch: number, inFeatures: number, units: number, x: number, w: number, dy: number, dx: number, dW: number, dB: number, y: number, act: number): void;
  /** y = f(z) over n floats (act as above). */
  activate(act: number, z: number, y: number, n: number): void;
  /** dz = f'(z)·dy from the output y (act as above; linear does nothing). */
  activateBackward(act: number, y: number, dy: number, dz: number, n: number): void;
  biasRelu(z: number, y: number, n: number, bias: number): void;
  reluBackward(y: number, dy: number, dz: number, n: number): void;
  maxPool2dForward(g: number, x: number, y: number, argmax: number): void;
  maxPool2dBackward(dy: number, argmax: number, n: number, dx: number, dxLength: number): void;
  adamStep(w: number, g: number, m: number, v: number, vHat: number, n: number, alpha: number, oneMinusBeta1: number, oneMinusBeta2: number, epsilon: number): void;
  sgdStep(w: number, g: number, velocity: number, n: number, lr: number, momentum: number, nesterov: number): void;
}

/** The names above, checked on the instance so that a stale module fails loudly and falls back. */
export const KERNEL_EXPORT_NAMES: readonly (keyof KernelExports)[] = [
  'memory', 'heapBase', 'gemmNN', 'gemmNT', 'im2colRows', 'col2imRows', 'conv2dForward', 'conv2dBackward',
  'denseForward', 'denseBackward', 'activate', 'activateBackward', 'biasRelu', 'reluBackward', 'maxPool2dForward', 'maxPool2dBackward', 'adamStep', 'sgdStep',
];
