/**
 * The architecture strip: every layer as a block, left to right, sized by its output
 * tensor (the height grows with the log of its size, so a 26×26×32 map towers over a
 * 10-vector), with its output shape, parameters and receptive field; a layer with an error
 * is marked and says why. Blocks are buttons: a click or Enter selects the layer and
 * reveals its code; arrow keys move along the strip.
 */
import { el } from '../dom';
import type { ArchLayer, ModelView, PageStrings } from '../protocol';

const count = (x: number | null): string => (x === null ? '?' : x.toLocaleString('en-US'));

export function fieldText(l: ArchLayer): string {
  const rf = l.receptiveField;
  if (!rf) return '—';
  if (rf.global) return 'all';
  return `${rf.rows.size}×${rf.cols.size}`;
}

function tensorSize(l: ArchLayer): number {
  return l.outputShapeCHW ? l.outputShapeCHW.reduce((a, b) => a * b, 1) : 1;
}

export function renderArchitecture(root: HTMLElement, m: ModelView, selected: number, s: PageStrings, onPick: (layer: number, reveal: boolean) => void): void {
  const biggest = Math.max(...m.layers.map(tensorSize), 784);
  const blocks = m.layers.map((l) => {
    const errors = l.problems.filter((p) => p.severity === 'error');
    const label = `${l.name} (${l.type}), ${s.outputWord} ${l.outputShape}, ${count(l.params)} ${s.parameters}, ${s.receptiveField} ${fieldText(l)}${errors.length ? `, ${s.error}: ${errors.map((e) => e.message).join('; ')}` : ''}`;
    const tensor = el('div', { class: 'tensor', 'aria-hidden': 'true' });
    // Height by the log of the tensor's size: every layer stays visible, big maps stand out.
    tensor.style.height = `${Math.round(10 + 70 * (Math.log(tensorSize(l) + 1) / Math.log(biggest + 1)))}px`;
    const block = el('button', {
      class: `block kind-${l.kind}${errors.length ? ' has-error' : ''}${l.index === selected ? ' selected' : ''}`,
      'data-layer': l.index,
      'aria-pressed': l.index === selected ? 'true' : 'false',
      'aria-label': label,
      title: l.paramsFormula ?? '',
    },
    tensor,
    // A zero-width space after each underscore: max_pooling2d_1 breaks at its parts, not mid-word.
    el('span', { class: 'block-name' }, l.name.replace(/_/g, '_\u200b')),
    el('span', { class: 'block-type' }, l.type),
    el('span', { class: 'block-shape' }, l.outputShape),
    el('span', { class: 'block-meta' }, `${count(l.params)} ${s.paramsShort}`),
    el('span', { class: 'block-meta' }, `${s.fieldShort} ${fieldText(l)}`),
    ...errors.map((e) => el('span', { class: 'block-error' }, `⛔ ${e.message}`)));
    block.addEventListener('click', () => onPick(l.index, true));
    block.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      e.preventDefault();
      const next = root.querySelector<HTMLElement>(`[data-layer="${l.index + d}"]`);
      if (next) {
        next.focus();
        onPick(l.index + d, false);
      }
    });
    return block;
  });
  const input = el('div', { class: 'block input-block', role: 'img', 'aria-label': `${s.inputLabel} ${m.inputShape}` },
    el('div', { class: 'tensor' }), el('span', { class: 'block-name' }, s.inputLabel!), el('span', { class: 'block-shape' }, m.inputShape));
  input.querySelector<HTMLElement>('.tensor')!.style.height = `${Math.round(10 + 70 * (Math.log(785) / Math.log(biggest + 1)))}px`;
  root.replaceChildren(el('div', { class: 'strip', role: 'toolbar', 'aria-label': s.architecture }, input, ...blocks));
}

/** Moves the selection mark without redrawing the strip (the learner's focus stays put). */
export function markSelected(root: HTMLElement, selected: number): void {
  root.querySelectorAll<HTMLElement>('.block[data-layer]').forEach((b) => {
    const on = Number(b.dataset.layer) === selected;
    b.classList.toggle('selected', on);
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (on) b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}
