/**
 * Instantiates the wasm kernels synchronously: `new WebAssembly.Module(bytes)` and
 * `new WebAssembly.Instance(module, {})`. The numeric worker is a classic script whose
 * message loop must not wait for a promise before its first job, and synchronous
 * compilation is allowed in workers and in Node (browsers limit it only on the main thread,
 * to modules far larger than these ~8 KB).
 *
 * WebAssembly is looked up on globalThis instead of being declared in core/env.d.ts: it may
 * be absent (or compilation refused, e.g. by a Content-Security-Policy without
 * 'wasm-unsafe-eval'), and the lookup makes that case explicit. The DOM typings that the
 * rest of the project compiles with also declare it, and two declarations would clash.
 */
import { decodeBase64 } from './base64';
import { KERNEL_EXPORT_NAMES, type KernelExports } from './exports';
import { WasmHeap } from './heap';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels.generated';

/** The part of the WebAssembly JS API used here. */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}

/**
 * Which of the two builds of the same sources: 'relaxed' (relaxed SIMD: the products'
 * multiply-adds fused, one rounding instead of two) or 'simd' (128-bit SIMD only, every
 * product rounded before it is added). Relaxed SIMD is on by default in Chrome ≥ 114 and
 * the Electron of VS Code ≥ 1.90; Node 20 has it behind --experimental-wasm-relaxed-simd.
 */
export type KernelVariant = 'relaxed' | 'simd';

export interface WasmKernels {
  readonly exports: KernelExports;
  readonly heap: WasmHeap;
  readonly variant: KernelVariant;
}

function instantiate(api: WebAssemblyApi, variant: KernelVariant): WasmKernels | string {
  try {
    const base64 = variant === 'relaxed' ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64;
    const instance = new api.Instance(new api.Module(decodeBase64(base64)), {});
    const missing = KERNEL_EXPORT_NAMES.filter((name) => !(name in instance.exports));
    if (missing.length > 0) return `the kernel module does not export ${missing.join(', ')}`;
    const exports = instance.exports as KernelExports;
    return { exports, heap: new WasmHeap(exports.memory, exports.heapBase()), variant };
  } catch (e) {
    return `the kernel module did not instantiate: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * The kernels, or why they cannot run here. Without a variant: the relaxed-SIMD build
 * where the engine compiles it (feature detection by compiling it), else the SIMD one.
 */
export function instantiateKernels(variant?: KernelVariant): WasmKernels | string {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) return 'this runtime has no WebAssembly';
  if (variant !== undefined) return instantiate(api, variant);
  const relaxed = instantiate(api, 'relaxed');
  return typeof relaxed === 'string' ? instantiate(api, 'simd') : relaxed;
}
