/** The side view in ConvLab's activity-bar container: the same page, in its compact form. */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { PageHost, type PageDeps } from './pageHost';

export const SIDE_VIEW_ID = 'convlab.sideView';

export class SideViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private host: PageHost | undefined;
  private readonly resolvedEmitter = this.register(new vscode.EventEmitter<PageHost>());
  readonly onDidResolve = this.resolvedEmitter.event;

  constructor(private readonly deps: PageDeps) {
    super();
    this.register(vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, this));
  }

  get current(): PageHost | undefined {
    return this.host;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const host = new PageHost(view.webview, 'side', this.deps);
    this.host = host;
    view.onDidDispose(() => {
      host.dispose();
      if (this.host === host) this.host = undefined;
    });
    this.resolvedEmitter.fire(host);
  }

  override dispose(): void {
    this.host?.dispose();
    super.dispose();
  }
}
