/**
 * The wasm memory as a scratch pad for one kernel call at a time.
 *
 * Nothing lives in it between calls: a call resets the heap, copies its operands in, runs,
 * and copies its results out into the caller's Float32Arrays. The layers' buffers stay
 * ordinary arrays that the network, the optimisers, the views and postMessage's transfer
 * lists can hold without knowing about wasm, and growing the memory (which detaches every
 * view of the old buffer) can never break an array someone else holds.
 *
 * Measured on the teaching CNN at batch 64 (core/wasm/README.md): the copies are 7 MB per
 * forward and 15 MB per training step, 13–18 % of its time. Keeping the layers' buffers
 * inside one growable memory would win back at most that, and would need views re-made
 * after every growth and an allocator with lifetimes that the layers do not have.
 *
 * Allocations start on 64-byte boundaries (cache lines; v128 rows of a tile never straddle
 * two lines at their start). The memory grows by at least a quarter of its size at a time,
 * so a workload that creeps up does not grow it call after call; it never shrinks.
 */
import type { WasmMemory } from './exports';

const PAGE_BYTES = 65536;
const ALIGN = 64;

export class WasmHeap {
  private floats: Float32Array;
  private ints: Int32Array;
  private top: number;

  constructor(private readonly memory: WasmMemory, private readonly base: number) {
    this.floats = new Float32Array(memory.buffer);
    this.ints = new Int32Array(memory.buffer);
    this.top = base;
  }

  /** Starts a kernel call's allocations from the bottom again: the previous call's data is dead. */
  reset(): void {
    this.top = this.base;
  }

  /** Bytes in use by the memory (for tests and diagnostics). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Reserves n 4-byte elements and returns their byte address. */
  alloc(n: number): number {
    const at = Math.ceil(this.top / ALIGN) * ALIGN;
    this.top = at + 4 * n;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      const needed = Math.ceil((this.top - have) / PAGE_BYTES);
      this.memory.grow(Math.max(needed, Math.ceil(have / PAGE_BYTES / 4)));
    }
    return at;
  }

  /** The memory as floats; re-made after a growth detached the old view. */
  get f32(): Float32Array {
    if (this.floats.buffer !== this.memory.buffer) this.floats = new Float32Array(this.memory.buffer);
    return this.floats;
  }

  get i32(): Int32Array {
    if (this.ints.buffer !== this.memory.buffer) this.ints = new Int32Array(this.memory.buffer);
    return this.ints;
  }

  /** Allocates room for the first n elements of src and copies them in; returns the address. */
  put(src: Float32Array, n: number = src.length): number {
    const at = this.alloc(n);
    this.f32.set(n === src.length ? src : src.subarray(0, n), at >> 2);
    return at;
  }

  /** Copies n floats from address `at` into dst (from its start). */
  read(at: number, dst: Float32Array, n: number = dst.length): void {
    dst.set(this.f32.subarray(at >> 2, (at >> 2) + n));
  }

  putInt32(src: Int32Array, n: number = src.length): number {
    const at = this.alloc(n);
    this.i32.set(n === src.length ? src : src.subarray(0, n), at >> 2);
    return at;
  }

  readInt32(at: number, dst: Int32Array, n: number = dst.length): void {
    dst.set(this.i32.subarray(at >> 2, (at >> 2) + n));
  }
}
