/**
 * The learner's choices for convolution by hand: input, kernel (preset, size, every entry
 * editable), padding, stride and dilation per axis. Every control is a labelled native
 * field, reachable by Tab. Typed numbers are sent after a short pause (so "128" is not sent
 * as "1", "12", "128"); choices from a list at once. Settings outside the core's bounds are
 * named beside the form and not sent.
 */
import {
  CONV_LIMITS, LECTURE_BY_HAND, resizeKernel, settingsProblem, type ConvByHandSettings, type ConvInputKind, type KernelPreset,
} from '../../core/lessons/convByHandSetup';
import { num } from '../../core/lessons/format';
import { custom, el } from '../dom';
import type { PageStrings } from '../protocol';

const TYPING_PAUSE_MS = 350;
/** The lecture's and Sobel's kernels are 3×3; identity and box blur take any size. */
const FIXED_3X3: readonly KernelPreset[] = ['lecture', 'sobelGx', 'sobelGy'];

export interface SettingsForm {
  readonly root: HTMLElement;
  /** Shows settings the host worked out (kernel values filled in), leaving the field being typed into alone. */
  sync(settings: ConvByHandSettings): void;
}

type PaddingChoice = 'valid' | 'same' | 'explicit';
/** A kernel entry as a number field shows it: at most four decimals, ASCII minus (a number field rejects "−"). */
const cellText = (v: number): string => num(v, 4).replace('−', '-');

export function settingsForm(initial: ConvByHandSettings, s: PageStrings, onChange: (settings: ConvByHandSettings) => void): SettingsForm {
  const L = CONV_LIMITS;
  const number = (id: string, label: string, min: number, max: number, step: number | 'any' = 1): HTMLInputElement =>
    el('input', { type: 'number', id, min, max, step, class: 'narrow', 'aria-label': label });
  const select = (id: string, label: string, options: readonly [string, string][]): HTMLSelectElement =>
    el('select', { id, 'aria-label': label }, ...options.map(([value, text]) => el('option', { value }, text)));

  const kind = select('conv-input-kind', s.byHandInputKind!, [
    ['lecture', s.byHandInputLecture!], ['random', s.byHandInputRandom!], ['ramp', s.byHandInputRamp!], ['step', s.byHandInputStep!], ['mnist', s.byHandInputMnist!],
  ]);
  const inRows = number('conv-input-rows', s.byHandInputRows!, 1, L.maxInputSide);
  const inCols = number('conv-input-cols', s.byHandInputCols!, 1, L.maxInputSide);
  const seed = number('conv-input-seed', s.seedWord!, 0, 2 ** 31 - 1);
  const index = number('conv-input-index', s.byHandMnistIndex!, 0, L.mnistImages - 1);
  const preset = select('conv-kernel-preset', s.byHandKernelPreset!, [
    ['lecture', s.byHandKernelLecture!], ['sobelGx', s.byHandKernelGx!], ['sobelGy', s.byHandKernelGy!], ['identity', s.byHandKernelIdentity!],
    ['box', s.byHandKernelBox!], ['custom', s.byHandKernelCustom!],
  ]);
  const kRows = number('conv-kernel-rows', s.byHandKernelRows!, 1, L.maxKernelSide);
  const kCols = number('conv-kernel-cols', s.byHandKernelCols!, 1, L.maxKernelSide);
  const padding = select('conv-padding', s.byHandPadding!, [['valid', s.byHandPaddingValid!], ['same', s.byHandPaddingSame!], ['explicit', s.byHandPaddingExplicit!]]);
  const padRows = number('conv-pad-rows', s.byHandPadRows!, 0, L.maxPadding);
  const padCols = number('conv-pad-cols', s.byHandPadCols!, 0, L.maxPadding);
  const strideRows = number('conv-stride-rows', s.byHandStrideRows!, 1, L.maxStride);
  const strideCols = number('conv-stride-cols', s.byHandStrideCols!, 1, L.maxStride);
  const dilRows = number('conv-dilation-rows', s.byHandDilationRows!, 1, L.maxDilation);
  const dilCols = number('conv-dilation-cols', s.byHandDilationCols!, 1, L.maxDilation);
  const kernelCells = el('div', { class: 'kernel-editor', role: 'group', 'aria-label': s.byHandKernelValues! });
  const problem = el('p', { class: 'error', role: 'alert', 'data-testid': 'conv-form-problem' });
  problem.hidden = true;
  let cells: HTMLInputElement[] = [];
  let shown = initial;

  const field = (label: string, ...controls: HTMLElement[]): HTMLElement => {
    const wrap = el('div', { class: 'byhand-field' }, el('span', { class: 'field-label' }, label), ...controls);
    return wrap;
  };
  const pairField = (label: string, a: HTMLInputElement, b: HTMLInputElement): HTMLElement =>
    field(label, a, el('span', { class: 'times', 'aria-hidden': 'true' }, '×'), b);

  const buildCells = (rows: number, cols: number, values: readonly number[]): void => {
    kernelCells.style.setProperty('--cols', String(cols));
    cells = values.map((v, i) => {
      const m = Math.floor(i / cols);
      const n = i % cols;
      const input = el('input', { type: 'number', step: 'any', class: 'kernel-cell', value: cellText(v), 'aria-label': `K(${m}, ${n})`, 'data-index': i });
      input.addEventListener('input', () => {
        preset.value = 'custom';
        later();
      });
      input.addEventListener('keydown', (e) => {
        // Up and down stay the field's own steppers; Alt with an arrow moves between entries.
        const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -cols, ArrowDown: cols };
        const d = e.altKey ? moves[e.key] : undefined;
        if (d === undefined) return;
        e.preventDefault();
        cells[(i + d + cells.length) % cells.length]?.focus();
      });
      return input;
    });
    kernelCells.replaceChildren(...cells);
  };

  const int = (i: HTMLInputElement): number => (i.value.trim() === '' ? Number.NaN : Number(i.value));
  const read = (): ConvByHandSettings | undefined => {
    const values = cells.map((c) => (c.value.trim() === '' ? Number.NaN : Number(c.value)));
    const choice = padding.value as PaddingChoice;
    const settings: ConvByHandSettings = {
      input: { kind: kind.value as ConvInputKind, rows: int(inRows), cols: int(inCols), seed: int(seed), index: int(index) },
      kernel: { preset: preset.value as KernelPreset, rows: int(kRows), cols: int(kCols), values },
      strides: [int(strideRows), int(strideCols)],
      padding: choice === 'explicit' ? [int(padRows), int(padCols)] : choice,
      dilation: [int(dilRows), int(dilCols)],
    };
    const why = settingsProblem(settings);
    problem.hidden = why === null;
    problem.textContent = why ?? '';
    return why === null ? settings : undefined;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = (): void => {
    clearTimeout(timer);
    timer = undefined;
    updateVisibility();
    const settings = read();
    if (settings) onChange(settings);
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(now, TYPING_PAUSE_MS);
  };

  const visibility: { el: HTMLElement; when: () => boolean }[] = [];
  const updateVisibility = (): void => {
    for (const v of visibility) v.el.hidden = !v.when();
    const ownSize = kind.value === 'lecture' || kind.value === 'mnist';
    inRows.disabled = ownSize;
    inCols.disabled = ownSize;
  };

  const resizeKernelTo = (): void => {
    const rows = int(kRows);
    const cols = int(kCols);
    if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 1 && cols >= 1 && rows <= L.maxKernelSide && cols <= L.maxKernelSide)) return;
    if (FIXED_3X3.includes(preset.value as KernelPreset)) preset.value = 'custom';
    const old = shown.kernel;
    const values = cells.length === old.rows * old.cols ? cells.map((c) => Number(c.value) || 0) : [...old.values];
    buildCells(rows, cols, resizeKernel(values, old.rows, old.cols, rows, cols));
    shown = { ...shown, kernel: { ...shown.kernel, rows, cols, values: cells.map((c) => Number(c.value) || 0) } };
  };

  for (const sel of [kind, padding]) sel.addEventListener('change', now);
  preset.addEventListener('change', () => {
    if (FIXED_3X3.includes(preset.value as KernelPreset)) {
      kRows.value = '3';
      kCols.value = '3';
    }
    now();
  });
  for (const i of [inRows, inCols, seed, index, padRows, padCols, strideRows, strideCols, dilRows, dilCols]) i.addEventListener('input', later);
  for (const i of [kRows, kCols]) {
    i.addEventListener('input', () => {
      resizeKernelTo();
      later();
    });
  }

  const reset = custom('vscode-button', { secondary: true, 'data-testid': 'conv-reset' }, s.byHandReset!);
  reset.addEventListener('click', () => {
    setAll(LECTURE_BY_HAND);
    now();
  });

  const seedField = field(s.seedWord!, seed);
  const indexField = field(s.byHandMnistIndex!, index);
  const padField = pairField(s.byHandPadRowsCols!, padRows, padCols);
  visibility.push({ el: seedField, when: () => kind.value === 'random' }, { el: indexField, when: () => kind.value === 'mnist' }, { el: padField, when: () => padding.value === 'explicit' });

  const labelFor = (control: HTMLElement, text: string): HTMLElement => el('label', { for: control.id, class: 'field-label' }, text);
  const root = el('div', { class: 'byhand-settings', role: 'group', 'aria-label': s.byHandSettings! },
    el('fieldset', {}, el('legend', {}, s.byHandInputLegend!),
      el('div', { class: 'byhand-field' }, labelFor(kind, s.byHandInputKind!), kind),
      pairField(s.byHandInputSize!, inRows, inCols), seedField, indexField),
    el('fieldset', {}, el('legend', {}, s.byHandKernelLegend!),
      el('div', { class: 'byhand-field' }, labelFor(preset, s.byHandKernelPreset!), preset),
      pairField(s.byHandKernelSize!, kRows, kCols), kernelCells),
    el('fieldset', {}, el('legend', {}, s.byHandWindowLegend!),
      el('div', { class: 'byhand-field' }, labelFor(padding, s.byHandPadding!), padding), padField,
      pairField(s.byHandStride!, strideRows, strideCols), pairField(s.byHandDilation!, dilRows, dilCols),
      el('div', { class: 'byhand-field' }, reset)),
    problem);

  /** Shows all of these settings (at load, and for the Reset button). */
  const setAll = (settings: ConvByHandSettings): void => {
    shown = settings;
    const active = document.activeElement;
    const set = (i: HTMLInputElement | HTMLSelectElement, v: string | number): void => {
      if (i !== active) i.value = String(v);
    };
    set(kind, settings.input.kind);
    set(inRows, settings.input.rows);
    set(inCols, settings.input.cols);
    set(seed, settings.input.seed);
    set(index, settings.input.index);
    set(preset, settings.kernel.preset);
    const pad = settings.padding;
    set(padding, typeof pad === 'string' ? pad : 'explicit');
    set(padRows, typeof pad === 'string' ? 0 : pad[0]);
    set(padCols, typeof pad === 'string' ? 0 : pad[1]);
    set(strideRows, settings.strides[0]);
    set(strideCols, settings.strides[1]);
    set(dilRows, settings.dilation[0]);
    set(dilCols, settings.dilation[1]);
    setKernel(settings);
    problem.hidden = true;
    updateVisibility();
  };
  const setKernel = (settings: ConvByHandSettings): void => {
    const active = document.activeElement;
    const k = settings.kernel;
    if (kRows !== active) kRows.value = String(k.rows);
    if (kCols !== active) kCols.value = String(k.cols);
    if (cells.length !== k.rows * k.cols || Number(kernelCells.style.getPropertyValue('--cols')) !== k.cols) buildCells(k.rows, k.cols, k.values);
    else cells.forEach((c, i) => c !== active && Number(c.value) !== k.values[i] && (c.value = cellText(k.values[i]!)));
  };
  /**
   * Takes from the host's answer only what the host filled in: a preset's entries and the
   * size of the lecture's or an MNIST input. Everything else the form already shows, and an
   * answer to an older request must not overwrite what the learner typed since.
   */
  const sync = (settings: ConvByHandSettings): void => {
    if (timer !== undefined) return;
    shown = settings;
    const active = document.activeElement;
    if (settings.input.kind === kind.value && (kind.value === 'lecture' || kind.value === 'mnist')) {
      if (inRows !== active) inRows.value = String(settings.input.rows);
      if (inCols !== active) inCols.value = String(settings.input.cols);
    }
    if (settings.kernel.preset === preset.value && preset.value !== 'custom') setKernel(settings);
  };
  setAll(initial);
  return { root, sync };
}
