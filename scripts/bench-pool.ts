// The depth experiment's throughput against the number of workers: the same depths (one
// epoch each on an MNIST subset) run on a pool of N real worker_threads (dist/worker.js,
// the extension's worker), deepest first, for each N asked; rounds interleave the Ns so
// that load from elsewhere hits them alike. Prints wall seconds per N (best round) and the
// speed-up over one worker. MNIST goes to the first worker as the compressed asset and to
// the others as the SharedArrayBuffer the first inflated it into.
//
//   npm run build && npx tsx scripts/bench-pool.ts [--workers 1,2] [--depths 8,6,4,2] [--train 6000] [--rounds 2]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { LECTURE_DEPTH_SETTINGS, type DepthSettings } from '../core/lessons/depthExperiment';
import type { ConvLabJobs } from '../core/worker/protocol';
import { runDepthsOnPool } from '../extension/lessons/depthParallel';
import { WorkerClient } from '../extension/worker/client';
import { nodeWorkerFactory } from '../extension/worker/nodeFactory';

// As the CLI does: the relaxed-SIMD kernels, the build VS Code's Electron runs.
if (process.env['CONVLAB_WASM_SIMD_ONLY'] !== '1') setFlagsFromString('--experimental-wasm-relaxed-simd');

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const counts = opt('--workers', '1,2').split(',').map(Number);
const depths = opt('--depths', '8,6,4,2').split(',').map(Number);
const trainCount = Number(opt('--train', '6000'));
const rounds = Number(opt('--rounds', '2'));
const repo = path.resolve(__dirname, '..');
const asset = readFileSync(path.join(repo, 'dist/data/mnist.bin.gz'));

const settings: DepthSettings = {
  ...LECTURE_DEPTH_SETTINGS,
  depths,
  dataset: { name: 'mnist', trainCount, testCount: Math.round(trainCount / 6), seed: 0 },
  epochs: 1,
};

async function once(n: number): Promise<{ seconds: number; cpuSeconds: number; startSeconds: number; shared: boolean; accuracies: string }> {
  const factory = nodeWorkerFactory(path.join(repo, 'dist/worker.js'));
  const clients = Array.from({ length: n }, () => new WorkerClient<ConvLabJobs>(factory, { defaultTimeoutMs: 600_000 }));
  try {
    // Start the workers and hand them MNIST first (timed apart): the first inflates the
    // asset into a SharedArrayBuffer, the others get that buffer.
    const started = performance.now();
    const first = await clients[0]!.request('loadMnist', { bytes: new Uint8Array(asset) }, { timeoutMs: 120_000 });
    await Promise.all(clients.slice(1).map((c) => c.request('loadMnist', { bytes: first.shared ?? new Uint8Array(asset) }, { timeoutMs: 120_000 })));
    const startSeconds = (performance.now() - started) / 1000;
    const began = performance.now();
    const cpu = process.cpuUsage();
    const result = await runDepthsOnPool(clients, settings);
    const seconds = (performance.now() - began) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, startSeconds, shared: first.shared !== undefined && n > 1, accuracies: result.results.map((r) => `${r.depth}:${r.validAccuracy.toFixed(4)}`).join(' ') };
  } finally {
    for (const c of clients) c.dispose();
  }
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

async function main(): Promise<void> {
  const best = new Map<number, number>();
  const seen = new Map<number, string>();
  for (let r = 0; r < rounds; r++) {
    for (const n of counts) {
      const { seconds, cpuSeconds, startSeconds, shared, accuracies } = await once(n);
      // CPU time of the whole process (its worker threads included): the work the pool did,
      // whatever share of the cores the machine gave it.
      console.log(`round ${r + 1}, ${n} worker${n === 1 ? '' : 's'}: ${seconds.toFixed(2)} s training, ${cpuSeconds.toFixed(2)} CPU s (${(cpuSeconds / seconds).toFixed(2)} cores) (start and MNIST ${startSeconds.toFixed(2)} s${shared ? ', shared' : ''}; load ${loadAverage()})  [${accuracies}]`);
      best.set(n, Math.min(best.get(n) ?? Infinity, seconds));
      const before = seen.get(n);
      if (before !== undefined && before !== accuracies) console.log('  results differ between rounds!');
      seen.set(n, accuracies);
    }
  }
  const one = best.get(1);
  console.log(`depths ${depths.join(', ')}, one epoch of ${trainCount} MNIST images each (best of ${rounds}):`);
  for (const n of counts) {
    const s = best.get(n)!;
    console.log(`  ${n} worker${n === 1 ? ' ' : 's'}: ${s.toFixed(2)} s${one ? `, ${(one / s).toFixed(2)}× one worker (${(one / s / n).toFixed(2)}·N)` : ''}`);
  }
  const all = new Set(seen.values());
  console.log(all.size === 1 ? 'results identical for every N' : 'RESULTS DIFFER between Ns');
}

void main();
