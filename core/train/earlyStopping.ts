/**
 * Early stopping with Keras 3's semantics (keras/src/callbacks/early_stopping.py), as a
 * small state machine: the trainer feeds it one epoch's logs at a time and it answers
 * stop or continue, and which epoch was best. The lecture's depth experiment uses it:
 *   EarlyStopping(monitor="val_loss", min_delta=0, patience=5, restore_best_weights=True)
 *
 * At the end of each epoch (epochs counted from 0, as Keras counts them):
 * - no monitored value, or epoch < startFromEpoch: nothing happens;
 * - with restoreBestWeights, the first monitored epoch's weights are kept as the best;
 * - wait += 1; an improvement is  current − minDelta > best  (max mode) or
 *   current + minDelta < best  (min mode), minDelta taken as |minDelta|;
 * - on an improvement: best ← current, the weights are snapshotted, and wait is reset to 0
 *   only if current also improves on the baseline (when one is given); no stop is
 *   considered on an improving epoch;
 * - otherwise training stops once wait ≥ patience (never at epoch 0).
 * At the end of training, with restoreBestWeights, the best epoch's weights are restored —
 * whether early stopping stopped the run or it ran out of epochs (Keras 3 restores in
 * on_train_end; Keras 2 restored only when it stopped). Like Keras, it restores even when
 * the best epoch was the last one: a no-op then, except after a run cancelled mid-epoch,
 * whose half-trained weights it rightly replaces.
 * onTrainBegin resets everything, the best value included (Keras fixed that in #20533:
 * the lecture reuses one callback across 25 models).
 */

export type Monitor = 'val_loss' | 'val_accuracy' | 'loss' | 'accuracy';
export type MonitorMode = 'auto' | 'min' | 'max';

export interface EarlyStoppingOptions {
  /** The logged quantity to watch (Keras' names; other Keras metric names work too). */
  readonly monitor?: Monitor | (string & {});
  readonly minDelta?: number;
  readonly patience?: number;
  readonly mode?: MonitorMode;
  readonly baseline?: number | null;
  readonly restoreBestWeights?: boolean;
  readonly startFromEpoch?: number;
}

/** One epoch's logs, keyed as Keras keys them: loss, accuracy, val_loss, val_accuracy. */
export type EpochLogs = Readonly<Record<string, number | undefined>>;

/**
 * How early stopping keeps and brings back weights: `snapshot` copies the current weights
 * (into buffers of the trainer's own, or a returned copy), `restore` writes a snapshot back.
 */
export interface WeightSnapshots<S> {
  snapshot(): S;
  restore(snapshot: S): void;
}

export interface EarlyStoppingDecision {
  readonly stop: boolean;
  /** This epoch improved on the best so far. */
  readonly improved: boolean;
  readonly monitored: number | null;
  readonly best: number;
  readonly bestEpoch: number | null;
  readonly wait: number;
  /** Set when the monitored value is missing from the logs (Keras warns likewise). */
  readonly warning?: string;
}

export interface TrainEndReport {
  /** The epoch early stopping stopped at, or null when training ran to its end. */
  readonly stoppedEpoch: number | null;
  readonly bestEpoch: number | null;
  /** The epoch whose weights were restored, or null when none were. */
  readonly restoredEpoch: number | null;
}

// Keras reads a metric's direction from the metric object; these are its built-in names.
const LOWER_IS_BETTER = /^(loss|.*_loss|mse|mae|mape|msle|rmse|mean_.*_error|root_mean_squared_error|(squared_|categorical_)?hinge|.*crossentropy|kl_divergence|kld|poisson|log_cosh(_error)?)$/;
const HIGHER_IS_BETTER = /^(acc|accuracy|.*_accuracy|auc|prc|precision|recall|f1_score|fbeta_score|r2_score|.*iou)$/;

export function monitorDirection(monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  const metric = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (LOWER_IS_BETTER.test(metric)) return 'min';
  if (HIGHER_IS_BETTER.test(metric)) return 'max';
  throw new RangeError(`EarlyStopping cannot tell whether ${monitor} should be minimised or maximised: pass mode 'min' or 'max'.`);
}

export class EarlyStopping<S = unknown> {
  readonly monitor: string;
  readonly direction: 'min' | 'max';
  readonly minDelta: number;
  readonly patience: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;

  private wait = 0;
  private best = Infinity;
  private bestEpoch: number | null = null;
  private bestWeights: { readonly value: S } | null = null;
  private stoppedEpoch: number | null = null;

  constructor(options: EarlyStoppingOptions = {}, private readonly weights?: WeightSnapshots<S>) {
    this.monitor = options.monitor ?? 'val_loss';
    this.direction = monitorDirection(this.monitor, options.mode ?? 'auto');
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.patience = options.patience ?? 0;
    this.baseline = options.baseline ?? null;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    if (this.restoreBestWeights && !weights) throw new RangeError('restoreBestWeights needs snapshot and restore callbacks');
    this.onTrainBegin();
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.best = this.direction === 'min' ? Infinity : -Infinity;
    this.bestEpoch = null;
    this.bestWeights = null;
    this.stoppedEpoch = null;
  }

  private isImprovement(current: number, reference: number): boolean {
    return this.direction === 'min' ? current + this.minDelta < reference : current - this.minDelta > reference;
  }

  private decision(stop: boolean, improved: boolean, monitored: number | null, warning?: string): EarlyStoppingDecision {
    return { stop, improved, monitored, best: this.best, bestEpoch: this.bestEpoch, wait: this.wait, ...(warning ? { warning } : {}) };
  }

  onEpochEnd(epoch: number, logs: EpochLogs): EarlyStoppingDecision {
    const current = logs[this.monitor];
    if (current === undefined) {
      const warning = `Early stopping is conditioned on ${this.monitor}, which is not available. Available metrics are: ${Object.keys(logs).join(', ')}.`;
      return this.decision(false, false, null, warning);
    }
    if (epoch < this.startFromEpoch) return this.decision(false, false, current);

    let snapshotTaken = false;
    if (this.restoreBestWeights && this.bestWeights === null) {
      // Until something improves, the first monitored epoch's weights are the best.
      this.bestWeights = { value: this.weights!.snapshot() };
      this.bestEpoch = epoch;
      snapshotTaken = true;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights && !snapshotTaken) this.bestWeights = { value: this.weights!.snapshot() };
      // Only restart the wait when the value beats both the best and the baseline.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return this.decision(false, true, current);
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      return this.decision(true, false, current);
    }
    return this.decision(false, false, current);
  }

  /** Call once when training ends for any reason (stopped, out of epochs, cancelled). */
  onTrainEnd(): TrainEndReport {
    let restoredEpoch: number | null = null;
    if (this.restoreBestWeights && this.bestWeights !== null && this.bestEpoch !== null) {
      this.weights!.restore(this.bestWeights.value);
      restoredEpoch = this.bestEpoch;
    }
    return { stoppedEpoch: this.stoppedEpoch, bestEpoch: this.bestEpoch, restoredEpoch };
  }

  get state(): { readonly wait: number; readonly best: number; readonly bestEpoch: number | null; readonly stoppedEpoch: number | null } {
    return { wait: this.wait, best: this.best, bestEpoch: this.bestEpoch, stoppedEpoch: this.stoppedEpoch };
  }
}
