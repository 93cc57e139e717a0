/** The training settings: dataset and subset, epochs, batch size, learning rate, optimiser, seed, early stopping. */
import { custom, el } from '../dom';
import type { PageStrings, TrainSettings } from '../protocol';

export const DEFAULT_SETTINGS: TrainSettings = { dataset: 'mnist', trainCount: 2000, epochs: 5, batchSize: 64, learningRate: 0.001, optimizer: 'adam', seed: 0, patience: 2, restoreBest: true };

export interface TrainFormControls {
  readonly root: HTMLElement;
  setRunning(running: boolean): void;
  /** Offers only the datasets this model trains on (MNIST needs a 28×28 input), keeping the choice where it can. */
  setDatasets(allowed: readonly TrainSettings['dataset'][]): void;
}

export function trainForm(initial: TrainSettings, s: PageStrings, onTrain: (settings: TrainSettings) => void, onCancel: () => void): TrainFormControls {
  const num = (name: string, label: string, value: number, min: number, max: number, step: number | 'any'): HTMLInputElement => {
    const input = el('input', { type: 'number', name, min, max, step, value, class: 'narrow', id: `train-${name}` });
    input.dataset.label = label;
    return input;
  };
  const dataset = el('select', { name: 'dataset', id: 'train-dataset' },
    el('option', { value: 'mnist' }, 'MNIST'), el('option', { value: 'bars' }, s.barsImage!), el('option', { value: 'shapes' }, s.shapesImage!));
  dataset.value = initial.dataset;
  const optimizer = el('select', { name: 'optimizer', id: 'train-optimizer' }, el('option', { value: 'adam' }, 'Adam'), el('option', { value: 'sgd' }, 'SGD'));
  optimizer.value = initial.optimizer;
  const fields = {
    trainCount: num('trainCount', s.trainImages!, initial.trainCount, 10, 60000, 10),
    epochs: num('epochs', s.epochsWord!, initial.epochs, 1, 200, 1),
    batchSize: num('batchSize', s.batchSize!, initial.batchSize, 1, 1024, 1),
    learningRate: num('learningRate', s.learningRate!, initial.learningRate, 0.000001, 10, 'any'),
    seed: num('seed', s.seedWord!, initial.seed, 0, 2147483647, 1),
    patience: num('patience', s.patience!, initial.patience, 0, 200, 1),
  };
  const restore = el('input', { type: 'checkbox', id: 'train-restore', checked: initial.restoreBest });
  const row = (label: string, control: HTMLElement): HTMLElement => el('label', { class: 'field', for: control.id }, el('span', {}, label), control);
  const train = custom('vscode-button', { 'data-testid': 'train' }, s.train!);
  const cancel = custom('vscode-button', { secondary: true, disabled: true, 'data-testid': 'cancel-train' }, s.cancel!);
  const read = (): TrainSettings => ({
    dataset: dataset.value as TrainSettings['dataset'],
    trainCount: Math.round(Number(fields.trainCount.value)),
    epochs: Math.round(Number(fields.epochs.value)),
    batchSize: Math.round(Number(fields.batchSize.value)),
    learningRate: Number(fields.learningRate.value),
    optimizer: optimizer.value as TrainSettings['optimizer'],
    seed: Math.round(Number(fields.seed.value)),
    patience: Math.round(Number(fields.patience.value)),
    restoreBest: restore.checked,
  });
  train.addEventListener('click', () => onTrain(read()));
  cancel.addEventListener('click', onCancel);
  const root = el('div', { class: 'train-form' },
    el('div', { class: 'fields' },
      row(s.dataset!, dataset), row(s.trainImages!, fields.trainCount), row(s.epochsWord!, fields.epochs), row(s.batchSize!, fields.batchSize),
      row(s.optimizerWord!, optimizer), row(s.learningRate!, fields.learningRate), row(s.seedWord!, fields.seed),
      row(s.patience!, fields.patience), el('label', { class: 'field check', for: 'train-restore' }, restore, el('span', {}, s.restoreBest!))),
    el('div', { class: 'controls' }, train, cancel));
  return {
    root,
    setRunning: (running) => {
      train.toggleAttribute('disabled', running);
      cancel.toggleAttribute('disabled', !running);
    },
    setDatasets: (allowed) => {
      for (const option of Array.from(dataset.options)) option.disabled = !allowed.includes(option.value as TrainSettings['dataset']);
      if (!allowed.includes(dataset.value as TrainSettings['dataset']) && allowed[0]) dataset.value = allowed.includes('shapes') ? 'shapes' : allowed[0];
    },
  };
}
