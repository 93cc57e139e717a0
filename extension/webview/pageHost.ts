/**
 * What the lab panel and the side view share: one page, one protocol. Routes each
 * validated message from the page; anything malformed is logged and dropped, never acted on.
 */
import * as vscode from 'vscode';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { ConvModeName, HostToWebview, ViewKind, WebviewToHost } from '../../webview/protocol';
import { Disposable } from '../disposable';
import { computeConvByHand } from '../lessons/convByHand';
import type { WorkerClient } from '../worker/client';
import { getHtml, webviewOptions } from './getHtml';
import { pageStrings } from './strings';
import { parseWebviewMessage } from './validate';

export interface PageDeps {
  readonly extensionUri: vscode.Uri;
  readonly worker: WorkerClient<ConvLabJobs>;
  readonly log: vscode.LogOutputChannel;
}

type RenderedMessage = Extract<WebviewToHost, { type: 'rendered' }>;

export class PageHost extends Disposable {
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<RenderedMessage>());
  /** Fires with the numbers the page reports it shows. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the page has loaded (again) and wants its content. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private readonly revealEmitter = this.register(new vscode.EventEmitter<{ model: number; layer: number }>());
  /** Fires when the learner picks a layer in the page. */
  readonly onDidRequestReveal = this.revealEmitter.event;
  lastRendered: RenderedMessage | undefined;
  private mode: ConvModeName = 'crossCorrelation';

  constructor(
    private readonly webview: vscode.Webview,
    readonly view: ViewKind,
    private readonly deps: PageDeps,
  ) {
    super();
    webview.options = webviewOptions(deps.extensionUri);
    webview.html = getHtml(webview, deps.extensionUri, { view, strings: pageStrings() });
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)));
  }

  /** Handles one raw message from the page; false when it was rejected as malformed. */
  async handleMessage(raw: unknown): Promise<boolean> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn(`dropped a malformed message from the ${this.view} page: ${preview(raw)}`);
      return false;
    }
    switch (message.type) {
      case 'ready':
        if (this.view === 'lab') await this.showConvByHand();
        this.readyEmitter.fire();
        return true;
      case 'revealLayer':
        this.revealEmitter.fire({ model: message.model, layer: message.layer });
        return true;
      case 'setConvMode':
        this.mode = message.mode;
        await this.showConvByHand();
        return true;
      case 'runCommand':
        await vscode.commands.executeCommand(message.command);
        return true;
      case 'rendered':
        this.lastRendered = message;
        this.deps.log.info(`${this.view} page shows ${message.mode}: ${JSON.stringify(message.output)}`);
        this.renderedEmitter.fire(message);
        return true;
    }
  }

  async showConvByHand(): Promise<void> {
    try {
      const data = await computeConvByHand(this.deps.worker, this.mode);
      await this.post({ type: 'convByHand', data });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`convolution by hand failed: ${message}`);
      await this.post({ type: 'error', message: vscode.l10n.t('ConvLab could not compute this: {0}', message) });
    }
  }

  async post(message: HostToWebview): Promise<void> {
    if (!this.isDisposed) await this.webview.postMessage(message);
  }
}

function preview(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 200);
  } catch {
    return String(raw);
  }
}
