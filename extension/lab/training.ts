/**
 * One training run at a time, in the worker: a cancellable progress notification and a
 * status-bar item while it runs, every epoch streamed to the lab (curves, and the weights
 * so kernels and feature maps change as it learns), and the trained weights kept per model
 * file when it ends.
 */
import * as vscode from 'vscode';
import type { ModelIR } from '../../core/model/ir';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { TrainProgress } from '../../core/worker/trainJob';
import type { TrainedWeight } from '../../core/worker/weights';
import type { EpochPoint, TrainSettings, TrainingView } from '../../webview/protocol';
import { Disposable } from '../disposable';
import { RequestCancelledError, type WorkerClient } from '../worker/client';
import type { MnistLoader } from './mnist';
import type { TrainedWeightsStore } from './trainedWeights';

export const CANCEL_TRAINING_COMMAND = 'convlab.cancelTraining';

export interface TrainTarget {
  readonly uri: string;
  readonly modelIndex: number;
  readonly model: ModelIR;
}

export interface WeightsInUse {
  readonly kind: 'initial' | 'trained' | 'training';
  /** Absent for 'initial': the worker initialises from the seed. */
  readonly weights?: readonly TrainedWeight[];
  readonly epoch: number | null;
}

export interface EpochWeights {
  readonly target: TrainTarget;
  readonly epoch: number;
  readonly weights: readonly TrainedWeight[];
}

export function defaultTrainSettings(seed: number): TrainSettings {
  return { dataset: 'mnist', trainCount: 2000, epochs: 5, batchSize: 64, learningRate: 0.001, optimizer: 'adam', seed, patience: 2, restoreBest: true };
}

const point = (p: Extract<TrainProgress, { type: 'epoch' }>): EpochPoint => ({
  epoch: p.epoch, loss: p.loss, accuracy: p.accuracy, valLoss: p.val_loss ?? null, valAccuracy: p.val_accuracy ?? null,
});

export class TrainingRuns extends Disposable {
  private running: { target: TrainTarget; cancel: vscode.CancellationTokenSource } | undefined;
  private readonly status = this.register(vscode.window.createStatusBarItem('convlab.training', vscode.StatusBarAlignment.Left, 10));
  private readonly updateEmitter = this.register(new vscode.EventEmitter<{ target: TrainTarget; view: TrainingView }>());
  /** Every change of a run: started, an epoch, finished. */
  readonly onDidUpdate = this.updateEmitter.event;
  private readonly weightsEmitter = this.register(new vscode.EventEmitter<EpochWeights>());
  /** Each epoch's weights, while a run goes on. */
  readonly onDidEpochWeights = this.weightsEmitter.event;
  /** The last view of each model's run, so a reopened panel shows its curves. */
  private readonly views = new Map<string, TrainingView>();
  /** The running model's newest epoch weights; gone when the run ends (its result is then in the store). */
  private live: EpochWeights | undefined;
  private statusShown = false;

  constructor(
    private readonly worker: WorkerClient<ConvLabJobs>,
    private readonly mnist: MnistLoader,
    private readonly store: TrainedWeightsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.status.name = vscode.l10n.t('ConvLab training');
    this.register(vscode.commands.registerCommand(CANCEL_TRAINING_COMMAND, () => this.cancel()));
  }

  /** The status-bar item while it shows (a run goes on), else undefined: what the learner sees and clicks. */
  get statusItem(): { readonly text: string; readonly command: string | undefined; readonly tooltip: string } | undefined {
    if (!this.statusShown) return undefined;
    const command = typeof this.status.command === 'string' ? this.status.command : this.status.command?.command;
    return { text: this.status.text, command, tooltip: typeof this.status.tooltip === 'string' ? this.status.tooltip : this.status.tooltip?.value ?? '' };
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * The weights every view of this model shows (the lab's kernels and maps, the side view's
   * strip): the running epoch's, else the kept trained ones, else none — the seeded initial ones.
   */
  weightsInUse(uri: string, modelIndex: number, modelName: string): WeightsInUse {
    const live = this.live;
    if (live && live.target.uri === uri && live.target.modelIndex === modelIndex) return { kind: 'training', weights: live.weights, epoch: live.epoch };
    const kept = this.store.get(uri, modelName);
    return kept ? { kind: 'trained', weights: kept.weights, epoch: null } : { kind: 'initial', epoch: null };
  }

  lastView(uri: string, modelIndex: number): TrainingView | undefined {
    return this.views.get(`${uri}#${modelIndex}`);
  }

  cancel(): void {
    this.running?.cancel.cancel();
  }

  /** Trains; resolves with the final view (done, cancelled or failed). */
  async train(target: TrainTarget, settings: TrainSettings): Promise<TrainingView> {
    if (this.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('ConvLab is already training {0}. Cancel that run first.', this.running.target.model.name));
      return this.lastView(this.running.target.uri, this.running.target.modelIndex)!;
    }
    const cancel = new vscode.CancellationTokenSource();
    this.running = { target, cancel };
    void vscode.commands.executeCommand('setContext', 'convlab.training', true);
    let view: TrainingView = {
      uri: target.uri, modelIndex: target.modelIndex, state: 'running', settings, epochs: [], bestEpoch: null, stoppedEpoch: null, restoredEpoch: null, test: null, message: null,
    };
    const publish = (next: TrainingView): void => {
      view = next;
      if (next.state !== 'running') this.live = undefined;
      this.views.set(`${target.uri}#${target.modelIndex}`, view);
      this.updateEmitter.fire({ target, view });
    };
    publish(view);
    this.showStatus(target.model.name, 0, settings.epochs, null);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('ConvLab: training {0}', target.model.name), cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => cancel.cancel());
          try {
            if (settings.dataset === 'mnist') {
              progress.report({ message: vscode.l10n.t('loading MNIST…') });
              await this.mnist.ensure();
            }
            const reply = await this.worker.request('train', {
              model: target.model,
              dataset: { name: settings.dataset, trainCount: settings.trainCount, testCount: Math.min(1000, Math.max(100, Math.round(settings.trainCount / 4))), seed: settings.seed },
              epochs: settings.epochs,
              batchSize: settings.batchSize,
              optimizer: { type: settings.optimizer, learningRate: settings.learningRate },
              seed: settings.seed,
              validationFraction: 0.2,
              earlyStopping: settings.patience > 0 ? { monitor: 'val_loss', patience: settings.patience, restoreBestWeights: settings.restoreBest } : undefined,
              epochWeights: true,
            }, {
              timeoutMs: 0,
              token: cancel.token,
              onProgress: (p) => {
                if (p.type === 'batch') {
                  progress.report({ message: vscode.l10n.t('epoch {0}/{1} · batch {2}/{3} · loss {4}', p.epoch + 1, settings.epochs, p.batch + 1, p.batches, p.loss.toFixed(3)) });
                  return;
                }
                progress.report({ increment: 100 / settings.epochs });
                publish({ ...view, epochs: [...view.epochs, point(p)] });
                this.showStatus(target.model.name, p.epoch + 1, settings.epochs, p.val_accuracy ?? p.accuracy);
                if (p.weights) {
                  this.live = { target, epoch: p.epoch, weights: p.weights };
                  this.weightsEmitter.fire(this.live);
                }
              },
            });
            const final: TrainingView = {
              ...view, state: 'done', epochs: reply.history.map((h) => point({ type: 'epoch', ...h })), bestEpoch: reply.bestEpoch,
              stoppedEpoch: reply.stoppedEpoch, restoredEpoch: reply.restoredEpoch, test: reply.test,
            };
            await this.store.set(target.uri, target.model.name, reply.weights, {
              savedAt: Date.now(), settings, history: final.epochs, bestEpoch: final.bestEpoch, stoppedEpoch: final.stoppedEpoch,
              restoredEpoch: final.restoredEpoch, test: final.test,
            });
            this.log.info(`trained ${target.model.name}: test accuracy ${reply.test.accuracy.toFixed(4)} in ${reply.seconds.toFixed(1)} s`);
            publish(final);
            return final;
          } catch (error) {
            const cancelled = error instanceof RequestCancelledError;
            const message = error instanceof Error ? error.message : String(error);
            if (!cancelled) {
              this.log.error(`training failed: ${message}`);
              void vscode.window.showErrorMessage(vscode.l10n.t('ConvLab could not train {0}: {1}', target.model.name, message));
            }
            const final: TrainingView = { ...view, state: cancelled ? 'cancelled' : 'failed', message: cancelled ? null : message };
            publish(final);
            return final;
          }
        },
      );
    } finally {
      this.running = undefined;
      void vscode.commands.executeCommand('setContext', 'convlab.training', false);
      cancel.dispose();
      this.status.hide();
      this.statusShown = false;
    }
  }

  private showStatus(name: string, epoch: number, epochs: number, accuracy: number | null): void {
    const acc = accuracy === null ? '' : ` · ${(accuracy * 100).toFixed(1)}%`;
    this.status.text = `$(sync~spin) ConvLab: ${name} ${epoch}/${epochs}${acc}`;
    this.status.tooltip = vscode.l10n.t('ConvLab is training {0}. Click to cancel.', name);
    this.status.command = CANCEL_TRAINING_COMMAND;
    this.status.accessibilityInformation = { label: vscode.l10n.t('ConvLab training {0}: epoch {1} of {2}. Activate to cancel.', name, epoch, epochs) };
    this.status.show();
    this.statusShown = true;
  }
}
