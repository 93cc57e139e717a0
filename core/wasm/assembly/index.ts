/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * The entry of the wasm kernels (core/wasm/kernels.ts types these exports for TypeScript).
 * No runtime, no allocator, no imports: the TypeScript side owns the memory above
 * heapBase() and hands every kernel byte addresses inside it.
 */
export { conv2dBackward, conv2dForward } from './conv';
export { denseBackward, denseForward } from './dense';
export { activate, activateBackward, biasRelu, reluBackward } from './eltwise';
export { gemmNN, gemmNT } from './gemm';
export { col2imRows, im2colRows } from './im2col';
export { maxPool2dBackward, maxPool2dForward } from './pool';
export { adamStep, sgdStep } from './optim';

/** The first byte the TypeScript side may use (after the stack and static data, if any). */
export function heapBase(): usize {
  return __heap_base;
}
