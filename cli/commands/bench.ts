/**
 * `convlab bench`: the speed comparison of the issue — ConvLab's core, tfjs-cpu, tfjs-wasm
 * and convnetjs on the teaching CNN at batch 64 and on one large convolution — and, with
 * --epoch, one full MNIST epoch's training time and test accuracy per system.
 */
import type { CommandSpec } from '../args';
import { intOption, UsageError } from '../args';
import { loadDataset } from '../datasets';
import { runEpoch } from '../bench/epoch';
import { workerEpoch } from '../bench/workerEpoch';
import { findMnistAsset } from '../datasets';
import { formatReport, reportJson, runBenchmark } from '../bench/run';
import type { BenchSystem } from '../bench/system';
import { makeBenchInputs } from '../bench/system';
import { createSystem, isSystemName, SYSTEM_NAMES } from '../bench/systems';
import { FULL_BUDGET, QUICK_BUDGET } from '../bench/timing';

export const benchCommand: CommandSpec = {
  name: 'bench',
  positionals: '',
  summary: 'time ConvLab, tfjs-cpu, tfjs-wasm and convnetjs on the teaching CNN (batch 64) and a 64×64×32→64 convolution',
  options: {
    quick: { type: 'boolean', description: 'a short smoke run: every figure, none precise' },
    systems: { type: 'string', description: `comma-separated subset of ${SYSTEM_NAMES.join(', ')} (default: all)` },
    epoch: { type: 'boolean', description: 'also train each selected system for one full MNIST epoch (plain SGD) and report its time and test accuracy (ConvLab\'s in its worker, as the extension runs it); pick systems with --systems: convlab ≈ 30 s, tfjs-wasm ≈ 1–2 min, convnetjs ≈ 2–3 min, tfjs-cpu ≈ 40 min' },
    mnist: { type: 'string', description: 'path of the MNIST asset (default: dist/data/mnist.bin.gz)' },
    seed: { type: 'string', description: 'seed of the inputs, the weights and the shuffle (default 1)' },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`bench takes no positional arguments, got '${args.positionals.join(' ')}'`);
    const seed = intOption(args, 'seed', 1);
    const requested = typeof args.values['systems'] === 'string' ? args.values['systems'].split(',').map((s) => s.trim()).filter(Boolean) : [...SYSTEM_NAMES];
    const unknown = requested.filter((s) => !isSystemName(s));
    if (unknown.length > 0) throw new UsageError(`unknown system(s) ${unknown.join(', ')}; choose from ${SYSTEM_NAMES.join(', ')}`);

    const systems: BenchSystem[] = [];
    for (const name of requested.filter(isSystemName)) systems.push(await createSystem(name));

    const mnist = args.values['epoch'] === true
      ? await loadDataset('mnist', { seed, ...(typeof args.values['mnist'] === 'string' ? { mnistPath: args.values['mnist'] } : {}) })
      : undefined;
    const report = await runBenchmark(systems, makeBenchInputs(seed), {
      budget: args.values['quick'] === true ? QUICK_BUDGET : FULL_BUDGET,
      log: io.err,
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

    if (args.json) io.out(reportJson(report));
    else io.out(formatReport(report));
    return Object.keys(report.failures).length > 0 ? 1 : 0;
  },
};
