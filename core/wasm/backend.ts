/**
 * Which kernels the ops run: the WebAssembly SIMD ones when they instantiate, else the
 * TypeScript loops in core/ops (always there, the reference the wasm kernels are tested
 * against). `useKernels` forces one side, for tests that run both and compare them, and for
 * measuring one against the other.
 *
 * The module is instantiated on first use, once per thread (each worker has its own).
 */
import { instantiateKernels, type KernelVariant, type WasmKernels } from './instance';

/**
 * 'wasm' is whichever build instantiates (relaxed SIMD first); 'wasm-simd' and
 * 'wasm-relaxed' force one build, for the tests that compare each with the reference.
 */
export type KernelChoice = 'auto' | 'wasm' | 'wasm-simd' | 'wasm-relaxed' | 'js';

let choice: KernelChoice = 'auto';
let loaded: WasmKernels | string | undefined;
const forced = new Map<KernelVariant, WasmKernels | string>();
let current: WasmKernels | string | undefined;

function load(): WasmKernels | string {
  if (current !== undefined) return current;
  if (loaded === undefined) loaded = instantiateKernels();
  return loaded;
}

function variantOf(c: KernelChoice): KernelVariant | undefined {
  return c === 'wasm-simd' ? 'simd' : c === 'wasm-relaxed' ? 'relaxed' : undefined;
}

/** 'auto' (the default): wasm where it instantiates. The wasm choices throw where they cannot. */
export function useKernels(next: KernelChoice): void {
  const variant = variantOf(next);
  if (variant !== undefined) {
    let k = forced.get(variant);
    if (k === undefined) forced.set(variant, (k = instantiateKernels(variant)));
    if (typeof k === 'string') throw new Error(`wasm kernels (${variant}) unavailable: ${k}`);
    current = k;
  } else {
    current = undefined;
    if (next === 'wasm') {
      const k = load();
      if (typeof k === 'string') throw new Error(`wasm kernels unavailable: ${k}`);
    }
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
export function kernelBackend(): { readonly kind: 'wasm' | 'js'; readonly reason?: string; readonly variant?: KernelVariant } {
  if (choice === 'js') return { kind: 'js', reason: 'forced' };
  const k = load();
  return typeof k === 'string' ? { kind: 'js', reason: k } : { kind: 'wasm', variant: k.variant };
}
