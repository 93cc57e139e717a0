/**
 * What a layer's hover says, as Markdown: its output shape, parameters with the formula
 * filled in from that line's numbers, multiply-adds, receptive field, the output-size
 * arithmetic, and a picture of its kernels; on a Dropout layer, the drop rate against the
 * lecture's keep probability, its number of masks and the scaling the frameworks use.
 * Pure formatting over the analysis, so it is unit-tested without VS Code.
 */
import { displayShape } from '../core/analysis';
import type { LayerAnalysis, ModelAnalysis } from '../core/analysis/types';
import { maskCount } from '../core/dropout/maskCount';
import type { ModelIR } from '../core/model/ir';
import { plainText } from './markdown';

/** A picture of a layer's kernels, or only a caption when they are too large to draw. */
export interface KernelPicture {
  readonly dataUri?: string;
  readonly caption: string;
}

const n = (x: number): string => x.toLocaleString('en-US');
const round = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

function receptiveFieldText(l: LayerAnalysis): string | undefined {
  const rf = l.receptiveField;
  if (!rf) return undefined;
  if (rf.global) return 'the whole input (every unit sees every input pixel)';
  const size = rf.rows.size === rf.cols.size ? `${rf.rows.size}×${rf.cols.size}` : `${rf.rows.size}×${rf.cols.size}`;
  return `${size} input pixels · jump ${rf.rows.jump === rf.cols.jump ? rf.rows.jump : `${rf.rows.jump}×${rf.cols.jump}`} · first unit centred at (${round(rf.rows.start)}, ${round(rf.cols.start)})`;
}

function dropoutLines(l: LayerAnalysis, framework: string): string[] {
  const d = l.dropout;
  if (!d) return [];
  const rateName = framework === 'pytorch' ? '`p`' : '`rate`';
  const lines = [
    `**Drop rate** ${rateName} = ${round(d.rate)} → the lecture's **keep probability p = 1 − ${round(d.rate)} = ${round(d.keepProb)}**`,
  ];
  if (d.maskedUnits !== null) {
    const count = maskCount(d.maskedUnits);
    const what = d.granularity === 'channel' ? `${n(d.maskedUnits)} channels (whole feature maps are dropped)` : `${n(d.maskedUnits)} units`;
    lines.push(`**Masks:** ${what} → ${count.text}; each mask is one member of the ensemble that shares these weights`);
  }
  lines.push(
    `**Scaling:** inverted dropout, as ${framework === 'pytorch' ? 'PyTorch' : 'Keras'} does it — kept units are divided by p = ${round(d.keepProb)} during training, so nothing is scaled at test time (the lecture's standard dropout instead multiplies by p at test time; the expectation is the same)`,
  );
  return lines;
}

export function layerHoverMarkdown(model: ModelIR, analysis: ModelAnalysis, index: number, picture?: KernelPicture): string | undefined {
  const l = analysis.layers[index];
  if (!l) return undefined;
  const source = model.source;
  const out: string[] = [];
  // Names come from the file: escaped, never inside a code span they could close.
  out.push(`**${plainText(l.type)}** ${plainText(l.name)} · layer ${index + 1} of ${analysis.layers.length} in *${plainText(model.name)}*`);
  out.push('');
  const rows: [string, string][] = [];
  rows.push(['Output shape', l.outputShape ? `\`${displayShape(l.outputShape, source)}\`` : 'unknown']);
  if (l.params && l.params.total > 0) {
    const split = l.params.nonTrainable > 0 ? ` (${n(l.params.trainable)} trainable, ${n(l.params.nonTrainable)} not)` : '';
    rows.push(['Parameters', `${l.params.formula ? `\`${l.params.formula}\`` : n(l.params.total)}${split}`]);
  } else if (l.params) {
    rows.push(['Parameters', 'none']);
  }
  if (l.macs !== null && l.macs > 0) rows.push(['Multiply-adds', `${n(l.macs)} per example`]);
  const rf = receptiveFieldText(l);
  if (rf) rows.push(['Receptive field', rf]);
  if (l.outputSizeFormula) rows.push(['Output size', `\`${l.outputSizeFormula}\``]);
  if (l.activationBytes !== null) rows.push(['Activations', `${n(l.activationBytes)} bytes per example (float32)`]);
  out.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`));
  const dropout = dropoutLines(l, source ?? 'keras');
  if (dropout.length > 0) out.push('', ...dropout.flatMap((line) => [line, '']));
  // Messages quote the file's code: escaped too (their code spans show as backticks).
  for (const d of l.diagnostics) out.push('', `${d.severity === 'error' ? '$(error)' : d.severity === 'warning' ? '$(warning)' : '$(info)'} ${plainText(d.message, 2000)}`);
  if (picture?.dataUri) out.push('', `![kernels](${picture.dataUri})`);
  if (picture) out.push('', `*${picture.caption}*`);
  return out.join('\n');
}
