/**
 * `convlab bench`: the speed comparison of issue 12 — ConvLab's core beside Keras (one
 * thread, all threads) and PyTorch (one thread) when a Python can import them, and tfjs-cpu,
 * tfjs-wasm and convnetjs — on the teaching CNN at batch 64, one large convolution, a dense
 * training step, and the lecture's depth experiment (one epoch at depths 24, 1 and 0, and
 * the whole experiment's estimate); with --epoch, one full MNIST epoch per system.
 */
import type { CommandSpec } from '../args';
import { intOption, UsageError } from '../args';
import { loadDataset } from '../datasets';
import { runEpoch } from '../bench/epoch';
import { workerEpoch } from '../bench/workerEpoch';
import { findMnistAsset } from '../datasets';
import { DEFAULT_DEPTH_EPOCHS, depthPlan } from '../bench/depth';
import { discoverPeers, isPeerName, PEER_NAMES } from '../bench/peerSystems';
import { formatReport, groupedReasons, reportJson } from '../bench/report';
import { runBenchmark } from '../bench/run';
import type { BenchSystem } from '../bench/system';
import { makeBenchInputs } from '../bench/system';
import { createSystem, isSystemName, SYSTEM_NAMES } from '../bench/systems';
import { FULL_BUDGET, QUICK_BUDGET } from '../bench/timing';

/** Every contender, in the order they are measured. */
const ALL_NAMES = ['convlab', ...PEER_NAMES, ...SYSTEM_NAMES.filter((n) => n !== 'convlab')] as const;

export const benchCommand: CommandSpec = {
  name: 'bench',
  positionals: '',
  summary: 'time ConvLab beside Keras and PyTorch (via CONVLAB_PYTHON or python3), tfjs and convnetjs: teaching CNN, big conv, dense step, depth-24 epoch',
  options: {
    quick: { type: 'boolean', description: 'about a minute: short timing rounds and a tenth of each depth epoch (×10); the full run takes several minutes' },
    systems: { type: 'string', description: `comma-separated subset of ${ALL_NAMES.join(', ')} (default: all; the Python peers when CONVLAB_PYTHON or python3 can import them)` },
    'no-depth': { type: 'boolean', description: 'skip the depth experiment\'s epochs (the longest part)' },
    'depth-epochs': { type: 'string', description: `epochs a depth assumed by the depth experiment's estimate (default ${DEFAULT_DEPTH_EPOCHS})` },
    epoch: { type: 'boolean', description: 'also train each selected system for one full MNIST epoch (plain SGD) and report its time and test accuracy (ConvLab\'s in its worker, as the extension runs it); pick systems with --systems: convlab ≈ 30 s, tfjs-wasm ≈ 1–2 min, convnetjs ≈ 2–3 min, tfjs-cpu ≈ 40 min' },
    mnist: { type: 'string', description: 'path of the MNIST asset (default: dist/data/mnist.bin.gz)' },
    seed: { type: 'string', description: 'seed of the inputs, the weights and the shuffle (default 1)' },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`bench takes no positional arguments, got '${args.positionals.join(' ')}'`);
    const seed = intOption(args, 'seed', 1);
    const depthEpochs = intOption(args, 'depth-epochs', DEFAULT_DEPTH_EPOCHS);
    if (depthEpochs < 1) throw new UsageError(`--depth-epochs must be at least 1, got ${depthEpochs}`);
    const requested = typeof args.values['systems'] === 'string' ? args.values['systems'].split(',').map((s) => s.trim()).filter(Boolean) : [...ALL_NAMES];
    const unknown = requested.filter((s) => !isSystemName(s) && !isPeerName(s));
    if (unknown.length > 0) throw new UsageError(`unknown system(s) ${unknown.join(', ')}; choose from ${ALL_NAMES.join(', ')}`);

    // The peers right after ConvLab: they share its session, so they are measured turn by turn with it.
    const peers = await discoverPeers(requested.filter(isPeerName));
    for (const line of groupedReasons(peers.skipped, 'not measured')) io.err(line);
    const systems: BenchSystem[] = [];
    for (const name of requested.filter(isSystemName)) {
      systems.push(await createSystem(name));
      if (name === 'convlab') systems.push(...peers.systems.splice(0));
    }
    systems.push(...peers.systems);
    const quick = args.values['quick'] === true;

    const mnist = args.values['epoch'] === true
      ? await loadDataset('mnist', { seed, ...(typeof args.values['mnist'] === 'string' ? { mnistPath: args.values['mnist'] } : {}) })
      : undefined;
    const report = await runBenchmark(systems, makeBenchInputs(seed), {
      budget: quick ? QUICK_BUDGET : FULL_BUDGET,
      log: io.err,
      ...(args.values['no-depth'] === true ? {} : { depth: { plan: depthPlan(quick, seed), epochsPerDepth: depthEpochs } }),
      extra: mnist
        ? async (system) => {
            if (!system.classifier) return undefined;
            io.err(`${system.name}: one MNIST epoch (${mnist.train.count} training images)`);
            // ConvLab's epoch runs where the extension runs it: in its worker, through the protocol.
            const asset = findMnistAsset(typeof args.values['mnist'] === 'string' ? args.values['mnist'] : undefined);
            const result = system.name === 'convlab' && asset ? await workerEpoch(asset, seed, io.err) : runEpoch(system.classifier, mnist, { seed });
            io.err(`${system.name}: epoch ${result.trainSeconds.toFixed(1)} s, test accuracy ${(100 * result.testAccuracy).toFixed(2)} %`);
            return result;
          }
        : undefined,
    });

    Object.assign(report.skipped, peers.skipped);
    if (args.json) io.out(reportJson(report));
    else io.out(formatReport(report));
    return Object.keys(report.failures).length > 0 ? 1 : 0;
  },
};
