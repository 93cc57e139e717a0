/**
 * The lab's model view: the architecture strip of the followed model, then its kernels,
 * feature maps, training and dropout mask ensembles. It draws what the host sends and keeps
 * the learner's place (selected layer, input, settings) in the webview state, so an edit, a
 * hidden tab or a window reload does not lose it.
 */
import { custom, el } from '../dom';
import type { DenseWeightsView, EnsembleSettings, EnsembleView, FeatureMapsView, FigureName, ImageChoice, KernelsView, ModelView, PageStrings, SectionName, TrainingView } from '../protocol';
import { saveState, vscode } from '../vscodeApi';
import { markSelected, renderArchitecture, fieldText } from './architecture';
import { renderCurves } from './curves';
import { renderDenseWeights, UNITS_STEP } from './denseWeights';
import { renderEnsemble } from './ensemble';
import { drawInput, inputImageShape, renderFeatureMaps, type SelectedUnit } from './featureMaps';
import { InputPicker } from './inputPicker';
import { renderKernels } from './kernels';
import { DEFAULT_SETTINGS, trainForm } from './trainForm';

/** Which of the page's canvas lists makes each exported figure. */
const FIGURE_CANVASES: Record<FigureName, string> = { kernels: 'kernels', 'dense-weights': 'dense', 'feature-maps': 'maps', curves: 'curves', 'mask-ensemble': 'ensemble' };

const section = (id: string, title: string, ...children: HTMLElement[]): HTMLElement =>
  el('section', { class: 'lab-section', id, 'aria-labelledby': `${id}-title` }, el('h3', { id: `${id}-title` }, title), ...children);

export class ModelLab {
  private model: ModelView | null = null;
  private kernels: KernelsView | undefined;
  private dense: DenseWeightsView | undefined;
  private denseUnits: number;
  private maps: FeatureMapsView | undefined;
  private training: TrainingView | undefined;
  private ensemble: EnsembleView | undefined;
  private selected: number;
  private unit: SelectedUnit | undefined;
  private readonly header = el('div', { class: 'model-header' });
  private readonly strip = el('div', { class: 'strip-area' });
  private readonly detail = el('p', { class: 'layer-detail', 'aria-live': 'polite', 'data-testid': 'layer-detail' });
  private readonly status = el('p', { class: 'hover-status', 'aria-live': 'polite' });
  private readonly kernelArea = el('div', { class: 'kernels' });
  private readonly denseArea = el('div', { class: 'dense-weights' });
  private readonly mapArea = el('div', { class: 'fmaps' });
  private readonly inputCanvas = el('canvas', { class: 'input-canvas', role: 'img' });
  private readonly inputLabel = el('p', { class: 'hint', 'data-testid': 'input-label' });
  private readonly curveArea = el('div', { class: 'curve-area' });
  private readonly trainStatus = el('p', { class: 'train-status', 'aria-live': 'polite', 'data-testid': 'train-status' });
  private readonly ensembleArea = el('div', { class: 'ensemble-area' });
  private readonly ensembleControls = el('div', { class: 'controls ensemble-controls' });
  private readonly sections: Record<SectionName, HTMLElement>;
  private readonly picker: InputPicker;
  private readonly form: ReturnType<typeof trainForm>;
  private canvases: Record<string, HTMLCanvasElement[]> = {};

  constructor(readonly root: HTMLElement, private readonly s: PageStrings) {
    const state = vscode.getState() ?? {};
    this.selected = state.layer ?? 0;
    this.denseUnits = state.denseUnits ?? UNITS_STEP;
    this.picker = new InputPicker(state.input ?? { kind: 'mnist', index: 0 }, s, (choice) => {
      saveState({ input: choice.kind === 'pixels' ? { kind: 'pixels', pixels: choice.pixels } : choice });
      this.unit = undefined;
      this.requestMaps();
    });
    this.form = trainForm({ ...DEFAULT_SETTINGS, ...(state.train ?? {}) }, s, (settings) => {
      saveState({ train: settings });
      vscode.postMessage({ type: 'train', settings });
    }, () => vscode.postMessage({ type: 'cancelTraining' }));
    const exportButton = (name: FigureName): HTMLElement => {
      const b = custom('vscode-button', { secondary: true, 'aria-label': `${s.exportPng} (${name})`, 'data-figure': name }, s.exportPng!);
      b.addEventListener('click', () => this.exportFigure(name));
      return b;
    };
    this.sections = {
      kernels: section('kernels', s.kernelsTitle!, el('p', { class: 'intro' }, s.kernelsIntro!), this.kernelArea, el('div', { class: 'controls' }, exportButton('kernels'))),
      denseWeights: section('denseWeights', s.denseTitle!, el('p', { class: 'intro' }, s.denseIntro!), this.denseArea, el('div', { class: 'controls' }, exportButton('dense-weights'))),
      featureMaps: section('featureMaps', s.featureMapsTitle!, el('p', { class: 'intro' }, s.featureMapsIntro!),
        el('div', { class: 'fmap-top' }, el('div', {}, this.picker.root, this.inputCanvas, this.inputLabel)), this.mapArea, el('div', { class: 'controls' }, exportButton('feature-maps'))),
      training: section('training', s.trainingTitle!, el('p', { class: 'intro' }, s.trainingIntro!), this.form.root, this.trainStatus, this.curveArea, el('div', { class: 'controls' }, exportButton('curves'))),
      ensemble: section('ensemble', s.ensembleTitle!, el('p', { class: 'intro' }, s.ensembleIntro!), this.ensembleControls, this.ensembleArea, el('div', { class: 'controls' }, exportButton('mask-ensemble'))),
    };
    root.replaceChildren(this.header, this.strip, this.detail, this.status, ...Object.values(this.sections));
    this.inputCanvas.addEventListener('click', () => {
      this.unit = undefined;
      this.drawInputImage();
    });
  }

  show(model: ModelView | null): void {
    const sameFile = this.model?.uri === model?.uri;
    this.model = model;
    if (!model) {
      this.header.replaceChildren(el('p', { class: 'hint' }, this.s.noModel!));
      this.strip.replaceChildren();
      Object.values(this.sections).forEach((x) => (x.hidden = true));
      return;
    }
    saveState({ view: 'model', uri: model.uri, model: model.modelIndex });
    if (!sameFile) {
      this.status.textContent = ''; // a hover reading from the other file's model
      this.kernels = undefined;
      this.dense = undefined;
      this.maps = undefined;
      this.training = undefined;
      this.ensemble = undefined;
    }
    // Keep the learner's place: the same layer by name after an edit, else the same position.
    const byName = model.layers.findIndex((l) => l.name === vscode.getState()?.layerName);
    this.selected = byName >= 0 ? byName : Math.min(this.selected, model.layers.length - 1);
    this.header.replaceChildren(
      el('h2', {}, `${model.name} `, el('span', { class: 'layer-type' }, `· ${model.fileName} · ${this.s.inputLabel} ${model.inputShape} · ${model.totalParams.toLocaleString('en-US')} ${this.s.parameters}`)),
      ...model.modelProblems.map((p) => el('p', { class: 'error' }, `⛔ ${p}`)),
      model.runnable ? el('span') : el('p', { class: 'hint' }, `${this.s.cannotRun} ${model.notRunnableReason}`),
      model.runnable && !model.trainable ? el('p', { class: 'hint' }, `${this.s.cannotTrain} ${model.notTrainableReason}`) : el('span'),
      ...model.runtimeNotes.map((n) => el('p', { class: 'hint' }, n)),
    );
    this.form.setDatasets(model.datasets);
    renderArchitecture(this.strip, model, this.selected, this.s, (layer, reveal) => this.pick(layer, reveal));
    this.describeSelected();
    const hasConv = model.layers.some((l) => l.kind === 'conv2d');
    const dropouts = model.layers.filter((l) => l.dropout);
    this.sections.kernels.hidden = !hasConv;
    this.sections.denseWeights.hidden = model.denseImage === null;
    this.sections.featureMaps.hidden = !model.runnable;
    this.sections.training.hidden = !model.trainable;
    this.sections.ensemble.hidden = !model.runnable || dropouts.length === 0;
    this.renderEnsembleControls();
    if (!sameFile) this.renderAll();
    this.report();
    this.requestMaps();
  }

  select(layer: number): void {
    if (!this.model || layer >= this.model.layers.length) return;
    this.selected = layer;
    saveState({ layer, layerName: this.model.layers[layer]?.name });
    markSelected(this.strip, layer);
    this.describeSelected();
  }

  showKernels(data: KernelsView): void {
    if (data.uri !== this.model?.uri) return;
    this.kernels = data;
    this.canvases.kernels = [];
    renderKernels(this.kernelArea, data, this.s, this.status);
    this.canvases.kernels = Array.from(this.kernelArea.querySelectorAll('canvas.kernel-canvas'));
    this.report();
    // New weights: the feature maps change with them.
    this.requestMaps();
  }

  showDenseWeights(data: DenseWeightsView): void {
    if (data.uri !== this.model?.uri) return;
    this.dense = data;
    this.renderDense();
    this.report();
  }

  showFeatureMaps(data: FeatureMapsView): void {
    if (!this.model || data.uri !== this.model.uri) return;
    this.maps = data;
    this.renderMaps();
    this.report();
  }

  showTraining(data: TrainingView): void {
    if (data.uri !== this.model?.uri) return;
    this.training = data;
    this.form.setRunning(data.state === 'running');
    const last = data.epochs.at(-1);
    const s = this.s;
    const state = data.state === 'running' ? `${s.trainingNow} ${data.epochs.length}/${data.settings.epochs}` : data.state === 'done' ? s.trainingDone : data.state === 'cancelled' ? s.trainingCancelled : `${s.trainingFailed} ${data.message ?? ''}`;
    const acc = last?.valAccuracy ?? last?.accuracy;
    this.trainStatus.textContent = `${state}${acc !== undefined && acc !== null ? ` · ${s.valAccuracy} ${(acc * 100).toFixed(1)}%` : ''}${data.test ? ` · ${s.testAccuracy} ${(data.test.accuracy * 100).toFixed(1)}%` : ''}${data.stoppedEpoch !== null ? ` · ${s.stoppedAt} ${data.stoppedEpoch + 1}` : ''}${data.restoredEpoch !== null ? ` · ${s.restoredFrom} ${data.restoredEpoch + 1}` : ''}`;
    this.trainStatus.dataset.state = data.state;
    this.canvases.curves = renderCurves(this.curveArea, data, this.s);
  }

  showEnsemble(data: EnsembleView): void {
    if (data.uri !== this.model?.uri) return;
    this.ensemble = data;
    this.canvases.ensemble = renderEnsemble(this.ensembleArea, data, this.s);
  }

  /** Brings a section into view with focus on its heading, so a screen reader announces where the learner landed. */
  reveal(sectionName: SectionName): void {
    const node = this.sections[sectionName];
    if (node.hidden) return;
    const heading = node.querySelector<HTMLElement>('h3');
    heading?.setAttribute('tabindex', '-1');
    node.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  showError(sectionName: SectionName, message: string): void {
    const area = sectionName === 'kernels' ? this.kernelArea : sectionName === 'denseWeights' ? this.denseArea : sectionName === 'featureMaps' ? this.mapArea : sectionName === 'ensemble' ? this.ensembleArea : this.trainStatus;
    area.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
  }

  /** Redraws every canvas (the theme changed: the colours come from it). */
  redraw(): void {
    if (this.kernels) renderKernels(this.kernelArea, this.kernels, this.s, this.status);
    this.canvases.kernels = Array.from(this.kernelArea.querySelectorAll('canvas.kernel-canvas'));
    this.renderDense();
    this.renderMaps();
    if (this.training) this.canvases.curves = renderCurves(this.curveArea, this.training, this.s);
    if (this.ensemble) this.canvases.ensemble = renderEnsemble(this.ensembleArea, this.ensemble, this.s);
  }

  private renderAll(): void {
    renderKernels(this.kernelArea, undefined, this.s, this.status);
    this.denseArea.replaceChildren(el('p', { class: 'loading' }, this.s.loading!));
    this.mapArea.replaceChildren(el('p', { class: 'loading' }, this.s.loading!));
    this.curveArea.replaceChildren();
    this.trainStatus.textContent = '';
    this.ensembleArea.replaceChildren(el('p', { class: 'hint' }, this.s.ensembleHint!));
  }

  private renderDense(): void {
    const d = this.dense;
    if (!d) return;
    const which = d.weights === 'trained' ? this.s.trainedWeights! : d.weights === 'training' ? `${this.s.trainingWeights} ${(d.epoch ?? 0) + 1}` : `${this.s.initialWeights} ${d.seed}`;
    const drawn = renderDenseWeights(d, this.denseUnits, this.s, this.status, () => {
      this.denseUnits = Math.min(d.shownUnits, this.denseUnits + UNITS_STEP);
      saveState({ denseUnits: this.denseUnits });
      this.renderDense();
      this.report();
    });
    this.canvases.dense = drawn.canvases;
    this.denseArea.replaceChildren(el('p', { class: 'weights-note', 'data-weights': d.weights }, which), drawn.root);
  }

  private renderMaps(): void {
    if (!this.model || !this.maps) return;
    this.canvases.maps = renderFeatureMaps(this.mapArea, this.model, this.maps, this.s, this.status, this.unit, (u) => {
      this.unit = u;
      // The maps are drawn anew: keep the keyboard on the layer it was moving through.
      const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('canvas.fmap-canvas')?.dataset.layer;
      this.renderMaps();
      if (focused !== undefined) this.mapArea.querySelector<HTMLElement>(`canvas.fmap-canvas[data-layer="${focused}"]`)?.focus();
    }, this.ensemble?.classNames ?? classNamesOf(this.maps.inputKind));
    this.drawInputImage();
  }

  private drawInputImage(): void {
    if (!this.maps || !this.model) return;
    const layer = this.unit ? this.model.layers[this.unit.layer] : undefined;
    drawInput(this.inputCanvas, this.maps.input, inputImageShape(this.model?.inputShapeCHW ?? []), layer && this.unit ? { layer, unit: this.unit } : undefined);
    const label = this.maps.label === null ? this.s.drawn : `${this.s.label} ${this.maps.label}`;
    const field = layer && this.unit ? ` · ${this.s.fieldOf} ${layer.name} ${this.s.channel} ${this.unit.channel + 1} (${this.unit.row}, ${this.unit.col}): ${fieldText(layer)}` : ` · ${this.s.clickUnit}`;
    this.inputLabel.textContent = `${label}${field}`;
    this.inputCanvas.setAttribute('aria-label', this.inputLabel.textContent);
  }

  private requestMaps(): void {
    if (!this.model?.runnable) return;
    vscode.postMessage({ type: 'requestFeatureMaps', input: this.picker.current });
  }

  private pick(layer: number, reveal: boolean): void {
    this.select(layer);
    if (!this.model) return;
    vscode.postMessage(reveal ? { type: 'revealLayer', model: this.model.modelIndex, layer } : { type: 'selectedLayer', model: this.model.modelIndex, layer });
  }

  private describeSelected(): void {
    const l = this.model?.layers[this.selected];
    if (!l) return;
    const s = this.s;
    const parts = [`${l.name} (${l.type})`, `${s.outputWord} ${l.outputShape}`, l.paramsFormula ? `${s.parameters} ${l.paramsFormula}` : `${l.params ?? '?'} ${s.parameters}`, `${s.receptiveField} ${fieldText(l)}`];
    if (l.dropout) parts.push(`${s.dropRate} ${l.dropout.rate} → ${s.keepProb} p = ${+(1 - l.dropout.rate).toFixed(4)}`);
    parts.push(...l.problems.map((p) => `${p.severity === 'error' ? '⛔' : 'ℹ'} ${p.message}`));
    this.detail.textContent = parts.join(' · ');
    this.sections.kernels.querySelectorAll<HTMLElement>('.kernel-layer').forEach((f) => f.classList.toggle('selected', Number(f.dataset.layer) === this.selected));
  }

  private renderEnsembleControls(): void {
    const m = this.model;
    if (!m) return;
    const s = this.s;
    const saved = vscode.getState()?.ensemble;
    const dropouts = m.layers.filter((l) => l.dropout);
    if (dropouts.length === 0) return;
    const layer = el('select', { 'aria-label': s.dropoutLayer, 'data-testid': 'ensemble-layer' }, ...dropouts.map((l) => el('option', { value: l.index }, `${l.name} (${s.dropRate} ${l.dropout!.rate})`)));
    if (saved && dropouts.some((l) => l.index === saved.layer)) layer.value = String(saved.layer);
    const samples = el('input', { type: 'number', min: 1, max: 2000, value: saved?.samples ?? 100, class: 'narrow', 'aria-label': s.samplesN, id: 'ens-n' });
    const seed = el('input', { type: 'number', min: 0, value: saved?.seed ?? 0, class: 'narrow', 'aria-label': s.maskSeedWord, id: 'ens-seed' });
    const convention = el('select', { 'aria-label': s.convention, 'data-testid': 'ensemble-convention' },
      el('option', { value: 'inverted' }, s.invertedRule!), el('option', { value: 'standard' }, s.standardRule!));
    convention.value = saved?.convention ?? 'inverted';
    const go = custom('vscode-button', { 'data-testid': 'sample-masks' }, s.sampleMasks!);
    const read = (): EnsembleSettings => ({
      layer: Number(layer.value), samples: Math.max(1, Math.min(2000, Math.round(Number(samples.value) || 1))),
      seed: Math.max(0, Math.round(Number(seed.value) || 0)), convention: convention.value === 'standard' ? 'standard' : 'inverted',
    });
    go.addEventListener('click', () => {
      const settings = read();
      saveState({ ensemble: settings });
      vscode.postMessage({ type: 'sampleMasks', settings, input: this.picker.current });
    });
    this.ensembleControls.replaceChildren(
      el('label', { class: 'field' }, el('span', {}, s.dropoutLayer!), layer),
      el('label', { class: 'field', for: 'ens-n' }, el('span', {}, s.samplesN!), samples),
      el('label', { class: 'field', for: 'ens-seed' }, el('span', {}, s.maskSeedWord!), seed),
      el('label', { class: 'field' }, el('span', {}, s.convention!), convention),
      go);
  }

  /** Draws a section's figure into one PNG and sends it to the host (its button, or ConvLab: Export Figure). */
  exportFigure(name: FigureName): void {
    const key = FIGURE_CANVASES[name];
    const list = (this.canvases[key] ?? []).filter((c) => c.isConnected && c.width > 0 && c.height > 0);
    if (list.length === 0) {
      vscode.postMessage({ type: 'exportEmpty', name });
      return;
    }
    // One figure on the theme's background: the section's canvases stacked, or in a grid of
    // small ones (a dense layer's one-channel unit images, as the page lays them out).
    const gap = 12;
    const columns = key === 'dense' && this.dense?.imageShape[0] === 1 ? 8 : 1;
    const cellW = Math.max(...list.map((c) => c.width));
    const cellH = Math.max(...list.map((c) => c.height));
    const rows = Math.ceil(list.length / columns);
    const width = columns === 1 ? cellW : columns * (cellW + gap) - gap;
    const height = columns === 1 ? list.reduce((h, c) => h + c.height + gap, -gap) : rows * (cellH + gap) - gap;
    const out = document.createElement('canvas');
    out.width = width;
    out.height = Math.max(1, height);
    const ctx = out.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, width, height);
    let y = 0;
    list.forEach((c, i) => {
      if (columns === 1) {
        ctx.drawImage(c, 0, y);
        y += c.height + gap;
      } else {
        ctx.drawImage(c, (i % columns) * (cellW + gap), Math.floor(i / columns) * (cellH + gap));
      }
    });
    vscode.postMessage({ type: 'exportPng', name, dataUrl: out.toDataURL('image/png') });
  }

  /** Tells the host what the page draws (its log, and the tests, read it). */
  private report(): void {
    if (!this.model) return;
    vscode.postMessage({
      type: 'rendered', view: 'model',
      blocks: Array.from(this.strip.querySelectorAll('.block[data-layer] .block-name'), (b) => (b.textContent ?? '').replace(/\u200b/g, '')),
      kernelCanvases: this.kernelArea.querySelectorAll('canvas.kernel-canvas').length,
      featureMapCanvases: this.mapArea.querySelectorAll('canvas.fmap-canvas').length,
      denseUnits: this.denseArea.querySelectorAll('canvas.dense-canvas').length,
    });
  }
}

function classNamesOf(kind: ImageChoice['kind']): readonly string[] | null {
  if (kind === 'bars') return ['horizontal', 'vertical', 'diagonal', 'anti-diagonal'];
  if (kind === 'shapes') return ['square', 'circle', 'triangle', 'cross'];
  return null;
}
