/**
 * What the lab panel and the side view share: one page, one protocol. Routes each
 * validated message from the page; anything malformed is logged and dropped, never acted on.
 */
import * as vscode from 'vscode';
import { convByHandModel, LECTURE_BY_HAND, type ConvByHandSettings } from '../../core/lessons';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { CommandFromWebview, ConvModeName, HostToWebview, LabView, LessonName, ViewKind, WebviewToHost } from '../../webview/protocol';
import { Disposable } from '../disposable';
import type { MnistLoader } from '../lab/mnist';
import { writeModelAsCode } from '../lessons/codeOut';
import { computeConvByHand } from '../lessons/convByHand';
import type { WorkerClient } from '../worker/client';
import { getHtml, webviewOptions } from './getHtml';
import { pageStrings } from './strings';
import { parseWebviewMessage } from './validate';

export interface PageDeps {
  readonly extensionUri: vscode.Uri;
  readonly worker: WorkerClient<ConvLabJobs>;
  readonly log: vscode.LogOutputChannel;
  /** Gets MNIST into the worker for convolution by hand's digit input. */
  readonly mnist?: MnistLoader;
}

type RenderedMessage = Extract<WebviewToHost, { type: 'rendered'; view: 'convByHand' }>;
type ModelRenderedMessage = Extract<WebviewToHost, { type: 'rendered'; view: 'model' }>;
/** What the lab's model view asks of its controller (extension/lab/labController.ts). */
export type LabMessage = Extract<WebviewToHost, { type: 'ready' | 'showView' | 'requestFeatureMaps' | 'train' | 'cancelTraining' | 'sampleMasks' | 'exportPng' | 'exportEmpty' | 'revealLayer' | 'selectedLayer' }>;

type LessonRenderedMessage = Extract<WebviewToHost, { type: 'rendered'; view: 'lesson' }>;
/** What a lesson view asks of the lesson controller (extension/lessons/lessonController.ts); 'show' = (re)load the lesson. */
export type LessonMessage = Extract<WebviewToHost, { type: 'lessonAction' | 'editKernel' | 'writeLessonCode' | 'lessonInput' | 'decodedImage' }> | { readonly type: 'show'; readonly lesson: LessonName | undefined };

export class PageHost extends Disposable {
  private readonly lessonEmitter = this.register(new vscode.EventEmitter<LessonMessage>());
  /** The lesson views' requests, for the lesson controller. */
  readonly onDidReceiveLessonMessage = this.lessonEmitter.event;
  private readonly lessonRenderedEmitter = this.register(new vscode.EventEmitter<LessonRenderedMessage>());
  /** Fires with the numbers a lesson view reports it shows. */
  readonly onDidRenderLesson = this.lessonRenderedEmitter.event;
  lastLessonRendered: LessonRenderedMessage | undefined;
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<RenderedMessage>());
  /** Fires with the numbers the page reports it shows. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the page has loaded (again) and wants its content. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private readonly revealEmitter = this.register(new vscode.EventEmitter<{ model: number; layer: number }>());
  /** Fires when the learner picks a layer in the page. */
  readonly onDidRequestReveal = this.revealEmitter.event;
  private readonly modelRenderedEmitter = this.register(new vscode.EventEmitter<ModelRenderedMessage>());
  /** Fires with the blocks and canvases the model view reports it draws. */
  readonly onDidRenderModel = this.modelRenderedEmitter.event;
  private readonly labEmitter = this.register(new vscode.EventEmitter<LabMessage>());
  /** The model view's requests, for the lab controller. */
  readonly onDidReceiveLabMessage = this.labEmitter.event;
  private readonly disposeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;
  private readyFlag = false;
  /** Set by a command that opens a view: a page that (re)loads shows it rather than its saved one. */
  private forceView = false;
  /** The lesson a command opened, which wins over a reloading page's saved one. */
  private forcedLesson: LessonName | undefined;
  lastRendered: RenderedMessage | undefined;
  lastModelRendered: ModelRenderedMessage | undefined;
  private mode: ConvModeName = 'crossCorrelation';
  private convSettings: ConvByHandSettings = LECTURE_BY_HAND;
  /** Counts convolution-by-hand requests, so that a slow answer to an older setting is not shown over a newer one. */
  private convRequest = 0;
  /**
   * The arguments a page's command button runs its command with: the side view passes the
   * model file it shows, since focus in a view (or the lab panel) leaves no active editor.
   */
  commandArgs: ((command: CommandFromWebview) => unknown[]) | undefined;
  private shown: LabView | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    readonly view: ViewKind,
    private readonly deps: PageDeps,
    /** The lab's view for a fresh page (one without saved state). */
    private labView: LabView = 'convByHand',
    /** A revived panel's model file, from its saved state. */
    private readonly restore?: { readonly uri?: string; readonly model?: number; readonly lesson?: LessonName },
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
        this.readyFlag = true;
        if (this.view === 'lab') {
          if (message.mode) this.mode = message.mode;
          if (message.conv) this.convSettings = message.conv;
          const view = this.forceView ? this.labView : (message.view ?? this.labView);
          // The lesson a command asked for wins over the one the reloading page saved.
          const forcedLesson = this.forceView ? this.forcedLesson : undefined;
          this.forceView = false;
          this.forcedLesson = undefined;
          if (view === 'model') {
            this.labEmitter.fire({ ...message, view: 'model', uri: message.uri ?? this.restore?.uri, model: message.model ?? this.restore?.model });
          }
          else if (view === 'lesson') this.lessonEmitter.fire({ type: 'show', lesson: forcedLesson ?? message.lesson ?? this.restore?.lesson });
          else await this.showConvByHand();
        }
        this.readyEmitter.fire();
        return true;
      case 'showView':
        this.shown = message.view;
        if (message.view === 'convByHand') await this.showConvByHand();
        else if (message.view === 'lesson') this.lessonEmitter.fire({ type: 'show', lesson: undefined });
        else this.labEmitter.fire(message);
        return true;
      case 'revealLayer':
        this.revealEmitter.fire({ model: message.model, layer: message.layer });
        if (this.view === 'lab') this.labEmitter.fire(message);
        return true;
      case 'selectedLayer':
        if (this.view === 'lab') this.labEmitter.fire(message);
        return true;
      case 'requestFeatureMaps':
      case 'train':
      case 'cancelTraining':
      case 'sampleMasks':
      case 'exportPng':
      case 'exportEmpty':
        this.labEmitter.fire(message);
        return true;
      case 'lessonAction':
      case 'editKernel':
      case 'writeLessonCode':
      case 'lessonInput':
      case 'decodedImage':
        this.lessonEmitter.fire(message);
        return true;
      case 'setConvMode':
        this.mode = message.mode;
        await this.showConvByHand();
        return true;
      case 'setConvSettings':
        this.convSettings = message.settings;
        await this.showConvByHand();
        return true;
      case 'writeConvByHandCode':
        await writeModelAsCode(convByHandModel(this.convSettings, this.mode), message.framework);
        return true;
      case 'runCommand':
        await vscode.commands.executeCommand(message.command, ...(this.commandArgs?.(message.command) ?? []));
        return true;
      case 'rendered':
        if (message.view === 'lesson') {
          this.lastLessonRendered = message;
          this.deps.log.info(`lesson ${message.lesson} shows ${JSON.stringify(message.values).slice(0, 500)}`);
          this.lessonRenderedEmitter.fire(message);
          return true;
        }
        if (message.view === 'model') {
          this.lastModelRendered = message;
          this.deps.log.info(`${this.view} page shows the model: ${message.blocks.join(' → ')}`);
          this.modelRenderedEmitter.fire(message);
          return true;
        }
        this.lastRendered = message;
        this.deps.log.info(`${this.view} page shows ${message.mode}: ${JSON.stringify(message.output).slice(0, 500)}`);
        this.renderedEmitter.fire(message);
        return true;
    }
  }

  /**
   * The view a command asked for. A hidden panel's page is gone (no retainContextWhenHidden)
   * and reloads when revealed, with its saved view: this one wins over that.
   */
  preferView(view: LabView, lesson?: LessonName): void {
    this.labView = view;
    this.forceView = true;
    this.forcedLesson = lesson;
  }

  /** Whether the page has loaded and said so (messages posted before may be lost). */
  get isReady(): boolean {
    return this.readyFlag;
  }

  override dispose(): void {
    if (!this.isDisposed) this.disposeEmitter.fire();
    super.dispose();
  }

  /** The settings convolution by hand shows now (the lecture's until the learner changes them). */
  get convByHandSettings(): ConvByHandSettings {
    return this.convSettings;
  }

  async showConvByHand(): Promise<void> {
    const request = ++this.convRequest;
    try {
      const t0 = Date.now();
      const data = await computeConvByHand(this.deps.worker, this.deps.mnist, this.convSettings, this.mode);
      const t1 = Date.now();
      if (request !== this.convRequest) return;
      await this.post({ type: 'convByHand', data });
      this.deps.log.info(`convolution by hand: ${data.input.rows}×${data.input.cols} input worked out in ${t1 - t0} ms, posted to the page in ${Date.now() - t1} ms`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`convolution by hand failed: ${message}`);
      await this.post({ type: 'error', message: vscode.l10n.t('ConvLab could not compute this: {0}', message) });
    }
  }

  async post(message: HostToWebview): Promise<void> {
    if (message.type === 'lesson' || message.type === 'convByHand' || message.type === 'model') this.shown = message.type;
    if (!this.isDisposed) await this.webview.postMessage(message);
  }

  /** The lab view whose content was posted (or the learner switched to) last. */
  get shownView(): LabView | undefined {
    return this.shown;
  }
}

function preview(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 200);
  } catch {
    return String(raw);
  }
}
