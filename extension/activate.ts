/**
 * Activation shared by both entries (node.ts, web.ts): they differ only in how the worker
 * is started. Returns the API the integration tests use to look inside.
 */
import * as vscode from 'vscode';
import type { ConvLabJobs } from '../core/worker/protocol';
import { LanguageService, type LanguageClientFactory } from './language/service';
import { kernelSlice } from './language/trainedKernels';
import { isModelDocument, ModelStore } from './model/modelStore';
import { registerCodeOutCommands } from './lessons/codeOut';
import { registerEnsembleLinkCommand } from './lessons/ensembleLink';
import { registerExampleCommand } from './lessons/examples';
import { LessonController } from './lessons/lessonController';
import { LabController } from './lab/labController';
import { MnistLoader } from './lab/mnist';
import { TrainedWeightsStore } from './lab/trainedWeights';
import { TrainingRuns } from './lab/training';
import { LabPanels } from './webview/labPanel';
import { SIDE_VIEW_ID, SideViewProvider } from './webview/sideView';
import { FIGURES } from './webview/validate';
import { WorkerClient } from './worker/client';
import { poolSize, WorkerPool } from './worker/pool';
import type { WorkerFactory } from './worker/port';

export interface ConvLabApi {
  readonly worker: WorkerClient<ConvLabJobs>;
  readonly lab: LabPanels;
  readonly sideView: SideViewProvider;
  readonly models: ModelStore;
  readonly language: LanguageService;
  readonly labController: LabController;
  readonly training: TrainingRuns;
  readonly trainedWeights: TrainedWeightsStore;
  readonly lessons: LessonController;
}

/** The model document a command acts on: the one it was given (CodeLens, editor title), else the active editor's. */
async function modelDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  // The language server's CodeLens passes the document's URI as a string.
  if (typeof uri === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isModelDocument(doc)) return doc;
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a Keras or PyTorch model file (or a .convlab.json) first.'));
  return undefined;
}

/** `convlab.workers.max`: 0 (the default) means hardwareConcurrency − 1. */
function workersSetting(): number {
  const v = vscode.workspace.getConfiguration('convlab').get<number>('workers.max', 0);
  return Number.isInteger(v) && v > 0 ? v : 0;
}

/**
 * hardwareConcurrency: the entries pass it (os.availableParallelism() in Node,
 * navigator.hardwareConcurrency on the web), since Node 20 has no navigator.
 */
export function activateConvLab(context: vscode.ExtensionContext, workerFactory: WorkerFactory, languageClient: LanguageClientFactory, hardwareConcurrency?: number): ConvLabApi {
  const log = vscode.window.createOutputChannel('ConvLab', { log: true });
  context.subscriptions.push(log);

  const worker = new WorkerClient<ConvLabJobs>(workerFactory, {
    log: (message) => log.info(message),
    onCrash: (reason) => {
      log.error(`worker crashed: ${reason}`);
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t("ConvLab's worker stopped ({0}). It starts again on your next action; the rest of VS Code is not affected.", reason),
          vscode.l10n.t('Show Log'),
        )
        .then((choice) => choice && log.show());
    },
  });
  context.subscriptions.push({ dispose: () => worker.dispose() });

  // Work that splits (the depth experiment's depths) runs on a pool; its first worker is this one.
  const pool = new WorkerPool<ConvLabJobs>(worker, workerFactory, poolSize(hardwareConcurrency, workersSetting()), { log: (message) => log.info(`pool: ${message}`) });
  context.subscriptions.push(
    { dispose: () => pool.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('convlab.workers.max') && pool.resize(poolSize(hardwareConcurrency, workersSetting()))),
  );
  log.info(`worker pool: up to ${pool.workers} worker${pool.workers === 1 ? '' : 's'} (${hardwareConcurrency ?? 'unknown'} logical cores)`);

  const mnist = new MnistLoader(context.extensionUri, worker, log);
  const deps = { extensionUri: context.extensionUri, worker, log, mnist };
  const trainedWeights = new TrainedWeightsStore(context.workspaceState);
  // Hovers, diagnostics, CodeLens and inlay hints come from the language server; the host
  // asks it for models (ModelStore) and never parses on its own thread.
  const language = new LanguageService(languageClient, log, (p) => kernelSlice(trainedWeights.kernel(p.uri, p.model, p.layer), p), context.extensionMode === vscode.ExtensionMode.Test);
  void language.start().catch(() => undefined);
  const models = new ModelStore(language);
  const lab = new LabPanels(deps);
  const training = new TrainingRuns(worker, mnist, trainedWeights, log);
  const labController = new LabController(deps, models, lab, trainedWeights, training, mnist, context.workspaceState);
  const sideView = new SideViewProvider(deps, models, { training, onDidSelectLayer: labController.onDidSelectLayer });
  const lessons = new LessonController(lab, worker, pool, mnist, context.workspaceState, log, models, context.extensionUri, () => labController.stopFollowing());
  context.subscriptions.push(language, lab, sideView, training, labController, lessons);
  const index = (m: unknown): number => (typeof m === 'number' && Number.isInteger(m) && m >= 0 ? m : 0);

  context.subscriptions.push(
    vscode.commands.registerCommand('convlab.visualize', async (uri?: unknown, model?: unknown) => {
      const doc = await modelDocument(uri);
      if (doc) await labController.visualize(doc, index(model));
    }),
    vscode.commands.registerCommand('convlab.train', async (uri?: unknown, model?: unknown) => {
      const doc = await modelDocument(uri);
      if (doc) await labController.train(doc, index(model));
    }),
    vscode.commands.registerCommand('convlab.exportFigure', (figure?: unknown) =>
      labController.exportFigure(FIGURES.find((f) => f === figure))),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('convlab') && models.clear()),
    vscode.workspace.onDidCloseTextDocument((doc) => models.forget(doc.uri)),
    vscode.commands.registerCommand('convlab.convByHand', () => lab.show()),
    vscode.commands.registerCommand('convlab.openLab', () => lab.show()),
    ...registerCodeOutCommands(models),
    registerExampleCommand(context.extensionUri),
    registerEnsembleLinkCommand(context.extensionUri, models, labController),
    vscode.commands.registerCommand('convlab.showLog', () => log.show()),
    vscode.commands.registerCommand('convlab.summary', async (given?: unknown) => {
      // The summary lives in the side view, which follows the active editor.
      const uri = typeof given === 'string' ? vscode.Uri.parse(given, true) : given;
      if (uri instanceof vscode.Uri && vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString()) {
        await vscode.window.showTextDocument(uri, { preserveFocus: true });
      }
      await vscode.commands.executeCommand(`${SIDE_VIEW_ID}.focus`);
    }),
  );
  return { worker, lab, sideView, models, language, labController, training, trainedWeights, lessons };
}
