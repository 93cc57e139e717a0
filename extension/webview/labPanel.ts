/**
 * The lab panel: one editor-area webview per window, revived after a reload by a
 * WebviewPanelSerializer (its page state comes back through the webview's getState).
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { PageHost, type PageDeps } from './pageHost';
import { webviewOptions } from './getHtml';

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
  async show(): Promise<PageHost> {
    if (this.panel && this.host) {
      this.panel.reveal(undefined, true);
      await this.host.showConvByHand();
      return this.host;
    }
    const panel = vscode.window.createWebviewPanel(
      LAB_VIEW_TYPE,
      vscode.l10n.t('ConvLab'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(this.deps.extensionUri),
    );
    return this.adopt(panel);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, _state: unknown): Promise<void> {
    // The serializer must re-apply the options: a revived panel does not keep them.
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): PageHost {
    this.panel?.dispose();
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
    const host = new PageHost(panel.webview, 'lab', this.deps);
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
