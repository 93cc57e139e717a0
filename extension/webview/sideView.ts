/**
 * The side view in ConvLab's activity-bar container: the summary of the model in the
 * active editor (it follows the active editor and its edits), a strip of the selected
 * layer's kernels, buttons that open the lab and train (on the model shown here), and the
 * way into the lessons. A click on a layer selects its code.
 */
import * as vscode from 'vscode';
import { summarizeModel } from '../../core/analysis';
import type { LayerKind } from '../../core/model/ir';
import { Disposable } from '../disposable';
import type { TrainingRuns } from '../lab/training';
import { isModelDocument, toRange, type ModelStore } from '../model/modelStore';
import type { SideKernelsView, SummaryView } from '../../webview/protocol';
import { PageHost, type PageDeps } from './pageHost';
import { sideKernelsView, type StripSelection, type StripWeights } from './sideKernels';

/** What the side view needs of the lab: the weights in use (training's or kept), the panel's selection. */
export interface SideLab {
  readonly training: TrainingRuns;
  readonly onDidSelectLayer: vscode.Event<{ uri: string; modelIndex: number; layer: number }>;
}

export const SIDE_VIEW_ID = 'convlab.sideView';

export class SideViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private host: PageHost | undefined;
  private readonly resolvedEmitter = this.register(new vscode.EventEmitter<PageHost>());
  readonly onDidResolve = this.resolvedEmitter.event;
  private readonly summaryEmitter = this.register(new vscode.EventEmitter<SummaryView | null>());
  /** Fires with every summary sent to the page. */
  readonly onDidPostSummary = this.summaryEmitter.event;
  private readonly kernelsEmitter = this.register(new vscode.EventEmitter<SideKernelsView | null>());
  /** Fires with every kernel strip sent to the page. */
  readonly onDidPostKernels = this.kernelsEmitter.event;
  /** The last model document the learner had active (the side view keeps showing it while the view itself has focus). */
  private document: vscode.TextDocument | undefined;
  /** The layer selected in that document (cursor or lab panel); none = the first convolution. */
  private selection: StripSelection | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stripTimer: ReturnType<typeof setTimeout> | undefined;
  private summaryAsks = 0;

  constructor(private readonly deps: PageDeps, private readonly store: ModelStore, private readonly lab: SideLab) {
    super();
    this.register(vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, this));
    this.document = this.modelDocumentOf(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      // Keep the last model while focus is elsewhere (the panel, the side view itself).
      if (!editor) return;
      const doc = this.modelDocumentOf(editor);
      if (doc !== this.document) {
        this.document = doc;
        this.selection = undefined;
        this.schedule(0);
        // The server answers the layer at the cursor; the strip follows when it does.
        if (doc) void this.layerAt(editor).then((hit) => hit && this.document === doc && this.select(hit));
      }
    }));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === this.document) this.schedule(300);
    }));
    this.register(vscode.window.onDidChangeTextEditorSelection(async (e) => {
      if (e.textEditor.document !== this.document) return;
      const hit = await this.layerAt(e.textEditor);
      // Off any layer (a blank line, the imports): keep the last one rather than flicker.
      if (hit && e.textEditor.document === this.document) this.select(hit);
    }));
    this.register(lab.onDidSelectLayer((e) => {
      if (e.uri === this.document?.uri.toString()) this.select({ modelIndex: e.modelIndex, layer: e.layer, by: 'lab' });
    }));
    this.register(lab.training.onDidEpochWeights(({ target }) => {
      if (target.uri === this.document?.uri.toString()) this.scheduleStrip(0);
    }));
    this.register(lab.training.onDidUpdate(({ target, view }) => {
      if (view.state === 'running') return;
      if (target.uri === this.document?.uri.toString()) this.scheduleStrip(0);
    }));
    this.register({
      dispose: () => {
        if (this.timer !== undefined) clearTimeout(this.timer);
        if (this.stripTimer !== undefined) clearTimeout(this.stripTimer);
      },
    });
  }

  get current(): PageHost | undefined {
    return this.host;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const host = new PageHost(view.webview, 'side', this.deps);
    this.host = host;
    host.onDidBecomeReady(() => this.postSummary());
    // The buttons act on the model shown here: with focus in this view there is no active editor to go by.
    host.commandArgs = (command) => (command === 'convlab.visualize' || command === 'convlab.train') && this.document
      ? [this.document.uri, this.selection?.modelIndex ?? 0]
      : [];
    host.onDidRequestReveal(({ model, layer }) => void this.reveal(model, layer));
    view.onDidDispose(() => {
      host.dispose();
      if (this.host === host) this.host = undefined;
    });
    this.resolvedEmitter.fire(host);
  }

  /** The summary of the active model document, or null. */
  async summary(): Promise<SummaryView | null> {
    const doc = this.document;
    if (!doc || doc.isClosed) return null;
    const file = await this.store.get(doc);
    if (!file || file.parse.models.length === 0) return null;
    return {
      fileName: vscode.workspace.asRelativePath(doc.uri),
      models: file.parse.models.map((m, i) => summarizeModel(m, file.analyses[i]!)),
    };
  }

  /** The kernel strip of the selected layer, or null. */
  async kernels(): Promise<SideKernelsView | null> {
    const doc = this.document;
    const file = doc && !doc.isClosed ? await this.store.get(doc) : undefined;
    if (!doc || !file) return null;
    const uri = doc.uri.toString();
    const seed = vscode.workspace.getConfiguration('convlab', doc.uri).get<number>('seed', 0);
    const t = vscode.l10n.t;
    return sideKernelsView({
      uri,
      models: file.parse.models,
      analyses: file.analyses,
      selection: this.selection,
      seed,
      weightsOf: (modelIndex): StripWeights | undefined => {
        const name = file.parse.models[modelIndex]?.name;
        const w = name === undefined ? undefined : this.lab.training.weightsInUse(uri, modelIndex, name);
        return w?.weights && w.kind !== 'initial' ? { kind: w.kind, weights: w.weights, epoch: w.epoch } : undefined;
      },
      noKernels: (kind: LayerKind, name: string, type: string) => noKernelsText(t, kind, name, type),
    });
  }

  private async layerAt(editor: vscode.TextEditor): Promise<StripSelection | undefined> {
    const file = await this.store.get(editor.document);
    const hit = file && await this.store.layerAt(editor.document, editor.selection.active);
    const modelIndex = hit ? file.parse.models.indexOf(hit.model) : -1;
    return hit && modelIndex >= 0 ? { modelIndex, layer: hit.index, by: 'cursor' } : undefined;
  }

  private select(selection: StripSelection): void {
    const same = this.selection?.modelIndex === selection.modelIndex && this.selection.layer === selection.layer && this.selection.by === selection.by;
    this.selection = selection;
    if (!same) this.scheduleStrip(30);
  }

  private scheduleStrip(ms: number): void {
    if (this.stripTimer !== undefined) clearTimeout(this.stripTimer);
    this.stripTimer = setTimeout(() => {
      this.stripTimer = undefined;
      void this.postKernels();
    }, ms);
  }

  private async postKernels(): Promise<void> {
    if (!this.host) return;
    let data: SideKernelsView | null;
    try {
      data = await this.kernels();
    } catch (error) {
      this.deps.log.error(`side view kernels: ${String(error)}`);
      data = null;
    }
    await this.host.post({ type: 'sideKernels', data });
    this.kernelsEmitter.fire(data);
  }

  private modelDocumentOf(editor: vscode.TextEditor | undefined): vscode.TextDocument | undefined {
    return editor && isModelDocument(editor.document) ? editor.document : undefined;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.postSummary();
    }, ms);
  }

  private async postSummary(): Promise<void> {
    if (!this.host) return;
    const asked = ++this.summaryAsks;
    const data = await this.summary();
    // A newer edit or editor asked while the server answered: its summary wins.
    if (asked !== this.summaryAsks || !this.host) return;
    await this.host.post({ type: 'summary', data });
    this.summaryEmitter.fire(data);
    await this.postKernels();
  }

  private async reveal(modelIndex: number, layerIndex: number): Promise<void> {
    const doc = this.document;
    const range = doc && (await this.store.get(doc))?.parse.models[modelIndex]?.layers[layerIndex]?.range;
    if (!doc || !range) return;
    const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false });
    const r = toRange(range);
    editor.selection = new vscode.Selection(r.start, r.end);
    editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  override dispose(): void {
    this.host?.dispose();
    super.dispose();
  }
}

/** One short line on why a layer shows no kernels, by what the layer does. */
function noKernelsText(t: typeof vscode.l10n.t, kind: LayerKind, name: string, type: string): string {
  const what = `${name} (${type})`;
  switch (kind) {
    case 'conv2d': return t('{0}: its input size is unknown, so its kernels are too (add a # convlab: input 1x28x28 comment).', what);
    case 'dense': return t('{0} has no kernels: it weighs every input value once (the lab panel draws its weights).', what);
    case 'locallyConnected2d': return t('{0} has a separate kernel at every position, not one shared kernel.', what);
    case 'maxPool2d':
    case 'avgPool2d':
    case 'globalAvgPool2d': return t('{0} has no kernels: pooling has no weights.', what);
    case 'dropout': return t('{0} has no kernels: dropout has no weights.', what);
    case 'batchNorm': return t('{0} has no kernels: one scale and shift per channel.', what);
    default: return t('{0} has no kernels.', what);
  }
}
