/**
 * The extension host's side of the language server: starts the client (a Node process on
 * desktop, a Web Worker on the web: the entry passes the factory), answers the server's
 * requests for trained kernels, asks it for models, and tells the learner when the server
 * stopped and was started again — VS Code itself is never affected.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, CloseHandlerResult, ErrorHandler, ErrorHandlerResult, LanguageClientOptions } from 'vscode-languageclient';
import { MODELS_REQUEST, TEST_CRASH_NOTIFICATION, TRAINED_KERNELS_REQUEST, type AnalysedFile, type ModelsParams, type ServerInitOptions, type TrainedKernelsParams, type TrainedKernelsResult } from '../../server/protocol';
import { Disposable } from '../disposable';

/** Makes the client for the host it runs in (extension/language/nodeClient.ts or webClient.ts). */
export type LanguageClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

/** Answers the server's question for a layer's trained kernels (the host keeps them). */
export type TrainedKernelLookup = (params: TrainedKernelsParams) => TrainedKernelsResult;

// vscode-languageclient's CloseAction/ErrorAction values; imported as types only, since the
// package's main entry is the Node client, which must not be bundled into the web host.
const CLOSE_RESTART = 2 as CloseHandlerResult['action'];
const CLOSE_DO_NOT_RESTART = 1 as CloseHandlerResult['action'];
const ERROR_CONTINUE = 1 as ErrorHandlerResult['action'];

/** More restarts than this within RESTART_WINDOW_MS and the server stays stopped (it would only crash again). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60_000;

export const DOCUMENT_SELECTOR = [
  { language: 'python' },
  { pattern: '**/*.convlab.json' },
];

export class LanguageService extends Disposable {
  readonly client: BaseLanguageClient;
  private readonly restartTimes: number[] = [];
  private readonly restartedEmitter = this.register(new vscode.EventEmitter<number>());
  /** Fires with the restart count each time the server stopped and was started again. */
  readonly onDidRestart = this.restartedEmitter.event;
  private started: Promise<void> | undefined;

  constructor(create: LanguageClientFactory, private readonly log: vscode.LogOutputChannel, trainedKernels: TrainedKernelLookup, testHooks: boolean) {
    super();
    const initializationOptions: ServerInitOptions = { trainedKernels: true, testHooks };
    this.client = create({
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { configurationSection: 'convlab' },
      initializationOptions,
      outputChannel: log,
      errorHandler: this.errorHandler(),
      // The learner is told by this class, once, in words; the client's own pop-ups would repeat it.
      revealOutputChannelOn: 4 as LanguageClientOptions['revealOutputChannelOn'],
    });
    this.client.onRequest(TRAINED_KERNELS_REQUEST, (params: TrainedKernelsParams) => trainedKernels(params));
    this.register({ dispose: () => void this.client.stop().catch(() => undefined) });
  }

  get restarts(): number {
    return this.restartTimes.length;
  }

  start(): Promise<void> {
    this.started ??= this.client.start().catch((error: unknown) => {
      this.log.error(`language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /** The models of a document at its current version, parsed by the server. */
  async models(doc: vscode.TextDocument): Promise<AnalysedFile | undefined> {
    await this.start();
    const params: ModelsParams = { uri: doc.uri.toString(), version: doc.version };
    return (await this.client.sendRequest<AnalysedFile | null>(MODELS_REQUEST, params)) ?? undefined;
  }

  /** Tests only: the server ends itself the hard way, and the client must start it again. */
  async crashForTest(): Promise<void> {
    await this.start();
    await this.client.sendNotification(TEST_CRASH_NOTIFICATION);
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (error) => {
        this.log.warn(`language server connection error: ${error.message}`);
        return { action: ERROR_CONTINUE, handled: true };
      },
      closed: () => {
        const now = Date.now();
        const recent = this.restartTimes.filter((t) => now - t < RESTART_WINDOW_MS);
        if (recent.length >= MAX_RESTARTS) {
          const message = vscode.l10n.t("ConvLab's language server stopped {0} times in 3 minutes and was not started again: hovers, diagnostics and the summary are off until the window reloads.", recent.length + 1);
          this.log.error(message);
          void vscode.window.showErrorMessage(message);
          return { action: CLOSE_DO_NOT_RESTART, handled: true };
        }
        this.restartTimes.push(now);
        this.log.warn('language server stopped; starting it again');
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t("ConvLab's language server stopped and was started again. Your files are read afresh; the rest of VS Code was not affected."),
            vscode.l10n.t('Show Log'),
          )
          .then((choice) => choice && this.log.show());
        this.restartedEmitter.fire(this.restartTimes.length);
        return { action: CLOSE_RESTART, handled: true };
      },
    };
  }
}
