/**
 * The lab panel: one editor-area webview per window, revived after a reload by a
 * WebviewPanelSerializer (its page state comes back through the webview's getState).
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { PageHost, type PageDeps } from './pageHost';
import { webviewOptions } from './getHtml';
import type { LabView, LessonName } from '../../webview/protocol';
import { parseWebviewMessage } from './validate';

export const LAB_VIEW_TYPE = 'convlab.lab';

export class LabPanels extends Disposable implements vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private host: PageHost | undefined;
  private readonly openedEmitter = this.register(new vscode.EventEmitter<PageHost>());
  readonly onDidOpen = this.openedEmitter.event;

  constructor(private readonly deps: PageDeps) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, this));
  }

  /** The page host of the open panel, if any. */
  get current(): PageHost | undefined {
    return this.host;
  }

  /** Opens the panel beside the editor, or reveals it, and (re)loads the lesson. */
  show(): Promise<PageHost> {
    return this.open('convByHand');
  }

  /**
   * Opens the panel (or reveals it) on one of its views. The model view's content comes
   * from the lab controller, which knows which model to show.
   */
  async open(view: LabView, lesson?: LessonName): Promise<PageHost> {
    if (this.panel && this.host) {
      this.host.preferView(view, lesson);
      this.panel.reveal(undefined, true);
      if (view === 'convByHand') await this.host.showConvByHand();
      return this.host;
    }
    const panel = vscode.window.createWebviewPanel(
      LAB_VIEW_TYPE,
      vscode.l10n.t('ConvLab'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(this.deps.extensionUri),
    );
    const host = this.adopt(panel, view);
    host.preferView(view, lesson);
    return host;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The serializer must re-apply the options: a revived panel does not keep them.
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    // The page's saved state, checked like any message from it: which view, which model file.
    const saved = parseWebviewMessage(typeof state === 'object' && state !== null ? { ...state, type: 'ready' } : { type: 'ready' });
    const hint = saved?.type === 'ready' ? saved : undefined;
    this.adopt(panel, hint?.view ?? 'convByHand', hint?.uri ? { uri: hint.uri, model: hint.model ?? 0 } : hint?.lesson ? { lesson: hint.lesson } : undefined);
  }

  private adopt(panel: vscode.WebviewPanel, view: LabView = 'convByHand', restore?: { uri?: string; model?: number; lesson?: LessonName }): PageHost {
    this.panel?.dispose();
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
    const host = new PageHost(panel.webview, 'lab', this.deps, view, restore);
    this.panel = panel;
    this.host = host;
    panel.onDidDispose(() => {
      host.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.host = undefined;
      }
    });
    this.openedEmitter.fire(host);
    return host;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
