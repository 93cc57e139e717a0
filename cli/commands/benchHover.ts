/**
 * `convlab bench-hover [file]`: the hover's latency on a model file — by default a
 * generated 200-line one, else the learner's own (a ResNet, say) — against the 20 ms bound.
 */
import { readFileSync } from 'node:fs';
import { benchHover } from '../bench/hover';
import { UsageError, type CommandSpec } from '../args';

export const benchHoverCommand: CommandSpec = {
  name: 'bench-hover',
  positionals: '[file]',
  summary: 'time the layer hover (parse, analyse, kernel picture, Markdown) on a model file (default: a generated 200-line one)',
  options: {},
  async run(args, io) {
    if (args.positionals.length > 1) throw new UsageError('bench-hover takes at most one model file');
    const file = args.positionals[0];
    const t = file ? benchHover(readFileSync(file, 'utf8'), 5, file) : benchHover();
    if (args.json) io.out(JSON.stringify(t));
    else {
      io.out(`hover on a ${t.lines}-line model file (${t.layers} layers, ${t.hovers} hovers, each parsing the file afresh):`);
      io.out(`  median ${t.medianMs.toFixed(2)} ms · 95th percentile ${t.p95Ms.toFixed(2)} ms · slowest ${t.maxMs.toFixed(2)} ms (bound ${t.boundMs} ms: ${t.p95Ms < t.boundMs ? 'met' : 'NOT met'})`);
    }
    return 0;
  },
};
