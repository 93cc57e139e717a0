// Times the wasm matrix products on their own, at the depth model's shapes and at 1024³,
// in GFLOP/s (2 per multiply-add), best of a few rounds. With --against FILE (a copy of an
// older core/wasm/kernels.generated.ts) the old and the new module take turns, round by
// round, in this one process, so a burst of load elsewhere hits both alike.
//
//   npx tsx scripts/bench-gemm.ts [--against /tmp/kernels.old.ts] [--rounds 5] [--only 1024]
//   node --experimental-wasm-relaxed-simd --import tsx scripts/bench-gemm.ts ...   (adds the relaxed-SIMD build, new-fma)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeBase64 } from '../core/wasm/base64';
import type { KernelExports } from '../core/wasm/exports';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from '../core/wasm/kernels.generated';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const rounds = Number(opt('--rounds') ?? 5);
const only = opt('--only');

function instantiate(base64: string): KernelExports {
  const m = new WebAssembly.Module(decodeBase64(base64) as Uint8Array<ArrayBuffer>);
  const exports = new WebAssembly.Instance(m, {}).exports as unknown as KernelExports;
  return exports;
}

/** The base64 of one export of a kernels.generated.ts (undefined when the file has no such export). */
function moduleFrom(file: string, name: string): string | undefined {
  const part = readFileSync(file, 'utf8').split('export const ').find((p) => p.startsWith(`${name} =`));
  return part && [...part.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]).join('');
}

interface Case {
  readonly name: string;
  readonly flops: number;
  readonly run: (k: KernelExports, p: Ptrs) => void;
}
interface Ptrs { a: number; b: number; c: number }

const allCases: Case[] = [
  // The dense layer at batch 256, 512 → 512: forward x·Wᵀ (NT), dW = δᵀ·x (NN, Aᵀ in place), dx = δ·W (NN).
  { name: 'dense fwd   NT 256×512×512', flops: 2 * 256 * 512 * 512, run: (k, p) => k.gemmNT(256, 512, 512, p.a, 512, p.b, 512, p.c, 512, 0) },
  { name: 'dense dW    NN 512×512×256 Aᵀ', flops: 2 * 256 * 512 * 512, run: (k, p) => k.gemmNN(512, 512, 256, p.a, 1, 512, p.b, 512, p.c, 512, 0) },
  { name: 'dense dx    NN 256×512×512', flops: 2 * 256 * 512 * 512, run: (k, p) => k.gemmNN(256, 512, 512, p.a, 512, 1, p.b, 512, p.c, 512, 0) },
  // The big convolution's band (64 filters, 32·3·3 taps, 3 rows of 64 positions: core/wasm/conv2d.ts cuts 256 KB bands): conv forward.
  { name: 'big conv band NN 64×192×288', flops: 2 * 64 * 192 * 288, run: (k, p) => k.gemmNN(64, 192, 288, p.a, 288, 1, p.b, 192, p.c, 4096, 0) },
  // The teaching CNN's second conv (16 filters over 8·3·3 taps, 11×11 positions).
  { name: 'teaching conv2 NN 16×121×72', flops: 2 * 16 * 121 * 72, run: (k, p) => k.gemmNN(16, 121, 72, p.a, 72, 1, p.b, 121, p.c, 121, 0) },
  { name: '1024³       NN', flops: 2 * 1024 ** 3, run: (k, p) => k.gemmNN(1024, 1024, 1024, p.a, 1024, 1, p.b, 1024, p.c, 1024, 0) },
  { name: '1024³       NT', flops: 2 * 1024 ** 3, run: (k, p) => k.gemmNT(1024, 1024, 1024, p.a, 1024, p.b, 1024, p.c, 1024, 0) },
  { name: '1024³       NN Aᵀ', flops: 2 * 1024 ** 3, run: (k, p) => k.gemmNN(1024, 1024, 1024, p.a, 1, 1024, p.b, 1024, p.c, 1024, 0) },
];
const cases = allCases.filter((c) => only === undefined || c.name.includes(only));

function setup(k: KernelExports): Ptrs {
  const base = Math.ceil(k.heapBase() / 64) * 64;
  const bytes = 3 * 4 * 1024 * 1024 * 4 + base;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  const f = new Float32Array(k.memory.buffer);
  const p = { a: base, b: base + 4 * 1024 * 1024 * 4, c: base + 8 * 1024 * 1024 * 4 };
  for (let i = 0; i < 2 * 1024 * 1024; i++) f[(p.a >> 2) + i] = Math.random() - 0.5;
  return p;
}

/** GFLOP/s of the best of `reps` calls, each call timed. */
function time(k: KernelExports, p: Ptrs, c: Case): number {
  c.run(k, p);
  let best = Infinity;
  const reps = c.flops > 1e9 ? 3 : 10;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    c.run(k, p);
    best = Math.min(best, performance.now() - t);
  }
  return c.flops / best / 1e6;
}

const systems: [string, KernelExports][] = [['new', instantiate(KERNELS_WASM_BASE64)]];
// With relaxed SIMD in the engine (node --experimental-wasm-relaxed-simd), the FMA build too.
try {
  systems.push(['new-fma', instantiate(KERNELS_RELAXED_WASM_BASE64)]);
} catch {
  // not compiled: this engine has no relaxed SIMD
}
const against = opt('--against');
if (against) {
  systems.unshift(['old', instantiate(moduleFrom(against, 'KERNELS_WASM_BASE64')!)]);
  const relaxed = moduleFrom(against, 'KERNELS_RELAXED_WASM_BASE64');
  if (relaxed) {
    try {
      systems.splice(1, 0, ['old-fma', instantiate(relaxed)]);
    } catch {
      // no relaxed SIMD here
    }
  }
}
const ptrs = systems.map(([, k]) => setup(k));
const best = new Map<string, number>();
for (let r = 0; r < rounds; r++) {
  for (const c of cases) {
    systems.forEach(([name, k], i) => {
      const g = time(k, ptrs[i]!, c);
      const key = `${c.name}|${name}`;
      best.set(key, Math.max(best.get(key) ?? 0, g));
    });
  }
}
for (const c of cases) {
  console.log(`${c.name.padEnd(32)} ${systems.map(([name]) => `${name} ${best.get(`${c.name}|${name}`)!.toFixed(1).padStart(5)}`).join('   ')}  GFLOP/s (best of ${rounds} rounds)`);
}
