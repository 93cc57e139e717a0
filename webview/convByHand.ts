/**
 * Convolution by hand: the lecture's worked example, then any input, kernel, padding,
 * stride and dilation the learner picks. The worker sends the outputs and the output-size
 * arithmetic; the page draws the window of the current cell on the padded input and both
 * operations side by side, each with that cell's sum of products written out.
 *
 * The sum of one cell is built here with the core's own convCell (nine multiplications for
 * a 3×3 kernel), so that stepping and playing the window need no round trip to the worker;
 * the page checks nothing against it and computes no grid.
 */
import type { Grid } from '../core/conv/byHand';
import { convCell, type ConvCell } from '../core/lessons/convArithmetic';
import { inputDisplay, type InputDisplay } from './byHand/inputView';
import { operationView, type OperationView } from './byHand/operationView';
import { DEFAULT_SPEED, Player, prefersReducedMotion, SPEEDS } from './byHand/player';
import { settingsForm, type SettingsForm } from './byHand/settingsForm';
import { custom, el } from './dom';
import type { ConvByHandData, ConvByHandShown, ConvModeName, GridData, PageStrings } from './protocol';
import { saveState, vscode } from './vscodeApi';

const MODES: readonly ConvModeName[] = ['crossCorrelation', 'convolution'];
const toGrid = (g: GridData): Grid => ({ rows: g.rows, cols: g.cols, data: g.data instanceof Float32Array ? g.data : Float32Array.from(g.data) });
const fill = (template: string, ...values: (string | number)[]): string => values.reduce<string>((t, v, i) => t.replace(`{${i}}`, String(v)), template);

export class ConvByHandView {
  private data: ConvByHandData | undefined;
  private input: Grid | undefined;
  private kernel: Grid | undefined;
  private cell: number;
  private speed: number;
  private form: SettingsForm | undefined;
  private inputView: InputDisplay | undefined;
  private ops: Record<ConvModeName, OperationView> | undefined;
  private readonly player: Player;
  private readonly playButton: HTMLElement;
  private readonly position: HTMLElement;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  /** Everything below the settings: rebuilt per result, while the form (and the field being typed into) stays. */
  private readonly results = el('div', { class: 'byhand-results' });

  constructor(
    private readonly root: HTMLElement,
    private readonly s: PageStrings,
  ) {
    const state = vscode.getState();
    this.cell = state?.cell ?? 0;
    this.speed = state?.speed && SPEEDS.includes(state.speed) ? state.speed : DEFAULT_SPEED;
    this.player = new Player(() => this.step(), (playing) => this.onPlaying(playing));
    this.playButton = custom('vscode-button', { 'data-testid': 'conv-play', 'aria-pressed': 'false' }, s.byHandPlay!);
    this.playButton.dataset.focusId = 'play';
    this.playButton.addEventListener('click', () => this.togglePlay());
    this.position = el('span', { class: 'position', 'data-testid': 'conv-position' });
    root.addEventListener('keydown', (e) => this.onKey(e));
  }

  show(data: ConvByHandData): void {
    const before = this.data;
    this.data = data;
    this.input = toGrid(data.input);
    this.kernel = toGrid(data.kernel);
    // Keep the window where it was (row and column) when only the numbers changed; clamp when the output shrank.
    const [rows, cols] = data.outputSize;
    if (before && rows > 0 && cols > 0) {
      const oldCols = Math.max(1, before.outputSize[1]);
      const i = Math.min(Math.floor(this.cell / oldCols), rows - 1);
      const j = Math.min(this.cell % oldCols, cols - 1);
      this.cell = i * cols + j;
    }
    this.cell = rows > 0 && cols > 0 ? Math.min(Math.max(this.cell, 0), rows * cols - 1) : 0;
    saveState({ conv: data.settings, mode: data.mode, cell: this.cell });
    this.build(data);
    this.update();
    // A revived page that was playing resumes, unless the learner asked for reduced motion.
    if (!before && vscode.getState()?.playing && !prefersReducedMotion() && this.cells > 1) this.player.play(this.speed);
    this.report();
  }

  /** Redraws the canvases in the theme's new colours. */
  redraw(): void {
    this.inputView?.repaint();
    if (this.ops) for (const m of MODES) this.ops[m].repaint();
  }

  private get cells(): number {
    const [r, c] = this.data?.outputSize ?? [0, 0];
    return r > 0 && c > 0 ? r * c : 0;
  }

  private build(d: ConvByHandData): void {
    const s = this.s;
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.focusId;
    if (!this.form) {
      this.form = settingsForm(d.settings, s, (settings) => {
        saveState({ conv: settings });
        vscode.postMessage({ type: 'setConvSettings', settings });
      });
      this.root.replaceChildren(el('h2', {}, s.convByHandTitle!), el('p', { class: 'intro' }, s.convByHandIntro!), this.form.root, this.results);
    } else this.form.sync(d.settings);

    const axis = (name: 'rows' | 'cols', title: string): HTMLElement =>
      el('div', { class: 'byhand-axis', 'data-axis': name }, el('h4', {}, title), el('ol', {}, ...d[name].steps.map((line) => el('li', {}, line))));
    const problem = d.problem ? el('p', { class: 'error', role: 'alert', 'data-testid': 'conv-problem' }, fill(s.byHandDoesNotFit!, d.problem)) : undefined;
    const [oh, ow] = d.outputSize;
    const arithmetic = el('section', { class: 'byhand-arith', 'aria-label': s.byHandArithmetic! },
      el('h3', {}, s.byHandArithmetic!),
      el('p', { class: 'formula' }, s.byHandArithmeticFormula!),
      el('div', { class: 'byhand-axes' }, axis('rows', s.byHandRows!), axis('cols', s.byHandCols!)),
      ...(problem ? [] : [el('p', { class: 'byhand-outsize', 'data-testid': 'conv-output-size' }, fill(s.byHandOutputSize!, oh, ow, oh * ow))]));

    this.inputView = inputDisplay(d, s);
    const pick = (index: number): void => this.goTo(index);
    this.ops = { crossCorrelation: operationView(d, 'crossCorrelation', s, pick), convolution: operationView(d, 'convolution', s, pick) };

    const leadLabel = (m: ConvModeName): string => (m === 'convolution' ? s.byHandLeadConvolution! : s.byHandLeadCrossCorrelation!);
    const modes = custom('vscode-radio-group', { variant: 'vertical', 'aria-label': s.byHandLead! },
      ...MODES.map((m) => custom('vscode-radio', { name: 'mode', value: m, label: leadLabel(m), checked: d.mode === m }, leadLabel(m))));
    modes.addEventListener('change', (e) => {
      const value = (e.target as HTMLInputElement).value;
      if ((value === 'crossCorrelation' || value === 'convolution') && value !== this.data?.mode) {
        saveState({ mode: value });
        vscode.postMessage({ type: 'setConvMode', mode: value });
      }
    });

    const prev = custom('vscode-button', { secondary: true, 'data-focus-id': 'prev' }, s.previous!);
    prev.addEventListener('click', () => this.goTo(this.cell - 1));
    const next = custom('vscode-button', { 'data-focus-id': 'next' }, s.next!);
    next.addEventListener('click', () => this.goTo(this.cell + 1));
    const speed = el('select', { id: 'conv-speed', 'data-focus-id': 'speed' },
      ...SPEEDS.map((v) => el('option', { value: v }, fill(s.byHandPerSecond!, v))));
    speed.value = String(this.speed);
    speed.addEventListener('change', () => {
      this.speed = Number(speed.value);
      saveState({ speed: this.speed });
      if (this.player.playing) this.player.play(this.speed);
    });
    for (const b of [prev, next, this.playButton]) b.toggleAttribute('disabled', this.cells === 0);

    const note = d.problem ? undefined
      : el('p', { class: 'hint', 'data-testid': 'conv-compare' }, d.kernelSymmetric ? s.byHandSymmetric! : d.sameOutput ? s.byHandSameOutput! : s.byHandDifferent!);
    const stage = el('section', { class: 'stage byhand-stage', tabindex: 0, 'data-focus-id': 'stage', 'aria-label': s.byHandKeyboard! },
      el('div', { class: 'byhand-input' }, this.inputView.element, el('div', { class: 'byhand-lead' }, el('span', { class: 'field-label' }, s.byHandLead!), modes)),
      el('div', { class: 'byhand-ops' }, this.ops.crossCorrelation.element, this.ops.convolution.element));
    const keras = custom('vscode-button', { secondary: true, 'data-testid': 'conv-write-keras' }, s.writeKeras!);
    keras.addEventListener('click', () => vscode.postMessage({ type: 'writeConvByHandCode', framework: 'keras' }));
    const torch = custom('vscode-button', { secondary: true, 'data-testid': 'conv-write-pytorch' }, s.writePyTorch!);
    torch.addEventListener('click', () => vscode.postMessage({ type: 'writeConvByHandCode', framework: 'pytorch' }));

    // The window and both operations first, right under the settings that change them; the arithmetic explains the output's size after.
    this.results.replaceChildren(
      ...(problem ? [problem] : []),
      el('div', { class: 'controls' }, prev, this.playButton, next, el('label', { for: 'conv-speed', class: 'field-label' }, s.byHandSpeed!), speed, this.position),
      stage,
      ...(note ? [note] : []),
      el('p', { class: 'hint' }, s.byHandKeyboard!),
      arithmetic,
      el('div', { class: 'controls byhand-code' }, el('span', { class: 'field-label' }, s.byHandCodeOut!), keras, torch),
    );
    if (focusedId) this.results.querySelector<HTMLElement>(`[data-focus-id="${focusedId}"]`)?.focus();
  }

  /** Draws the current cell's window and sums. */
  private update(): void {
    const d = this.data;
    if (!d || !this.inputView || !this.ops || !this.input || !this.kernel) return;
    const cols = d.outputSize[1];
    const i = Math.floor(this.cell / Math.max(cols, 1));
    const j = this.cell % Math.max(cols, 1);
    const settings = { strides: d.settings.strides, padding: d.settings.padding, dilation: d.settings.dilation };
    const cellOf = (mode: ConvModeName): ConvCell | null => (this.cells > 0 ? convCell(this.input!, this.kernel!, { ...settings, mode }, i, j) : null);
    const cells = { crossCorrelation: cellOf('crossCorrelation'), convolution: cellOf('convolution') };
    this.inputView.show(cells[d.mode]);
    for (const m of MODES) this.ops[m].show(cells[m], this.cell);
    this.position.textContent = this.cells > 0 ? `${this.s.cell} (${i}, ${j}) · ${this.cell + 1} / ${this.cells}` : '';
  }

  private goTo(cell: number): void {
    const n = this.cells;
    if (n === 0) return;
    this.cell = ((cell % n) + n) % n;
    saveState({ cell: this.cell });
    this.update();
    this.report();
  }

  /** One step of Play; false at the last cell. */
  private step(): boolean {
    if (this.cell >= this.cells - 1) return false;
    this.goTo(this.cell + 1);
    return this.cell < this.cells - 1;
  }

  private togglePlay(): void {
    if (this.player.playing) this.player.pause();
    else {
      if (this.cell >= this.cells - 1) this.goTo(0);
      this.player.play(this.speed);
    }
  }

  private onPlaying(playing: boolean): void {
    this.playButton.textContent = playing ? this.s.byHandPause! : this.s.byHandPlay!;
    this.playButton.setAttribute('aria-pressed', String(playing));
    saveState({ playing });
    if (this.ops) for (const m of MODES) this.ops[m].announce(!playing);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.data || this.cells === 0) return;
    const target = e.target as HTMLElement;
    // Keys belong to the fields they are typed into; the window moves from the stage and the buttons.
    if (target.closest('vscode-radio-group, input, select, .byhand-settings')) return;
    if (e.key === ' ' && target.classList.contains('byhand-stage')) {
      e.preventDefault();
      this.togglePlay();
      return;
    }
    const cols = this.data.outputSize[1];
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, Home: -this.cell, End: this.cells - 1 - this.cell };
    const d = moves[e.key];
    if (d === undefined) return;
    e.preventDefault();
    this.player.pause();
    this.goTo(this.cell + d);
  }

  /** Tells the host what the page shows (read back from the DOM), at most every 150 ms while the window moves. */
  private report(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      const d = this.data;
      if (!d) return;
      const shown = this.readShown();
      vscode.postMessage({ type: 'rendered', view: 'convByHand', mode: d.mode, output: shown.outputs[d.mode], shown });
    }, this.player.playing ? 150 : 0);
  }

  private readShown(): ConvByHandShown {
    const grid = (name: string): string[][] =>
      Array.from(this.root.querySelectorAll(`[data-grid="${name}"] [role="row"]`), (row) => Array.from(row.querySelectorAll('[role="gridcell"] .value'), (c) => c.textContent ?? ''));
    const text = (selector: string): string => this.root.querySelector(selector)?.textContent ?? '';
    const lines = (axis: string): string[] => Array.from(this.root.querySelectorAll(`[data-axis="${axis}"] li`), (li) => li.textContent ?? '');
    const cols = this.data?.outputSize[1] ?? 1;
    return {
      outputs: { crossCorrelation: grid('output-crossCorrelation'), convolution: grid('output-convolution') },
      sums: { crossCorrelation: text('[data-testid="sum-crossCorrelation"]'), convolution: text('[data-testid="sum-convolution"]') },
      arithmetic: { rows: lines('rows'), cols: lines('cols') },
      cell: this.cells > 0 ? [Math.floor(this.cell / cols), this.cell % cols] : null,
      drawing: this.inputView?.drawing ?? 'grid',
      problem: this.root.querySelector('[data-testid="conv-problem"]')?.textContent ?? null,
    };
  }
}
