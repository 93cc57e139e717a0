/**
 * The side view in ConvLab's activity-bar container: the summary of the model in the
 * active editor (it follows the active editor and its edits), and the way into the lessons.
 * A click on a layer selects its code.
 */
import * as vscode from 'vscode';
import { summarizeModel } from '../../core/analysis';
import { Disposable } from '../disposable';
import { isModelDocument, toRange, type ModelStore } from '../model/modelStore';
import type { SummaryView } from '../../webview/protocol';
import { PageHost, type PageDeps } from './pageHost';

export const SIDE_VIEW_ID = 'convlab.sideView';

export class SideViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private host: PageHost | undefined;
  private readonly resolvedEmitter = this.register(new vscode.EventEmitter<PageHost>());
  readonly onDidResolve = this.resolvedEmitter.event;
  private readonly summaryEmitter = this.register(new vscode.EventEmitter<SummaryView | null>());
  /** Fires with every summary sent to the page. */
  readonly onDidPostSummary = this.summaryEmitter.event;
  /** The last model document the learner had active (the side view keeps showing it while the view itself has focus). */
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: PageDeps, private readonly store: ModelStore) {
    super();
    this.register(vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, this));
    this.document = this.modelDocumentOf(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      // Keep the last model while focus is elsewhere (the panel, the side view itself).
      if (editor) this.document = this.modelDocumentOf(editor);
      this.schedule(0);
    }));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === this.document) this.schedule(300);
    }));
    this.register({ dispose: () => this.timer !== undefined && clearTimeout(this.timer) });
  }

  get current(): PageHost | undefined {
    return this.host;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const host = new PageHost(view.webview, 'side', this.deps);
    this.host = host;
    host.onDidBecomeReady(() => this.postSummary());
    host.onDidRequestReveal(({ model, layer }) => void this.reveal(model, layer));
    view.onDidDispose(() => {
      host.dispose();
      if (this.host === host) this.host = undefined;
    });
    this.resolvedEmitter.fire(host);
  }

  /** The summary of the active model document, or null. */
  summary(): SummaryView | null {
    const doc = this.document;
    if (!doc || doc.isClosed) return null;
    const file = this.store.get(doc);
    if (!file || file.parse.models.length === 0) return null;
    return {
      fileName: vscode.workspace.asRelativePath(doc.uri),
      models: file.parse.models.map((m, i) => summarizeModel(m, file.analyses[i]!)),
    };
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
    const data = this.summary();
    await this.host.post({ type: 'summary', data });
    this.summaryEmitter.fire(data);
  }

  private async reveal(modelIndex: number, layerIndex: number): Promise<void> {
    const doc = this.document;
    const range = doc && this.store.get(doc)?.parse.models[modelIndex]?.layers[layerIndex]?.range;
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
