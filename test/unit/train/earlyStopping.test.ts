// Early stopping against Keras' documentation example and its own tests
// (keras/src/callbacks/early_stopping.py and early_stopping_test.py), plus edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EarlyStopping, monitorDirection, type EarlyStoppingOptions } from '../../../core/train/earlyStopping';

/** A stand-in model whose "weights" are the epoch that produced them, as in Keras' test. */
class DummyModel {
  weights = -1;
  restores = 0;
  readonly snapshots = { snapshot: (): number => this.weights, restore: (w: number): void => { this.weights = w; this.restores++; } };
}

/** Runs a fit loop over the logged values; returns epochs trained and the callback. */
function fit(options: EarlyStoppingOptions, values: number[], key = options.monitor ?? 'val_loss', model = new DummyModel(), externalStopAt?: number) {
  const es = new EarlyStopping<number>(options, model.snapshots);
  es.onTrainBegin();
  let epochs = 0;
  for (let epoch = 0; epoch < values.length; epoch++) {
    epochs++;
    model.weights = epoch;
    const d = es.onEpochEnd(epoch, { [key]: values[epoch] });
    if (d.stop || epoch === externalStopAt) break;
  }
  const end = es.onTrainEnd();
  return { epochs, es, end, model };
}

test('keras docs example: monitor=\'loss\', patience=3, loss rising from the first epoch: only 4 epochs run', () => {
  // The docs' SGD on unscaled inputs diverges: every epoch after the first is worse.
  const { epochs, end } = fit({ monitor: 'loss', patience: 3 }, [10, 30, 95, 280, 900, 2600, 8000, 24000, 70000, 2e5]);
  assert.equal(epochs, 4);
  assert.equal(end.stoppedEpoch, 3);
  assert.equal(end.bestEpoch, 0);
  assert.equal(end.restoredEpoch, null, 'restore_best_weights is off by default');
});

for (const patience of [0, 1, 2, 3]) {
  test(`keras test_early_stopping_patience: losses 10, 9, 8, 9, 8.9, … with patience ${patience} stop at epoch ${Math.max(patience, 1) + 2}`, () => {
    const { end } = fit({ monitor: 'loss', patience }, [10, 9, 8, 9, 8.9, 8.8, 8.7, 8.6, 8.5]);
    assert.equal(end.stoppedEpoch, Math.max(patience, 1) + 2);
  });
}

test('keras restore test: val_loss 0.2, 0.15, 0.1, 0.11, 0.12 with patience 2 stops at epoch 4 and restores epoch 2', () => {
  const { epochs, model, end } = fit({ monitor: 'val_loss', patience: 2, restoreBestWeights: true }, [0.2, 0.15, 0.1, 0.11, 0.12]);
  assert.equal(epochs, 5);
  assert.equal(model.weights, 2);
  assert.equal(end.restoredEpoch, 2);
});

test('keras restore test: no epoch beats baseline 0.5 — runs patience (5) epochs and restores the best of them (epoch 2)', () => {
  const { epochs, model } = fit({ monitor: 'val_loss', patience: 5, baseline: 0.5, restoreBestWeights: true }, [0.9, 0.8, 0.7, 0.71, 0.72, 0.73]);
  assert.equal(epochs, 5);
  assert.equal(model.weights, 2);
});

test('keras restore test: another callback stops at epoch 3; the end of training still restores epoch 2', () => {
  const { epochs, model, end } = fit({ monitor: 'val_loss', patience: 5, baseline: 0.5, restoreBestWeights: true }, [0.9, 0.8, 0.7, 0.71, 0.72, 0.73], 'val_loss', new DummyModel(), 3);
  assert.equal(epochs, 4);
  assert.equal(model.weights, 2);
  assert.equal(end.stoppedEpoch, null, 'early stopping itself did not stop');
});

test('keras 3: when training runs out of epochs, the best epoch is restored even though nothing stopped', () => {
  const { model, end } = fit({ patience: 10, restoreBestWeights: true }, [0.5, 0.3, 0.4, 0.45]);
  assert.equal(end.stoppedEpoch, null);
  assert.equal(model.weights, 1);
  assert.equal(end.restoredEpoch, 1);
});

test('improvement on the last epoch: no stop, and the restored weights are the last epoch\'s', () => {
  const { model, end, epochs } = fit({ patience: 3, restoreBestWeights: true }, [0.5, 0.6, 0.55, 0.4]);
  assert.equal(epochs, 4, 'the wait reached 2 of 3, then epoch 3 improved');
  assert.equal(end.stoppedEpoch, null);
  assert.equal(end.bestEpoch, 3);
  assert.equal(model.weights, 3);
});

test('patience 0 stops at the first epoch that does not improve, but never at epoch 0', () => {
  assert.equal(fit({ patience: 0 }, [1, 0.9, 0.8, 0.85, 0.7]).end.stoppedEpoch, 3);
  const nan = fit({ patience: 0 }, [Number.NaN, Number.NaN, 1]);
  assert.equal(nan.end.stoppedEpoch, 1, 'NaN never improves; epoch 0 is exempt');
});

test('min_delta: an improvement must exceed it (|min_delta| is used, as Keras does)', () => {
  // 1 → 0.995 is less than 0.01 better: not an improvement; 0.98 is.
  const es = new EarlyStopping({ monitor: 'val_loss', minDelta: -0.01, patience: 5 });
  assert.equal(es.onEpochEnd(0, { val_loss: 1 }).improved, true);
  assert.equal(es.onEpochEnd(1, { val_loss: 0.995 }).improved, false);
  assert.equal(es.onEpochEnd(2, { val_loss: 0.98 }).improved, true);
  assert.equal(es.state.best, 0.98);
  // A gain of exactly min_delta does not count (strict inequality).
  const exact = new EarlyStopping({ monitor: 'loss', minDelta: 0.5, patience: 0 });
  exact.onEpochEnd(0, { loss: 2 });
  assert.deepEqual([exact.onEpochEnd(1, { loss: 1.5 }).improved, exact.state.stoppedEpoch], [false, 1]);
});

test('val_accuracy is maximised in auto mode; min_delta applies upwards', () => {
  const { end } = fit({ monitor: 'val_accuracy', patience: 1, minDelta: 0.01 }, [0.9, 0.95, 0.955, 0.96]);
  assert.equal(end.bestEpoch, 1);
  assert.equal(end.stoppedEpoch, 2);
});

test('monitor directions as Keras infers them: loss, val_mse, hinge min; acc, val_accuracy, f1_score max; unknown refused', () => {
  const cases: [string, 'min' | 'max'][] = [['val_loss', 'min'], ['loss', 'min'], ['val_mse', 'min'], ['hinge', 'min'], ['acc', 'max'], ['accuracy', 'max'], ['val_accuracy', 'max'], ['f1_score', 'max']];
  for (const [monitor, direction] of cases) assert.equal(monitorDirection(monitor, 'auto'), direction, monitor);
  assert.equal(monitorDirection('val_mse', 'max'), 'max', 'an explicit mode wins');
  assert.throws(() => new EarlyStopping({ monitor: 'unknown' }), /pass mode 'min' or 'max'/);
});

test('a missing monitored value changes nothing and says which metrics there are', () => {
  const es = new EarlyStopping({ monitor: 'val_loss', patience: 0 });
  const d = es.onEpochEnd(0, { loss: 1, accuracy: 0.5 });
  assert.equal(d.stop, false);
  assert.equal(d.warning, 'Early stopping is conditioned on val_loss, which is not available. Available metrics are: loss, accuracy.');
  assert.equal(es.state.wait, 0);
});

test('start_from_epoch: epochs before it are not monitored', () => {
  const { end } = fit({ monitor: 'loss', patience: 0, startFromEpoch: 2 }, [1, 2, 3, 4, 5]);
  assert.equal(end.stoppedEpoch, 3, 'epoch 2 is the first monitored (best), epoch 3 is worse');
});

test('an improvement that misses the baseline does not reset the wait, and no stop is considered on an improving epoch (Keras 3)', () => {
  const es = new EarlyStopping({ monitor: 'val_loss', patience: 2, baseline: 0.1 });
  const ds = [0.9, 0.8, 0.7, 0.6].map((v, epoch) => es.onEpochEnd(epoch, { val_loss: v }));
  assert.deepEqual(ds.map((d) => [d.improved, d.wait, d.stop]), [[true, 1, false], [true, 2, false], [true, 3, false], [true, 4, false]]);
  assert.deepEqual([es.onEpochEnd(4, { val_loss: 0.65 }).stop, es.state.bestEpoch], [true, 3]);
});

test('reusing one callback across models (the lecture\'s loop over 25 depths) starts each run afresh', () => {
  const model = new DummyModel();
  const es = new EarlyStopping<number>({ monitor: 'val_loss', patience: 1, restoreBestWeights: true }, model.snapshots);
  for (const [epoch, v] of [0.1, 0.05, 0.2, 0.3].entries()) {
    model.weights = epoch;
    if (es.onEpochEnd(epoch, { val_loss: v }).stop) break;
  }
  es.onTrainEnd();
  es.onTrainBegin();
  // The second model's first epoch is worse than the first model's best, yet it is the new best.
  model.weights = 100;
  const d = es.onEpochEnd(0, { val_loss: 0.5 });
  assert.equal(d.improved, true);
  assert.equal(d.bestEpoch, 0);
});

test('snapshots are taken on the first monitored epoch and on each improvement only', () => {
  let taken = 0;
  const es = new EarlyStopping<number>({ monitor: 'loss', patience: 5, restoreBestWeights: true }, { snapshot: () => ++taken, restore: () => undefined });
  [1, 0.9, 0.95, 0.8, 0.85].forEach((v, epoch) => es.onEpochEnd(epoch, { loss: v }));
  assert.equal(taken, 3, 'epochs 0, 1 and 3');
  assert.throws(() => new EarlyStopping({ restoreBestWeights: true }), /needs snapshot and restore/);
});
