/**
 * The model summary, as Keras' model.summary() prints it plus multiply-adds and receptive
 * field: one table per model in the active editor, totals underneath, problems listed.
 * Rows are buttons for the keyboard and the mouse: Enter or a click selects the layer's code.
 */
import type { ModelSummary, SummaryLayer } from '../core/analysis/summary';
import { layoutLanes, type LaneRow } from '../core/model/lanes';
import { el } from './dom';
import { LANE_WIDTH, laneCell } from './graphLanes';
import type { PageStrings, SummaryView } from './protocol';
import { vscode } from './vscodeApi';

const count = (x: number | null): string => (x === null ? '?' : x.toLocaleString('en-US'));
/** Multiply-adds run to millions: compact (2.4M) in the narrow side view, exact in the tooltip. */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const countCompact = (x: number | null): string => (x === null ? '?' : compact.format(x));

function receptiveField(l: SummaryLayer): string {
  const rf = l.receptiveField;
  if (!rf) return '?';
  if (rf.global || !rf.size) return 'all';
  return `${rf.size[0]}×${rf.size[1]}`;
}

function lanesCell(row: LaneRow, merge: boolean): HTMLElement {
  const cell = el('td', { class: 'lanes-cell' }, laneCell(row, merge));
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  cell.style.width = `${row.width * LANE_WIDTH + 4}px`;
  return cell;
}

function modelTable(m: ModelSummary, modelIndex: number, s: PageStrings): HTMLElement {
  const source = m.source === 'pytorch' ? 'PyTorch' : m.source === 'keras' ? 'Keras' : 'ConvLab JSON';
  const inputNote = m.inputShapeSource === 'comment' ? s.inputFromComment : m.inputShapeSource === 'setting' ? s.inputFromSetting : m.inputShapeSource === 'unknown' ? s.inputUnknown : '';
  // A graph (a residual add, a concatenation) shows what each layer reads, as Keras' summary does.
  const graph = m.layers.some((l) => l.connectedTo);
  const lanes = graph ? layoutLanes(m.layers.map((l, i) => l.inputs ?? [i - 1])) : null;
  const columns = [...(lanes ? [''] : []), s.colLayer, s.colOutput, s.colParams, s.colMacs, s.colField, ...(graph ? [s.colConnected] : [])];
  const head = el('tr', {}, ...columns.map((h) => el('th', { scope: 'col' }, h ?? '')));
  const errorsAt = new Set(m.diagnostics.filter((d) => d.severity === 'error').map((d) => d.layerIndex));
  const rows = m.layers.map((l, i) => {
    const reads = l.connectedTo ? `, reads ${l.connectedTo.join(' and ')}` : '';
    const row = el('tr', { tabindex: 0, 'data-model': modelIndex, 'data-layer': l.index, class: errorsAt.has(l.index) ? 'has-error' : '', title: l.paramsFormula ?? '', 'aria-label': `${l.name} (${l.type}), output ${l.outputShape}, ${count(l.params)} parameters${reads}` },
      ...(lanes ? [lanesCell(lanes[i]!, (l.connectedTo?.length ?? 1) > 1)] : []),
      el('td', {}, el('span', { class: 'layer-name' }, l.name), el('span', { class: 'layer-type' }, ` (${l.type})`)),
      el('td', { class: 'num' }, l.outputShape),
      el('td', { class: 'num' }, count(l.params)),
      el('td', { class: 'num', title: count(l.macs) }, countCompact(l.macs)),
      el('td', { class: 'num' }, receptiveField(l)),
      ...(graph ? [el('td', { class: 'connected' }, (l.connectedTo ?? []).join(', '))] : []));
    const reveal = (): void => vscode.postMessage({ type: 'revealLayer', model: modelIndex, layer: l.index });
    row.addEventListener('click', reveal);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        reveal();
      }
    });
    return row;
  });
  const totals = el('p', { class: 'totals' },
    `${s.totalParams} ${m.complete ? '' : '≥ '}${count(m.totalParams)} (${s.trainable} ${count(m.trainableParams)}, ${s.nonTrainable} ${count(m.nonTrainableParams)}) · ${s.colMacs} ${countCompact(m.macs)}`);
  const problems = m.diagnostics.length > 0
    ? el('ul', { class: 'problems' }, ...m.diagnostics.map((d) => el('li', { class: `sev-${d.severity}` }, `${d.severity === 'error' ? '⛔' : d.severity === 'warning' ? '⚠' : 'ℹ'} ${d.message}`)))
    : undefined;
  return el('section', { class: 'model-summary', 'data-model': modelIndex },
    el('h3', {}, `${m.name} `, el('span', { class: 'layer-type' }, `· ${source} · ${s.inputLabel} ${m.inputShape}${inputNote ? ` (${inputNote})` : ''}`)),
    el('div', { class: 'table-scroll' },
      el('table', { class: 'summary', 'aria-label': `${s.summaryOf} ${m.name}` }, el('thead', {}, head), el('tbody', {}, ...rows))),
    totals,
    problems);
}

export function renderSummary(root: HTMLElement, data: SummaryView | null, s: PageStrings): void {
  if (!data) {
    root.replaceChildren(el('p', { class: 'hint' }, s.noModel ?? ''));
    return;
  }
  root.replaceChildren(el('p', { class: 'file' }, data.fileName), ...data.models.map((m, i) => modelTable(m, i, s)));
}
