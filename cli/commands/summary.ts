/**
 * `convlab summary <model>`: Keras' model.summary(), plus what the lecture asks of each
 * layer — multiply-adds and receptive field — from the code, without running anything.
 * --json prints one object: the model's summary (totalParams, trainableParams, layers with
 * type/outputShape/params/receptiveField/range, diagnostics with message/severity/range),
 * the parser's diagnostics merged into `diagnostics`.
 */
import { analyseModel, summarizeModel } from '../../core/analysis';
import type { CommandSpec } from '../args';
import { UsageError } from '../args';
import { loadModel } from '../models';

export const summaryCommand: CommandSpec = {
  name: 'summary',
  positionals: '<model>',
  summary: 'per-layer output shape, parameters, multiply-adds and receptive field of a model file, and its errors',
  options: {
    input: { type: 'string', description: 'input shape, channels first (e.g. 1x28x28), for code that states none (PyTorch)' },
    model: { type: 'string', description: 'which model of a file that defines several (default: the first)' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('summary takes one model file (or the built-in teaching-cnn)');
    const input = typeof args.values['input'] === 'string' ? args.values['input'] : undefined;
    const modelName = typeof args.values['model'] === 'string' ? args.values['model'] : undefined;
    const { model, parseDiagnostics, available } = await loadModel(args.positionals[0]!, { ...(input ? { input } : {}), ...(modelName ? { modelName } : {}) });
    const summary = summarizeModel(model, analyseModel(model));
    const diagnostics = [
      ...parseDiagnostics.map((d) => ({ message: d.message, severity: d.severity === 'information' ? 'info' as const : d.severity, code: d.code, layerIndex: -1, range: d.range })),
      ...summary.diagnostics,
    ];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (args.json) {
      io.out(JSON.stringify({ file: args.positionals[0], models: available, ...summary, diagnostics }));
      return errors > 0 ? 1 : 0;
    }
    const rows = summary.layers.map((l) => [
      `${l.name} (${l.type})`,
      l.outputShape,
      l.params === null ? '?' : l.params.toLocaleString('en-US'),
      l.macs === null ? '?' : l.macs.toLocaleString('en-US'),
      l.receptiveField === null ? '?' : l.receptiveField.global || !l.receptiveField.size ? 'whole input' : `${l.receptiveField.size[0]}×${l.receptiveField.size[1]}`,
    ]);
    const table = [['layer (type)', 'output shape', 'params', 'multiply-adds', 'receptive field'], ...rows];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
    const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
    io.out(`model '${summary.name}'${summary.source ? ` (${summary.source})` : ''}, input ${summary.inputShape}${summary.inputShapeSource && summary.inputShapeSource !== 'code' ? ` (from the ${summary.inputShapeSource})` : ''}`);
    io.out(line(table[0]!));
    io.out(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of table.slice(1)) io.out(line(r));
    // An incomplete model's sums are lower bounds: said as such, never as an exact count.
    const atLeast = summary.complete ? '' : 'at least ';
    io.out(`total params: ${atLeast}${summary.totalParams.toLocaleString('en-US')} (trainable ${atLeast}${summary.trainableParams.toLocaleString('en-US')}, non-trainable ${atLeast}${summary.nonTrainableParams.toLocaleString('en-US')})${summary.complete ? '' : ' — ConvLab could not follow all of the model'}`);
    io.out(`multiply-adds per example: ${summary.macs.toLocaleString('en-US')}`);
    for (const d of diagnostics) io.out(`${d.severity}: ${d.range ? `line ${d.range.startLine + 1}: ` : ''}${d.message}`);
    if (available.length > 1) io.out(`(the file defines ${available.length} models: ${available.join(', ')}; pick one with --model)`);
    return errors > 0 ? 1 : 0;
  },
};
