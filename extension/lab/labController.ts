/**
 * The lab panel's model view: which model it follows, and everything the page asks of it.
 * The panel follows the model file the learner works on (the one it was opened on, then
 * the active model editor); edits are re-analysed, debounced, and sent as a new model —
 * the page keeps its own place (selected layer, input, settings) in its state. The cursor
 * on a layer's code selects that layer in the page; a click on a block reveals the code.
 * Numbers come from the worker: initial or trained weights, feature maps, mask ensembles.
 */
import * as vscode from 'vscode';
import { maskCount } from '../../core/dropout/maskCount';
import { BAR_CLASSES, SHAPE_CLASSES } from '../../core/data/procedural';
import { MNIST_CLASS_NAMES } from '../../core/data/mnist';
import type { ImageSource } from '../../core/worker/viewInput';
import type { TrainedWeight } from '../../core/worker/weights';
import type { EnsembleSettings, EnsembleView, FeatureMapsView, FigureName, HostToWebview, ImageChoice, ModelView, SectionName, TrainSettings } from '../../webview/protocol';
import { Disposable } from '../disposable';
import { isModelDocument, toRange, type AnalysedFile, type ModelStore } from '../model/modelStore';
import type { LabPanels } from '../webview/labPanel';
import type { LabMessage, PageDeps, PageHost } from '../webview/pageHost';
import { denseWeightsView } from './denseWeights';
import { saveFigure } from './figures';
import { LastReplies } from './lastReplies';
import type { MnistLoader } from './mnist';
import { buildModelView } from './modelView';
import type { TrainedWeightsStore } from './trainedWeights';
import { defaultTrainSettings, type TrainingRuns } from './training';

export interface Followed {
  readonly uri: string;
  readonly modelIndex: number;
}

const toSource = (input: ImageChoice): ImageSource =>
  input.kind === 'pixels' ? { kind: 'pixels', pixels: Float32Array.from(input.pixels) } : { kind: input.kind, index: input.index };

/** Trained weights are transferred to the worker: send copies, never the kept arrays. */
const copies = (weights: readonly TrainedWeight[] | undefined): TrainedWeight[] | undefined =>
  weights?.map((w) => ({ ...w, values: w.values.slice() }));

export class LabController extends Disposable {
  private followed: Followed | undefined;
  private host: PageHost | undefined;
  private showingModel = false;
  /** The section the next model message should scroll to (set by visualize). */
  private pendingReveal: SectionName | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every new model or weights: a late worker reply for an older one is dropped. */
  private generation = 0;
  /** Counts postModel calls, so that an answer that arrives after a newer ask is dropped. */
  private modelAsks = 0;
  private readonly selectedEmitter = this.register(new vscode.EventEmitter<{ uri: string; modelIndex: number; layer: number }>());
  /** The learner picked a layer in the panel (a click or the arrow keys on the strip): the side view follows. */
  readonly onDidSelectLayer = this.selectedEmitter.event;
  /** The worker's answers by what they were computed from: started early, asked twice, done once. */
  private readonly kernelReplies = new LastReplies<readonly TrainedWeight[]>(4);
  private readonly mapReplies = new LastReplies<Omit<FeatureMapsView, 'uri' | 'modelIndex' | 'weights' | 'inputKind'>>(4);
  /** What the page was last sent as feature maps: the same again is not re-sent (it has them). */
  private lastMapsKey: readonly unknown[] | undefined;
  private lastModelUri: string | undefined;
  private readonly postedEmitter = this.register(new vscode.EventEmitter<HostToWebview>());
  /** Every message posted to the page (tests read the numbers from here). */
  readonly onDidPost = this.postedEmitter.event;
  private readonly exportedEmitter = this.register(new vscode.EventEmitter<{ name: FigureName; uri: vscode.Uri | undefined; error?: string }>());
  /** Each figure export's outcome: the file written, or none (nothing drawn, cancelled, failed). */
  readonly onDidExportFigure = this.exportedEmitter.event;

  constructor(
    private readonly deps: PageDeps,
    private readonly store: ModelStore,
    private readonly lab: LabPanels,
    private readonly trained: TrainedWeightsStore,
    private readonly training: TrainingRuns,
    private readonly mnist: MnistLoader,
    /** Where the last training settings are kept (workspaceState). */
    private readonly memento: vscode.Memento,
  ) {
    super();
    this.register(lab.onDidOpen((host) => this.attach(host)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.followed && e.document.uri.toString() === this.followed.uri) this.schedule(300);
    }));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (!editor || !isModelDocument(editor.document) || !this.showingModel) return;
      const uri = editor.document.uri.toString();
      if (uri === this.followed?.uri) return;
      this.followed = { uri, modelIndex: 0 };
      this.schedule(0);
    }));
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => void this.onSelection(e)));
    this.register(training.onDidUpdate(({ target, view }) => {
      if (this.isFollowed(target.uri, target.modelIndex)) void this.post({ type: 'training', data: view });
      if (view.state !== 'running' && this.isFollowed(target.uri, target.modelIndex)) void this.postKernels();
    }));
    this.register(training.onDidEpochWeights(({ target }) => {
      if (this.isFollowed(target.uri, target.modelIndex)) void this.postKernels();
    }));
    this.register({ dispose: () => this.timer !== undefined && clearTimeout(this.timer) });
  }

  /** A lesson took the panel: editor switches no longer pull it back to the model view. */
  stopFollowing(): void {
    this.showingModel = false;
  }

  get current(): Followed | undefined {
    return this.followed;
  }

  /** ConvLab: Visualize Model — opens the panel on this document's model. */
  async visualize(doc: vscode.TextDocument, modelIndex = 0, reveal?: SectionName): Promise<PageHost> {
    this.followed = { uri: doc.uri.toString(), modelIndex };
    this.showingModel = true;
    this.pendingReveal = reveal;
    const wasOpen = this.lab.current !== undefined;
    // VS Code takes about a second to create the webview: meanwhile the worker starts and
    // computes the kernels. (Not MNIST: its 11.5 MB pass through the workbench's thread, which
    // is busy creating the webview; the page asks for its feature maps once it shows the model.)
    this.prefetchKernels();
    const host = await this.lab.open('model');
    this.attach(host);
    if (wasOpen && host.isReady) await this.postModel();
    return host;
  }

  /** ConvLab: Train Model — with the panel's last settings (or the defaults). */
  async train(doc: vscode.TextDocument, modelIndex = 0, settings?: TrainSettings): Promise<void> {
    if (!this.followed || this.followed.uri !== doc.uri.toString() || !this.showingModel) await this.visualize(doc, modelIndex);
    const file = await this.store.get(doc);
    const model = file?.parse.models[modelIndex];
    const view = file && this.modelView(doc, file, modelIndex);
    if (!model || !view) return;
    if (!view.trainable) {
      void vscode.window.showWarningMessage(vscode.l10n.t('ConvLab cannot train {0}: {1}.', model.name, view.notTrainableReason ?? ''));
      return;
    }
    const asked = settings ?? this.memento.get<TrainSettings>('convlab.trainSettings') ?? defaultTrainSettings(this.seed(doc.uri));
    // MNIST's digits fit 28×28 models only; others train on shapes drawn at their own size.
    const chosen = view.datasets.includes(asked.dataset) ? asked : { ...asked, dataset: view.datasets.includes('shapes') ? 'shapes' as const : view.datasets[0]! };
    await this.memento.update('convlab.trainSettings', chosen);
    await this.training.train({ uri: doc.uri.toString(), modelIndex, model }, chosen);
  }

  private attach(host: PageHost): void {
    if (this.host === host) return;
    this.host = host;
    host.onDidReceiveLabMessage((m) => void this.onMessage(host, m).catch((error: unknown) => this.deps.log.error(`lab: ${String(error)}`)));
    host.onDidDispose(() => {
      if (this.host === host) {
        this.host = undefined;
        this.showingModel = false;
      }
    });
  }

  /** Starts the worker on the followed model's kernels without waiting; an error shows when the page asks. */
  private prefetchKernels(): void {
    void this.target().then((t) => {
      const model = t?.file.parse.models[t.view.modelIndex];
      if (t && t.view.runnable && (model?.layers.some((l) => l.spec.kind === 'conv2d') || t.view.denseImage)) return this.weightsFor(t);
      return undefined;
    }).catch(() => undefined);
  }

  private async onMessage(host: PageHost, m: LabMessage): Promise<void> {
    if (host !== this.host) return;
    switch (m.type) {
      case 'ready':
      case 'showView': {
        if (m.type === 'ready') {
          this.lastMapsKey = undefined; // a new page: it has nothing yet
          this.lastModelUri = undefined;
        }
        this.showingModel = true;
        if (m.type === 'ready' && m.uri) this.followed = { uri: m.uri, modelIndex: m.model ?? 0 };
        if (!this.followed) {
          const doc = vscode.window.activeTextEditor?.document;
          if (doc && isModelDocument(doc)) this.followed = { uri: doc.uri.toString(), modelIndex: 0 };
        }
        await this.postModel();
        return;
      }
      case 'revealLayer':
      case 'selectedLayer':
        if (this.followed) this.selectedEmitter.fire({ uri: this.followed.uri, modelIndex: m.model, layer: m.layer });
        if (m.type === 'revealLayer') await this.reveal(m.model, m.layer);
        return;
      case 'requestFeatureMaps':
        await this.featureMaps(m.input);
        return;
      case 'sampleMasks':
        await this.ensemble(m.settings, m.input);
        return;
      case 'train': {
        const doc = await this.document();
        if (doc && this.followed) await this.train(doc, this.followed.modelIndex, m.settings);
        return;
      }
      case 'cancelTraining':
        this.training.cancel();
        return;
      case 'exportPng': {
        let uri: vscode.Uri | undefined;
        try {
          uri = await saveFigure(m.name, m.dataUrl);
        } catch (error) {
          void vscode.window.showErrorMessage(vscode.l10n.t('ConvLab could not export the figure: {0}', describe(error)));
          this.exportedEmitter.fire({ name: m.name, uri: undefined, error: describe(error) });
          return;
        }
        this.exportedEmitter.fire({ name: m.name, uri });
        if (uri) void vscode.window.showInformationMessage(vscode.l10n.t('ConvLab saved the figure as {0}', vscode.workspace.asRelativePath(uri)), vscode.l10n.t('Open')).then((c) => c && vscode.commands.executeCommand('vscode.open', uri));
        return;
      }
      case 'exportEmpty':
        void vscode.window.showInformationMessage(vscode.l10n.t('ConvLab has not drawn this figure yet ({0}): open its section first.', m.name));
        this.exportedEmitter.fire({ name: m.name, uri: undefined, error: 'empty' });
        return;
    }
  }

  /**
   * ConvLab: Export Figure — asks the model view to draw one figure into a PNG (the same path
   * as its Export PNG button) and resolves with the file written, or undefined.
   */
  async exportFigure(figure?: FigureName): Promise<vscode.Uri | undefined> {
    if (!this.host || !this.showingModel || !this.host.isReady) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the lab on a model first (ConvLab: Visualize Model).'));
      return undefined;
    }
    const choices: { label: string; figure: FigureName }[] = [
      { label: vscode.l10n.t('Kernels'), figure: 'kernels' },
      { label: vscode.l10n.t('First dense layer\'s weights'), figure: 'dense-weights' },
      { label: vscode.l10n.t('Feature maps'), figure: 'feature-maps' },
      { label: vscode.l10n.t('Training curves'), figure: 'curves' },
      { label: vscode.l10n.t('Dropout mask ensemble'), figure: 'mask-ensemble' },
    ];
    const name = figure ?? (await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Which figure?') }))?.figure;
    if (!name) return undefined;
    const outcome = new Promise<vscode.Uri | undefined>((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(undefined);
      }, 30_000);
      const sub = this.onDidExportFigure((e) => {
        if (e.name !== name) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(e.uri);
      });
    });
    await this.host.post({ type: 'exportFigure', figure: name });
    return outcome;
  }

  private isFollowed(uri: string, modelIndex: number): boolean {
    return this.followed?.uri === uri && this.followed.modelIndex === modelIndex;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.postModel();
    }, ms);
  }

  private seed(uri: vscode.Uri): number {
    return vscode.workspace.getConfiguration('convlab', uri).get<number>('seed', 0);
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    if (!this.followed) return undefined;
    const uri = this.followed.uri;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (open) return open;
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    } catch {
      return undefined; // the file is gone (renamed, deleted, an untitled buffer after a reload)
    }
  }

  private modelView(doc: vscode.TextDocument, file: AnalysedFile, modelIndex: number): ModelView | null {
    return buildModelView(doc.uri.toString(), vscode.workspace.asRelativePath(doc.uri), file.parse.models, file.analyses, modelIndex);
  }

  private async post(message: HostToWebview): Promise<void> {
    if (!this.host || !this.showingModel) return;
    await this.host.post(message);
    this.postedEmitter.fire(message);
  }

  /** The model, then its training curves (if any) and its kernels. */
  async postModel(): Promise<void> {
    const asked = ++this.modelAsks;
    const doc = await this.document();
    const file = doc && await this.store.get(doc);
    // A newer edit asked too while the server answered: its post wins, this one is stale.
    if (asked !== this.modelAsks) return;
    let modelIndex = this.followed?.modelIndex ?? 0;
    if (file && modelIndex >= file.parse.models.length) modelIndex = 0;
    const view = doc && file ? this.modelView(doc, file, modelIndex) : null;
    this.generation++;
    // The page drops its feature maps when the file changes (or none is shown): mirror that.
    if (view?.uri !== this.lastModelUri) this.lastMapsKey = undefined;
    this.lastModelUri = view?.uri;
    await this.post({ type: 'model', data: view });
    if (!view) return;
    // Opened to show one section (e.g. from the dropout lesson): scroll there once the model is drawn.
    if (this.pendingReveal) {
      await this.post({ type: 'revealSection', section: this.pendingReveal });
      this.pendingReveal = undefined;
    }
    const training = this.training.lastView(view.uri, modelIndex);
    const info = this.trained.get(view.uri, view.name)?.info;
    if (training) await this.post({ type: 'training', data: training });
    else if (info) {
      await this.post({
        type: 'training',
        data: { uri: view.uri, modelIndex, state: 'done', settings: info.settings, epochs: info.history, bestEpoch: info.bestEpoch, stoppedEpoch: info.stoppedEpoch, restoredEpoch: info.restoredEpoch, test: info.test, message: null },
      });
    }
    await this.postKernels();
  }

  private async target(): Promise<{ doc: vscode.TextDocument; view: ModelView; file: AnalysedFile } | undefined> {
    const doc = await this.document();
    const file = doc && await this.store.get(doc);
    const view = doc && file && this.followed ? this.modelView(doc, file, this.followed.modelIndex) : null;
    return doc && file && view ? { doc, view, file } : undefined;
  }

  /** The conv layers' kernels and the first dense layer's weights as images, from one worker request. */
  async postKernels(): Promise<void> {
    const t = await this.target();
    if (!t) return;
    const { doc, view, file } = t;
    const model = file.parse.models[view.modelIndex]!;
    const analysis = file.analyses[view.modelIndex]!;
    const hasConv = model.layers.some((l) => l.spec.kind === 'conv2d');
    const hasDense = view.denseImage !== null;
    if (!hasConv && !hasDense) return;
    const sections = [...(hasConv ? ['kernels' as const] : []), ...(hasDense ? ['denseWeights' as const] : [])];
    if (!view.runnable && view.layers.some((l) => l.problems.some((p) => p.severity === 'error'))) {
      for (const section of sections) {
        await this.post({ type: 'sectionError', section, message: section === 'kernels' ? vscode.l10n.t('Fix the model\'s errors to see its kernels.') : vscode.l10n.t('Fix the model\'s errors to see its weights.') });
      }
      return;
    }
    const generation = this.generation;
    const seed = this.seed(doc.uri);
    const current = this.training.weightsInUse(view.uri, view.modelIndex, view.name);
    try {
      const weights = await this.weightsFor(t);
      if (generation !== this.generation && current.kind !== 'training') return;
      if (hasConv) {
        const layers = model.layers.flatMap((l, index) => {
          const w = weights.find((x) => x.layer === l.name && x.param === 'kernel');
          return l.spec.kind === 'conv2d' && w && w.shape.length === 4
            ? [{ layer: index, name: l.name, shape: w.shape as unknown as [number, number, number, number], values: w.values }]
            : [];
        });
        await this.post({ type: 'kernels', data: { uri: view.uri, modelIndex: view.modelIndex, weights: current.kind, seed, epoch: current.epoch, layers } });
      }
      if (hasDense) {
        const data = denseWeightsView({ uri: view.uri, modelIndex: view.modelIndex, weights: current.kind, seed, epoch: current.epoch }, model, analysis, weights);
        if (data) await this.post({ type: 'denseWeights', data });
        else await this.post({ type: 'sectionError', section: 'denseWeights', message: vscode.l10n.t('The worker sent no kernel for {0}.', view.denseImage!.name) });
      }
    } catch (error) {
      for (const section of sections) await this.post({ type: 'sectionError', section, message: describe(error) });
    }
  }

  /** Every weight of the model under the current weights (initial, kept or this epoch's), from the worker: kernels and dense weights both come from it. */
  private weightsFor(t: { doc: vscode.TextDocument; view: ModelView; file: AnalysedFile }): Promise<readonly TrainedWeight[]> {
    const model = t.file.parse.models[t.view.modelIndex]!;
    const seed = this.seed(t.doc.uri);
    const current = this.training.weightsInUse(t.view.uri, t.view.modelIndex, t.view.name);
    return this.kernelReplies.get([model, current.weights, seed], async () => (await this.deps.worker.request('initialWeights', { model, seed, weights: copies(current.weights) })).weights);
  }

  /** Every layer's output for this input under the current weights, from the worker (MNIST loaded first if needed). */
  private mapsFor(t: { doc: vscode.TextDocument; view: ModelView; file: AnalysedFile }, input: ImageChoice): Promise<Omit<FeatureMapsView, 'uri' | 'modelIndex' | 'weights' | 'inputKind'>> {
    const model = t.file.parse.models[t.view.modelIndex]!;
    const seed = this.seed(t.doc.uri);
    const current = this.training.weightsInUse(t.view.uri, t.view.modelIndex, t.view.name);
    return this.mapReplies.get(this.mapsKey(t, input), async () => {
      if (input.kind === 'mnist') await this.mnist.ensure();
      const reply = await this.deps.worker.request('featureMaps', { model, seed, weights: copies(current.weights), input: toSource(input) });
      return { input: reply.input, label: reply.label, outputs: reply.outputs.map((o, layer) => ({ layer, name: o.layer, shape: o.shape, values: o.values })) };
    });
  }

  private mapsKey(t: { doc: vscode.TextDocument; view: ModelView; file: AnalysedFile }, input: ImageChoice): readonly unknown[] {
    const current = this.training.weightsInUse(t.view.uri, t.view.modelIndex, t.view.name);
    const inputKey = input.kind === 'pixels' ? `pixels:${input.pixels.join(',')}` : `${input.kind}:${input.index}`;
    return [t.file.parse.models[t.view.modelIndex], current.weights, this.seed(t.doc.uri), inputKey];
  }

  private async featureMaps(input: ImageChoice): Promise<void> {
    const t = await this.target();
    if (!t) return;
    const { view } = t;
    if (!view.runnable) {
      await this.post({ type: 'sectionError', section: 'featureMaps', message: vscode.l10n.t('ConvLab cannot run this model: {0}.', view.notRunnableReason ?? '') });
      return;
    }
    const current = this.training.weightsInUse(view.uri, view.modelIndex, view.name);
    const key = this.mapsKey(t, input);
    try {
      const maps = await this.mapsFor(t, input);
      // The page asks again when new kernels arrive; the same weights give the same maps, which it has.
      if (this.lastMapsKey && key.every((k, i) => k === this.lastMapsKey![i])) return;
      await this.post({ type: 'featureMaps', data: { uri: view.uri, modelIndex: view.modelIndex, weights: current.kind, inputKind: input.kind, ...maps } });
      this.lastMapsKey = key;
    } catch (error) {
      await this.post({ type: 'sectionError', section: 'featureMaps', message: describe(error) });
    }
  }

  /** Samples a Dropout layer's masks; resolves with the view posted (for the tests). */
  async ensemble(settings: EnsembleSettings, input: ImageChoice): Promise<EnsembleView | undefined> {
    const t = await this.target();
    if (!t) return undefined;
    const { doc, view, file } = t;
    const layer = view.layers[settings.layer];
    if (!view.runnable || !layer?.dropout) {
      await this.post({ type: 'sectionError', section: 'ensemble', message: view.runnable ? vscode.l10n.t('Pick a Dropout layer.') : vscode.l10n.t('ConvLab cannot run this model: {0}.', view.notRunnableReason ?? '') });
      return undefined;
    }
    const current = this.training.weightsInUse(view.uri, view.modelIndex, view.name);
    try {
      if (input.kind === 'mnist') await this.mnist.ensure();
      const r = await this.deps.worker.request('dropoutEnsemble', {
        model: file.parse.models[view.modelIndex]!, seed: this.seed(doc.uri), weights: copies(current.weights), input: toSource(input),
        layer: settings.layer, samples: settings.samples, maskSeed: settings.seed, convention: settings.convention,
      });
      const shape = layer.outputShapeCHW ?? [r.units];
      const data: EnsembleView = {
        uri: view.uri, modelIndex: view.modelIndex, settings, layerName: r.layer, units: r.units, keepProb: r.keepProb,
        classNames: classNamesFor(input, r.outputSize), label: r.label, outputSize: r.outputSize,
        outputs: Array.from(r.outputs), runningMean: Array.from(r.runningMean), masks: Array.from(r.masks), maskRows: r.maskRows,
        maskShape: layer.dropout.granularity === 'channel' ? [shape[0]!] : shape,
        mean: Array.from(r.mean), std: Array.from(r.std), weightScaling: Array.from(r.weightScaling),
        exact: r.exact && { mean: Array.from(r.exact.mean), std: Array.from(r.exact.std), maskCount: r.exact.maskCount },
        maskCountText: maskCount(r.units).text,
        gaps: r.gaps,
      };
      await this.post({ type: 'ensemble', data });
      return data;
    } catch (error) {
      await this.post({ type: 'sectionError', section: 'ensemble', message: describe(error) });
      return undefined;
    }
  }

  private async onSelection(e: vscode.TextEditorSelectionChangeEvent): Promise<void> {
    const uri = e.textEditor.document.uri.toString();
    if (!this.showingModel || !this.followed || uri !== this.followed.uri) return;
    const hit = await this.store.layerAt(e.textEditor.document, e.selections[0]!.active);
    if (!hit) return;
    void this.post({ type: 'selectLayer', uri, layer: hit.index });
  }

  private async reveal(modelIndex: number, layerIndex: number): Promise<void> {
    const doc = await this.document();
    const layer = doc && (await this.store.get(doc))?.parse.models[modelIndex]?.layers[layerIndex];
    const range = layer?.appliedAt && !layer.range ? layer.appliedAt : layer?.range;
    if (!doc || !range) return;
    const visible = vscode.window.visibleTextEditors.find((ed) => ed.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, preview: false });
    const r = toRange(range);
    editor.selection = new vscode.Selection(r.start, r.end);
    editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function classNamesFor(input: ImageChoice, outputs: number): string[] {
  const names = input.kind === 'bars' ? BAR_CLASSES : input.kind === 'shapes' ? SHAPE_CLASSES : MNIST_CLASS_NAMES;
  return Array.from({ length: outputs }, (_, i) => names[i] ?? String(i));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
