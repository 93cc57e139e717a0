/**
 * `convlab summary <model>`: Keras' model.summary(), plus what the lecture asks of each
 * layer — multiply-adds and receptive field — from core/analysis, without running anything.
 */
import { analyseModel, displayShape } from '../../core/analysis';
import type { CommandSpec } from '../args';
import { UsageError } from '../args';
import { loadModel } from '../models';

export const summaryCommand: CommandSpec = {
  name: 'summary',
  positionals: '<model>',
  summary: 'per-layer output shape, parameters, multiply-adds and receptive field of a model, and its errors',
  options: {},
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('summary takes one model');
    const model = await loadModel(args.positionals[0]!);
    const analysis = analyseModel(model);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    if (args.json) {
      io.out(JSON.stringify({ model: model.name, ...analysis }));
      return errors > 0 ? 1 : 0;
    }
    const rows = analysis.layers.map((l) => [
      `${l.name} (${l.type})`,
      displayShape(l.outputShape, model.source),
      l.params === null ? '?' : l.params.total.toLocaleString('en-US'),
      l.macs === null ? '?' : l.macs.toLocaleString('en-US'),
      l.receptiveField === null ? '?' : l.receptiveField.global ? 'whole input' : `${l.receptiveField.rows.size}×${l.receptiveField.cols.size}`,
    ]);
    const table = [['layer (type)', 'output shape', 'params', 'multiply-adds', 'receptive field'], ...rows];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
    const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
    io.out(`model '${model.name}', input ${displayShape(analysis.inputShape, model.source)}`);
    io.out(line(table[0]!));
    io.out(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of table.slice(1)) io.out(line(r));
    const t = analysis.totals;
    io.out(`total params: ${t.params.toLocaleString('en-US')} (trainable ${t.trainableParams.toLocaleString('en-US')}, non-trainable ${t.nonTrainableParams.toLocaleString('en-US')})${t.complete ? '' : ' — some layers unknown'}`);
    io.out(`multiply-adds per example: ${t.macs.toLocaleString('en-US')}`);
    for (const d of analysis.diagnostics) io.out(`${d.severity}: ${d.layerIndex >= 0 ? `layer ${d.layerIndex}: ` : ''}${d.message}`);
    return errors > 0 ? 1 : 0;
  },
};
