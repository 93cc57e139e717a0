/**
 * Which kernels the ops run: the WebAssembly SIMD ones when they instantiate, else the
 * TypeScript loops in core/ops (always there, the reference the wasm kernels are tested
 * against). `useKernels` forces one side, for tests that run both and compare them, and for
 * measuring one against the other.
 *
 * The module is instantiated on first use, once per thread (each worker has its own).
 */
import { instantiateKernels, type WasmKernels } from './instance';

export type KernelChoice = 'auto' | 'wasm' | 'js';

let choice: KernelChoice = 'auto';
let loaded: WasmKernels | string | undefined;

function load(): WasmKernels | string {
  if (loaded === undefined) loaded = instantiateKernels();
  return loaded;
}

/** 'auto' (the default): wasm where it instantiates. 'wasm' throws where it cannot. */
export function useKernels(next: KernelChoice): void {
  if (next === 'wasm') {
    const k = load();
    if (typeof k === 'string') throw new Error(`wasm kernels unavailable: ${k}`);
  }
  choice = next;
}

/** The wasm kernels when the ops should use them; null means: run the TypeScript loops. */
export function wasmKernels(): WasmKernels | null {
  if (choice === 'js') return null;
  const k = load();
  return typeof k === 'string' ? null : k;
}

/** Which side runs now, and why wasm does not when it does not (for logs and the benchmark). */
export function kernelBackend(): { readonly kind: 'wasm' | 'js'; readonly reason?: string } {
  if (choice === 'js') return { kind: 'js', reason: 'forced' };
  const k = load();
  return typeof k === 'string' ? { kind: 'js', reason: k } : { kind: 'wasm' };
}
