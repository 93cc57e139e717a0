/**
 * Where the feature maps and the mask ensembles get their image: an MNIST test digit by
 * index, a bars or shapes image, or one the learner draws on a 28×28 canvas (drag to ink,
 * Shift-drag to erase).
 */
import { el } from '../dom';
import type { ImageChoice, PageStrings } from '../protocol';
import { drawTiles } from './heatmap';

const CELL = 6;

export class InputPicker {
  readonly root: HTMLElement;
  private readonly drawing = new Float32Array(784);
  private readonly pad: HTMLCanvasElement;

  constructor(private choice: ImageChoice, private readonly s: PageStrings, private readonly onChange: (choice: ImageChoice) => void) {
    const kind = el('select', { 'aria-label': s.inputSource, 'data-testid': 'input-kind' },
      el('option', { value: 'mnist' }, s.mnistDigit!), el('option', { value: 'bars' }, s.barsImage!), el('option', { value: 'shapes' }, s.shapesImage!), el('option', { value: 'pixels' }, s.drawn!));
    kind.value = choice.kind;
    const index = el('input', { type: 'number', min: 0, max: 9999, value: choice.kind === 'pixels' ? 0 : choice.index, 'aria-label': s.imageIndex, class: 'narrow' });
    const prev = el('button', { class: 'small', 'aria-label': s.previousImage }, '‹');
    const next = el('button', { class: 'small', 'aria-label': s.nextImage }, '›');
    this.pad = el('canvas', { class: 'draw-pad', 'aria-label': s.drawHint, role: 'img' });
    if (choice.kind === 'pixels') this.drawing.set(choice.pixels);
    const clear = el('button', { class: 'small' }, s.clear!);
    const drawArea = el('div', { class: 'draw-area' }, this.pad, el('div', {}, el('p', { class: 'hint' }, s.drawHint!), clear));
    const sync = (): void => {
      drawArea.hidden = kind.value !== 'pixels';
      index.disabled = kind.value === 'pixels';
      prev.disabled = next.disabled = kind.value === 'pixels';
    };
    const emit = (): void => {
      const k = kind.value as ImageChoice['kind'];
      this.choice = k === 'pixels' ? { kind: 'pixels', pixels: Array.from(this.drawing, (v) => Math.round(v * 1000) / 1000) } : { kind: k, index: Math.max(0, Math.min(9999, Math.floor(Number(index.value) || 0))) };
      sync();
      this.onChange(this.choice);
    };
    kind.addEventListener('change', emit);
    index.addEventListener('change', emit);
    prev.addEventListener('click', () => { index.value = String(Math.max(0, Number(index.value) - 1)); emit(); });
    next.addEventListener('click', () => { index.value = String(Number(index.value) + 1); emit(); });
    clear.addEventListener('click', () => { this.drawing.fill(0); this.paint(); emit(); });
    let down = false;
    const ink = (e: PointerEvent): void => {
      const rect = this.pad.getBoundingClientRect();
      const cx = (e.clientX - rect.left) / CELL;
      const cy = (e.clientY - rect.top) / CELL;
      // A soft round brush about two pixels wide, like a pen stroke in MNIST.
      for (let r = Math.floor(cy - 2); r <= cy + 2; r++) {
        for (let c = Math.floor(cx - 2); c <= cx + 2; c++) {
          if (r < 0 || c < 0 || r >= 28 || c >= 28) continue;
          const d = Math.hypot(r + 0.5 - cy, c + 0.5 - cx);
          const v = Math.max(0, 1 - d / 2);
          const i = r * 28 + c;
          this.drawing[i] = e.shiftKey ? Math.max(0, this.drawing[i]! - v) : Math.min(1, this.drawing[i]! + v);
        }
      }
      this.paint();
    };
    this.pad.addEventListener('pointerdown', (e) => { down = true; this.pad.setPointerCapture(e.pointerId); ink(e); });
    this.pad.addEventListener('pointermove', (e) => down && ink(e));
    this.pad.addEventListener('pointerup', () => { if (down) { down = false; emit(); } });
    this.root = el('div', { class: 'input-picker' }, el('div', { class: 'controls' }, kind, prev, index, next), drawArea);
    sync();
    this.paint();
  }

  get current(): ImageChoice {
    return this.choice;
  }

  private paint(): void {
    drawTiles(this.pad, this.drawing, [{ offset: 0, rows: 28, cols: 28, x: 0, y: 0 }], { cell: CELL, scale: 1, kind: 'sequential' }, 28 * CELL, 28 * CELL);
  }
}
