/** `convlab bench-hover`: the hover's latency on a 200-line model file (bound: 20 ms). */
import { benchHover } from '../bench/hover';
import type { CommandSpec } from '../args';

export const benchHoverCommand: CommandSpec = {
  name: 'bench-hover',
  positionals: '',
  summary: 'time the layer hover (parse, analyse, kernel picture, Markdown) on a 200-line model file',
  options: {},
  async run(args, io) {
    const t = benchHover();
    if (args.json) io.out(JSON.stringify(t));
    else {
      io.out(`hover on a ${t.lines}-line model file (${t.layers} layers, ${t.hovers} hovers, each parsing the file afresh):`);
      io.out(`  median ${t.medianMs.toFixed(2)} ms · 95th percentile ${t.p95Ms.toFixed(2)} ms · slowest ${t.maxMs.toFixed(2)} ms (bound ${t.boundMs} ms: ${t.p95Ms < t.boundMs ? 'met' : 'NOT met'})`);
    }
    return 0;
  },
};
