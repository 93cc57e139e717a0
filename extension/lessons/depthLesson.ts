/**
 * The depth experiment (the lecture's Keras loop over 0…24 Dense(512, elu) layers) in the
 * worker's 'depthExperiment' job. Each depth's result streams in and is plotted at once;
 * the results are kept in workspaceState, so a reloaded window shows them (and a rerun of
 * the same settings skips the depths already done). One run at a time; cancellable.
 * The depths run in parallel on the worker pool (extension/worker/pool.ts), deepest first.
 */
import * as vscode from 'vscode';
import { count, LECTURE_DEPTH_SETTINGS, num, QUICK_DEPTH_SETTINGS, type DepthResult, type DepthSettings } from '../../core/lessons';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { LessonPageData } from '../../webview/protocol';
import type { MnistLoader } from '../lab/mnist';
import { RequestCancelledError } from '../worker/client';
import type { WorkerPool } from '../worker/pool';
import { runDepthsOnPool } from './depthParallel';
import { page, section, type LessonBuilder } from './lessonPage';

const KEY = 'convlab.depthExperiment';

type RunState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

interface Kept {
  readonly settings: DepthSettings;
  readonly results: readonly DepthResult[];
  readonly state: RunState;
  readonly message: string | null;
}

export class DepthLesson implements LessonBuilder {
  private cancel: vscode.CancellationTokenSource | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pool: WorkerPool<ConvLabJobs>,
    private readonly mnist: MnistLoader,
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    /** Re-posts the page: after each streamed result and when the run ends. */
    private readonly changed: () => void,
  ) {}

  private get kept(): Kept {
    const k = this.memento.get<Kept>(KEY);
    // A run cannot survive a reload: one kept as running was interrupted.
    if (k && k.state === 'running' && !this.running) return { ...k, state: 'cancelled' };
    return k ?? { settings: QUICK_DEPTH_SETTINGS, results: [], state: 'idle', message: null };
  }

  async action(action: string): Promise<void> {
    if (action === 'depthStart') void this.run(QUICK_DEPTH_SETTINGS);
    if (action === 'depthStartFull') void this.run(LECTURE_DEPTH_SETTINGS);
    if (action === 'depthCancel') this.cancel?.cancel();
    if (action === 'depthClear' && !this.running) {
      await this.memento.update(KEY, undefined);
      this.changed();
    }
  }

  /** Runs the experiment; resolves when it ends (done, cancelled or failed). Tests pass tiny settings. */
  run(settings: DepthSettings): Promise<void> {
    if (this.running) return this.running;
    this.running = this.execute(settings).finally(() => {
      this.running = undefined;
      this.cancel?.dispose();
      this.cancel = undefined;
      this.changed();
    });
    return this.running;
  }

  private async execute(settings: DepthSettings): Promise<void> {
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    const before = this.kept;
    // Results of the same settings are kept and not trained again; other settings start over.
    const previous = JSON.stringify(before.settings) === JSON.stringify(settings) ? before.results : [];
    let results = [...previous];
    const save = (state: RunState, message: string | null = null): Thenable<void> => this.memento.update(KEY, { settings, results, state, message } satisfies Kept);
    await save('running');
    this.changed();
    try {
      const clients = this.pool.clients;
      this.log.info(`depth experiment: ${settings.depths.length} depths on ${clients.length} worker${clients.length === 1 ? '' : 's'}, deepest first`);
      await runDepthsOnPool(clients, settings, {
        previous,
        token: cancel.token,
        ...(settings.dataset.name === 'mnist' ? { prepare: (client) => this.mnist.ensure(client) } : {}),
        onResult: (result) => {
          // History is per-epoch detail the view does not plot: keep workspaceState small.
          results = [...results.filter((r) => r.depth !== result.depth), { ...result, history: [] }].sort((a, b) => a.depth - b.depth);
          void save('running').then(() => this.changed());
        },
      });
      await save('done');
    } catch (error) {
      const cancelled = error instanceof RequestCancelledError || cancel.token.isCancellationRequested;
      const message = error instanceof Error ? error.message : String(error);
      if (!cancelled) this.log.error(`depth experiment failed: ${message}`);
      await save(cancelled ? 'cancelled' : 'failed', cancelled ? null : message);
    }
  }

  build(): LessonPageData {
    const t = vscode.l10n.t;
    const k = this.kept;
    const s = k.settings;
    const busy = this.running !== undefined;
    const stateText: Record<RunState, string> = { idle: t('not run yet'), running: t('running…'), done: t('done'), cancelled: t('cancelled'), failed: t('failed: {0}', k.message ?? '') };
    const pct = (v: number): string => `${num(v * 100, 1)}%`;
    const best = k.results.length > 0 ? k.results.reduce((a, b) => (b.validAccuracy > a.validAccuracy ? b : a)) : undefined;
    const setting = section('setting', t('The lecture\'s loop'), {
      paragraphs: [
        t('For each depth: Flatten, that many Dense({0}, elu) layers, Dense(10, softmax); Adam, categorical cross-entropy, batch {1}, early stopping on val_loss with patience {2} and restore_best_weights.', s.units, s.batchSize, s.earlyStopping.patience ?? 5),
        t('The quick setting trains depths {0} on {1} {2} images for at most {3} epochs (about a minute); the lecture\'s full setting trains 0…24 on all of MNIST for up to 100 epochs (hours).', QUICK_DEPTH_SETTINGS.depths.join(', '), count(QUICK_DEPTH_SETTINGS.dataset.trainCount ?? 60000), QUICK_DEPTH_SETTINGS.dataset.name, QUICK_DEPTH_SETTINGS.epochs),
      ],
      code: [
        'for num_layers in range(25):',
        '    model = keras.Sequential()',
        '    model.add(layers.Input(shape=(28, 28)))',
        '    model.add(layers.Flatten())',
        '    for l in range(num_layers):',
        "        model.add(layers.Dense(512, activation='elu'))",
        "    model.add(layers.Dense(10, activation='softmax'))",
        "    model.compile(loss='categorical_crossentropy',",
        "                  optimizer='adam', metrics=['accuracy'])",
        '    model.fit(x_train, y_train, batch_size=256, epochs=100,',
        '              validation_data=(x_test, y_test),',
        '              callbacks=[early_stopping])',
      ],
      actions: [
        { action: 'depthStart', label: t('Run the quick experiment'), primary: true, disabled: busy },
        { action: 'depthStartFull', label: t('Run the lecture\'s full setting'), disabled: busy },
        { action: 'depthCancel', label: t('Cancel'), disabled: !busy },
        { action: 'depthClear', label: t('Clear results'), disabled: busy || k.results.length === 0 },
      ],
      values: {
        state: busy ? stateText.running : stateText[k.state],
        depths: s.depths.join(', '),
        dataset: `${s.dataset.name}${s.dataset.trainCount ? ` (${count(s.dataset.trainCount)})` : ''}`,
        finished: t('{0} of {1} depths', k.results.length, s.depths.length),
      },
    });
    const results = section('results', t('Accuracy against depth'), {
      paragraphs: [best ? t('Best validation accuracy so far: depth {0}, {1}.', best.depth, pct(best.validAccuracy)) : t('Run the experiment: each depth appears here as soon as it finishes.')],
      plot: { caption: t('Accuracy against depth'), xLabel: t('hidden layers'), yLabel: t('accuracy'), series: [t('training'), t('validation')],
        points: k.results.map((r) => ({ x: r.depth, y: [r.trainAccuracy, r.validAccuracy] })) },
      tables: [{
        caption: t('One row per depth'),
        header: [t('depth'), t('parameters'), t('training accuracy'), t('validation accuracy'), t('best epoch'), t('seconds')],
        rows: k.results.map((r) => [String(r.depth), count(r.params), pct(r.trainAccuracy), pct(r.validAccuracy), r.bestEpoch === null ? '—' : String(r.bestEpoch + 1), num(r.seconds, 1)]),
      }],
      values: { results: k.results.map((r) => `${r.depth}:${pct(r.validAccuracy)}`).join(' ') || '—' },
    });
    return page('depthExperiment', t('Does a deeper dense network do better? Train the lecture\'s loop and watch accuracy against depth.'), [setting, results]);
  }

  dispose(): void {
    this.cancel?.cancel();
  }
}
