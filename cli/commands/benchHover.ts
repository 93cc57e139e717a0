/**
 * `convlab bench-hover [file]`: the hover's latency on a model file — by default a
 * generated 200-line one, else the learner's own (a ResNet, say) — against the 20 ms bound,
 * and the first hover after an edit, which re-reads the file.
 */
import { readFileSync } from 'node:fs';
import { benchHover, type LatencySummary } from '../bench/hover';
import { UsageError, type CommandSpec } from '../args';

export const benchHoverCommand: CommandSpec = {
  name: 'bench-hover',
  positionals: '[file]',
  summary: 'time the language server\'s layer hover (find the layer, kernel picture, Markdown) on a model file, and the first hover after an edit (re-read: parse, analyse) (default: a generated 200-line file)',
  options: {},
  async run(args, io) {
    if (args.positionals.length > 1) throw new UsageError('bench-hover takes at most one model file');
    const file = args.positionals[0];
    const t = file ? await benchHover(readFileSync(file, 'utf8'), 5, file) : await benchHover();
    const figures = (s: LatencySummary): string => `median ${s.medianMs.toFixed(2)} ms · 95th percentile ${s.p95Ms.toFixed(2)} ms · slowest ${s.maxMs.toFixed(2)} ms`;
    if (args.json) io.out(JSON.stringify(t));
    else {
      io.out(`hover on a ${t.lines}-line model file (${t.layers} layers, ${t.hovers} hovers; the file read once per version, as the language server does):`);
      io.out(`  ${figures(t)} (bound ${t.boundMs} ms: ${t.p95Ms < t.boundMs ? 'met' : 'NOT met'})`);
      io.out(`first hover after an edit (${t.afterEdit.count} one-character edits; re-reads the file: parse, analyse, then the hover):`);
      io.out(`  ${figures(t.afterEdit)}`);
    }
    return 0;
  },
};
