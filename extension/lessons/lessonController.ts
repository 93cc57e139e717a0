/**
 * The lesson views of the lab panel: each `convlab.lesson.<name>` command opens the panel
 * on its lesson; the page's lesson messages (buttons, fields, kernel edits, decoded images,
 * Write as code) come here. Showing a lesson's sections sets the walkthrough's context
 * keys, which complete its steps. The lessons that use the learner's own model follow the
 * active (or last active) model editor and its edits while they are showing.
 */
import * as vscode from 'vscode';
import { lessonModels } from '../../core/lessons';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { DecodedImage, ImageMime, LessonName } from '../../webview/protocol';
import { Disposable } from '../disposable';
import type { MnistLoader } from '../lab/mnist';
import { isModelDocument, type ModelStore } from '../model/modelStore';
import type { LabPanels } from '../webview/labPanel';
import type { LessonMessage, PageHost } from '../webview/pageHost';
import type { WorkerClient } from '../worker/client';
import type { WorkerPool } from '../worker/pool';
import { writeModelAsCode } from './codeOut';
import { DenseVsConvLesson } from './denseVsConvLesson';
import { DepthLesson } from './depthLesson';
import { DropoutLesson } from './dropoutLesson';
import { EquivarianceLesson } from './equivarianceLesson';
import { ENSEMBLE_LINK_COMMAND } from './ensembleLink';
import { EXAMPLES, openExample } from './examples';
import { displayName, pickImageFile } from './imageFiles';
import type { LessonBuilder, OwnModel } from './lessonPage';
import { ReceptiveFieldLesson } from './receptiveFieldLesson';
import { SobelLesson } from './sobelLesson';
import { VariableSizeLesson } from './variableSizeLesson';

/** Sections whose showing completes a walkthrough step (its completionEvents onContext:…). */
export const SEEN_CONTEXT: Readonly<Record<string, string>> = {
  ensemble: 'convlab.walkthrough.ensembleSeen',
  testTime: 'convlab.walkthrough.testTimeSeen',
  locallyConnected: 'convlab.walkthrough.localFeaturesSeen',
};

/** The lessons with a section drawn from the learner's model: redrawn when it changes. */
const OWN_MODEL_LESSONS: ReadonlySet<LessonName> = new Set<LessonName>(['denseVsConv', 'receptiveField', 'variableSize']);
/** How long the page may take to decode a picture before the lesson says so. */
const DECODE_TIMEOUT_MS = 20_000;

export class LessonController extends Disposable {
  private host: PageHost | undefined;
  private lesson: LessonName | undefined;
  readonly depth: DepthLesson;
  readonly sobel: SobelLesson;
  private readonly lessons: Record<LessonName, LessonBuilder>;
  /** The active, or last active, model editor's document. */
  private modelDoc: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextToken = 1;
  private readonly decoding = new Map<number, (d: DecodedImage) => void>();

  constructor(
    private readonly lab: LabPanels,
    worker: WorkerClient<ConvLabJobs>,
    pool: WorkerPool<ConvLabJobs>,
    mnist: MnistLoader,
    memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly store: ModelStore,
    private readonly extensionUri: vscode.Uri,
    /** Called when a lesson takes the panel, so the model view stops following editors. */
    private readonly onTakePanel: () => void,
  ) {
    super();
    this.depth = new DepthLesson(pool, mnist, memento, log, () => this.lesson === 'depthExperiment' && void this.post());
    this.sobel = new SobelLesson(worker, mnist, (bytes, mime, name) => this.decodeInPage(bytes, mime, name), pickImageFile);
    this.register(this.depth);
    this.lessons = {
      dropout: new DropoutLesson(), depthExperiment: this.depth, denseVsConv: new DenseVsConvLesson(), sobel: this.sobel,
      receptiveField: new ReceptiveFieldLesson(), equivariance: new EquivarianceLesson(), variableSize: new VariableSizeLesson(),
    };
    this.register(lab.onDidOpen((host) => this.attach(host)));
    for (const name of Object.keys(this.lessons) as LessonName[]) {
      if (name === 'sobel') continue;
      this.register(vscode.commands.registerCommand(`convlab.lesson.${name}`, () => this.open(name)));
    }
    // From the palette, or from the Explorer's context menu on a PNG/JPEG (which passes its Uri).
    this.register(vscode.commands.registerCommand('convlab.lesson.sobel', (uri?: unknown) => (uri instanceof vscode.Uri ? this.openSobelOn(uri) : this.open('sobel'))));
    this.register(vscode.commands.registerCommand('convlab.lesson.sobelOnImage', async (uri?: unknown) => {
      const file = uri instanceof vscode.Uri ? uri : await pickImageFile();
      return file ? this.openSobelOn(file) : undefined;
    }));
    this.followModelEditors();
  }

  /** Opens (or reveals) the panel on a lesson; resolves with its page host. */
  async open(lesson: LessonName): Promise<PageHost> {
    this.lesson = lesson;
    this.onTakePanel();
    const wasOpen = this.lab.current !== undefined;
    const host = await this.lab.open('lesson', lesson);
    this.attach(host);
    // A fresh page asks for its content when it is ready; an open one gets it now.
    if (wasOpen && host.isReady) await this.post();
    return host;
  }

  /** The Sobel lesson on an image file: the page must be up to decode it. */
  async openSobelOn(uri: vscode.Uri): Promise<PageHost> {
    const host = await this.open('sobel');
    await whenReady(host);
    try {
      await this.sobel.openFile(uri);
    } finally {
      await this.post();
    }
    return host;
  }

  /** The model the lessons draw on, as it is now. */
  async ownModel(): Promise<OwnModel | undefined> {
    const doc = this.modelDoc;
    if (!doc || doc.isClosed) return undefined;
    const file = await this.store.get(doc);
    const models = file?.parse.models ?? [];
    return { fileName: displayName(doc.uri), model: models[0], modelCount: models.length };
  }

  private followModelEditors(): void {
    const active = vscode.window.activeTextEditor?.document;
    this.modelDoc = active && isModelDocument(active) ? active : vscode.window.visibleTextEditors.map((e) => e.document).find(isModelDocument);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (!editor || !isModelDocument(editor.document) || editor.document === this.modelDoc) return;
      this.modelDoc = editor.document;
      this.ownModelChanged(0);
    }));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === this.modelDoc && e.contentChanges.length > 0) this.ownModelChanged(300);
    }));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc !== this.modelDoc) return;
      this.modelDoc = vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d !== doc && isModelDocument(d));
      this.ownModelChanged(0);
    }));
    this.register({ dispose: () => this.timer !== undefined && clearTimeout(this.timer) });
  }

  /** Redraws a showing lesson that uses the learner's model (debounced while typing). */
  private ownModelChanged(delayMs: number): void {
    if (!this.lesson || !OWN_MODEL_LESSONS.has(this.lesson) || this.host?.shownView !== 'lesson') return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.lesson && OWN_MODEL_LESSONS.has(this.lesson) && this.host?.shownView === 'lesson') void this.post();
    }, delayMs);
  }

  private attach(host: PageHost): void {
    if (this.host === host) return;
    this.host = host;
    host.onDidReceiveLessonMessage((m) => void this.onMessage(host, m).catch((error: unknown) => this.log.error(`lesson: ${String(error)}`)));
    host.onDidDispose(() => {
      if (this.host === host) this.host = undefined;
      for (const resolve of this.decoding.values()) resolve({ ok: false, error: vscode.l10n.t('the lesson panel was closed') });
      this.decoding.clear();
    });
  }

  private async onMessage(host: PageHost, m: LessonMessage): Promise<void> {
    if (host !== this.host) return;
    switch (m.type) {
      case 'show':
        this.lesson = m.lesson ?? this.lesson ?? 'dropout';
        this.onTakePanel();
        await this.post();
        return;
      case 'lessonAction':
        if (m.lesson !== this.lesson) return;
        if (m.action === 'maskEnsembles') {
          // The panel leaves the lesson for the model view's mask ensembles.
          this.lesson = undefined;
          await vscode.commands.executeCommand(ENSEMBLE_LINK_COMMAND);
          return;
        }
        if (m.action === 'openExample') await this.openExample();
        else await this.lessons[m.lesson].action?.(m.action);
        await this.post();
        return;
      case 'lessonInput':
        if (m.lesson !== this.lesson) return;
        await this.lessons[m.lesson].input?.(m.name, m.value);
        await this.post();
        return;
      case 'editKernel':
        if (m.lesson !== this.lesson) return;
        this.lessons.sobel.editKernel?.(m.kernel, m.values);
        await this.post();
        return;
      case 'decodedImage': {
        const resolve = this.decoding.get(m.token);
        this.decoding.delete(m.token);
        resolve?.(m.ok ? { ok: true, width: m.width, height: m.height, image: m.image } : { ok: false, error: m.error });
        return;
      }
      case 'writeLessonCode': {
        const model = lessonModels(m.lesson)[m.model];
        if (model) await writeModelAsCode(model, m.framework);
        return;
      }
    }
  }

  /** An example beside the panel (not over it), which the lesson then follows. */
  private async openExample(): Promise<void> {
    const editor = await openExample(this.extensionUri, EXAMPLES[0], { viewColumn: vscode.ViewColumn.One, preserveFocus: true, preview: false });
    if (editor) this.modelDoc = editor.document;
  }

  /** Hands an image file's bytes to the page, which decodes them; resolves with its grey grid or its reason. */
  private async decodeInPage(bytes: Uint8Array, mime: ImageMime, name: string): Promise<DecodedImage> {
    const host = this.host;
    if (!host) return { ok: false, error: vscode.l10n.t('the lesson panel is closed') };
    await whenReady(host);
    const token = this.nextToken++;
    const request = { type: 'decodeImage' as const, token, name, mime, bytes };
    return new Promise<DecodedImage>((resolve) => {
      // A hidden panel's page is gone and reloads when shown again: a request it lost is sent again.
      const reloaded = host.onDidBecomeReady(() => void host.post(request));
      const finish = (d: DecodedImage): void => {
        clearTimeout(timer);
        reloaded.dispose();
        this.decoding.delete(token);
        resolve(d);
      };
      const timer = setTimeout(() => finish({ ok: false, error: vscode.l10n.t('the page did not decode it within {0} s', DECODE_TIMEOUT_MS / 1000) }), DECODE_TIMEOUT_MS);
      this.decoding.set(token, finish);
      void host.post(request);
    });
  }

  private async post(): Promise<void> {
    const host = this.host;
    const lesson = this.lesson;
    if (!host || !lesson) return;
    try {
      const data = this.lessons[lesson].build({ ownModel: OWN_MODEL_LESSONS.has(lesson) ? await this.ownModel() : undefined });
      await host.post({ type: 'lesson', data });
      for (const s of data.sections) {
        const key = SEEN_CONTEXT[s.id];
        if (key) void vscode.commands.executeCommand('setContext', key, true);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`lesson ${lesson} failed: ${message}`);
      await host.post({ type: 'error', message: vscode.l10n.t('ConvLab could not compute this: {0}', message) });
    }
  }
}

/** Resolves once the page has said it is ready (a fresh panel's page loads after the command returns). */
function whenReady(host: PageHost, ms = 30_000): Promise<void> {
  if (host.isReady) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the lesson page did not load within ${ms / 1000} s`));
    }, ms);
    const sub = host.onDidBecomeReady(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}
