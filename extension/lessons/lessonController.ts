/**
 * The lesson views of the lab panel: each `convlab.lesson.<name>` command opens the panel
 * on its lesson; the page's lesson messages (buttons, kernel edits, Write as code) come here.
 * Showing a lesson's sections sets the walkthrough's context keys, which complete its steps.
 */
import * as vscode from 'vscode';
import { lessonModels } from '../../core/lessons';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { LessonName } from '../../webview/protocol';
import { Disposable } from '../disposable';
import type { MnistLoader } from '../lab/mnist';
import type { LabPanels } from '../webview/labPanel';
import type { LessonMessage, PageHost } from '../webview/pageHost';
import type { WorkerClient } from '../worker/client';
import { writeModelAsCode } from './codeOut';
import { DenseVsConvLesson } from './denseVsConvLesson';
import { DepthLesson } from './depthLesson';
import { DropoutLesson } from './dropoutLesson';
import { EquivarianceLesson } from './equivarianceLesson';
import type { LessonBuilder } from './lessonPage';
import { ReceptiveFieldLesson } from './receptiveFieldLesson';
import { SobelLesson } from './sobelLesson';
import { VariableSizeLesson } from './variableSizeLesson';

/** Sections whose showing completes a walkthrough step (its completionEvents onContext:…). */
export const SEEN_CONTEXT: Readonly<Record<string, string>> = {
  ensemble: 'convlab.walkthrough.ensembleSeen',
  testTime: 'convlab.walkthrough.testTimeSeen',
  locallyConnected: 'convlab.walkthrough.localFeaturesSeen',
};

export class LessonController extends Disposable {
  private host: PageHost | undefined;
  private lesson: LessonName | undefined;
  readonly depth: DepthLesson;
  private readonly lessons: Record<LessonName, LessonBuilder>;

  constructor(
    private readonly lab: LabPanels,
    worker: WorkerClient<ConvLabJobs>,
    mnist: MnistLoader,
    memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    /** Called when a lesson takes the panel, so the model view stops following editors. */
    private readonly onTakePanel: () => void,
  ) {
    super();
    this.depth = new DepthLesson(worker, mnist, memento, log, () => this.lesson === 'depthExperiment' && void this.post());
    this.register(this.depth);
    this.lessons = {
      dropout: new DropoutLesson(), depthExperiment: this.depth, denseVsConv: new DenseVsConvLesson(), sobel: new SobelLesson(),
      receptiveField: new ReceptiveFieldLesson(), equivariance: new EquivarianceLesson(), variableSize: new VariableSizeLesson(),
    };
    this.register(lab.onDidOpen((host) => this.attach(host)));
    for (const name of Object.keys(this.lessons) as LessonName[]) {
      this.register(vscode.commands.registerCommand(`convlab.lesson.${name}`, () => this.open(name)));
    }
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

  private attach(host: PageHost): void {
    if (this.host === host) return;
    this.host = host;
    host.onDidReceiveLessonMessage((m) => void this.onMessage(host, m).catch((error: unknown) => this.log.error(`lesson: ${String(error)}`)));
    host.onDidDispose(() => {
      if (this.host === host) this.host = undefined;
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
        await this.lessons[m.lesson].action?.(m.action);
        await this.post();
        return;
      case 'editKernel':
        if (m.lesson !== this.lesson) return;
        this.lessons.sobel.editKernel?.(m.kernel, m.values);
        await this.post();
        return;
      case 'writeLessonCode': {
        const model = lessonModels(m.lesson)[m.model];
        if (model) await writeModelAsCode(model, m.framework);
        return;
      }
    }
  }

  private async post(): Promise<void> {
    const host = this.host;
    const lesson = this.lesson;
    if (!host || !lesson) return;
    try {
      const data = this.lessons[lesson].build();
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
