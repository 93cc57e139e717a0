/**
 * The lessons, in the lecture's order, with the command that opens each, the slides it
 * teaches, and the models it can write out as Keras and PyTorch code (the "link to code"
 * button). One list, so that the walkthrough, the commands and the views agree.
 *
 * Layer names follow Keras' automatic naming (conv2d, conv2d_1, …), so the Keras code a
 * lesson writes carries no name= arguments and reads like the Keras guides.
 */
import { layerTypeName } from '../analysis/names';
import { snakeCase } from '../parse/keras/layers';
import type { LayerIR, LayerSpec, ModelIR } from '../model/ir';
import { LECTURE_BY_HAND, type ConvByHandSettings } from './convByHandSetup';
import { depthModel } from './depthExperiment';
import { stackModel } from './receptiveFields';
import { flattenDenseModel, globalPoolModel } from './variableSize';

export type LessonId = 'dropout' | 'depthExperiment' | 'denseVsConv' | 'convByHand' | 'sobel' | 'receptiveField' | 'equivariance' | 'variableSize';

export interface LessonInfo {
  readonly id: LessonId;
  readonly title: string;
  /** The command that opens the lesson (convByHand's exists already; the others are convlab.lesson.<id>). */
  readonly command: string;
  /** The lecture slides it teaches, by their titles. */
  readonly slides: readonly string[];
}

export const LESSONS: readonly LessonInfo[] = [
  { id: 'dropout', title: 'Dropout, step by step', command: 'convlab.lesson.dropout', slides: ['Dropout', 'Dropout: Test time', 'Inverted Dropout'] },
  { id: 'depthExperiment', title: 'The depth experiment', command: 'convlab.lesson.depthExperiment', slides: ['Convolutional Networks (the Keras depth loop)'] },
  { id: 'denseVsConv', title: 'Dense versus convolution', command: 'convlab.lesson.denseVsConv', slides: ['Locally Connected Layers', 'Dense layer vs Convolution layer', 'Sparse interactions', 'Parameter sharing'] },
  { id: 'convByHand', title: 'Convolution by hand', command: 'convlab.convByHand', slides: ['Convolution vs Correlation', 'Convolution (the 5×5 example)'] },
  { id: 'sobel', title: 'Edges with Sobel', command: 'convlab.lesson.sobel', slides: ['G_y', 'G_x'] },
  { id: 'receptiveField', title: 'Receptive fields', command: 'convlab.lesson.receptiveField', slides: ['Sparse interactions (deeper layers see more)'] },
  { id: 'equivariance', title: 'Equivariance', command: 'convlab.lesson.equivariance', slides: ['Convolution: equivariant representations'] },
  { id: 'variableSize', title: 'Inputs of variable size', command: 'convlab.lesson.variableSize', slides: ['Convolution: working with inputs of variable size'] },
];

export function lessonInfo(id: LessonId): LessonInfo {
  return LESSONS.find((l) => l.id === id)!;
}

const named = (specs: readonly LayerSpec[]): LayerIR[] => {
  // Keras' automatic names: the class name in snake case, numbered from the second on.
  const counts = new Map<string, number>();
  return specs.map((spec) => {
    const b = snakeCase(layerTypeName(spec, 'keras'));
    const n = counts.get(b) ?? 0;
    counts.set(b, n + 1);
    return { name: n === 0 ? b : `${b}_${n}`, spec };
  });
};

const conv = (filters: number, k: number, extra: Partial<Extract<LayerSpec, { kind: 'conv2d' }>> = {}): LayerSpec => ({
  kind: 'conv2d', filters, kernelSize: [k, k], strides: [1, 1], padding: 'valid', dilation: [1, 1], groups: 1, useBias: true, activation: 'linear', ...extra,
});
const maxPool: LayerSpec = { kind: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' };
const renamed = (m: ModelIR): ModelIR => ({ ...m, layers: named(m.layers.map((l) => l.spec)) });

/** The lecture's three-layer network of the dropout slides, as a model: p = 0.5 keeps half, so rate 0.5. */
export const LECTURE_DROPOUT_MODEL: ModelIR = {
  name: 'dropout_mlp',
  inputShape: [4],
  source: 'convlab',
  layers: named([
    { kind: 'dense', units: 6, useBias: true, activation: 'relu' },
    { kind: 'dropout', rate: 0.5, granularity: 'element' },
    { kind: 'dense', units: 6, useBias: true, activation: 'relu' },
    { kind: 'dropout', rate: 0.5, granularity: 'element' },
    { kind: 'dense', units: 3, useBias: true, activation: 'linear' },
  ]),
};

/**
 * Convolution by hand's layer with the learner's current settings: one filter over one
 * channel, no bias (the lesson's sums have none), and the convention of the operation the
 * learner leads with (the code generators note that the frameworks only cross-correlate).
 */
export function convByHandModel(settings: ConvByHandSettings, mode: 'crossCorrelation' | 'convolution' = 'crossCorrelation'): ModelIR {
  const { input, kernel } = settings;
  return {
    name: 'conv_by_hand',
    inputShape: [1, input.rows, input.cols],
    source: 'convlab',
    layers: named([conv(1, 3, {
      kernelSize: [kernel.rows, kernel.cols], strides: settings.strides, padding: settings.padding, dilation: settings.dilation, useBias: false,
      ...(mode === 'convolution' ? { convention: 'convolution' as const } : {}),
    })]),
  };
}

/** The models a lesson can write out as code; convolution by hand writes its current settings (the lecture's by default). */
export function lessonModels(id: LessonId, byHand: { readonly settings: ConvByHandSettings; readonly mode?: 'crossCorrelation' | 'convolution' } = { settings: LECTURE_BY_HAND }): readonly ModelIR[] {
  switch (id) {
    case 'dropout':
      return [LECTURE_DROPOUT_MODEL];
    case 'depthExperiment':
      return [renamed(depthModel(4))];
    case 'denseVsConv': {
      const input = [1, 28, 28];
      return [
        { name: 'dense_layer', inputShape: input, source: 'convlab', layers: named([{ kind: 'flatten' }, { kind: 'dense', units: 8 * 26 * 26, useBias: true, activation: 'relu' }, { kind: 'reshape', targetShape: [8, 26, 26] }]) },
        { name: 'locally_connected_layer', inputShape: input, source: 'convlab', layers: named([{ kind: 'locallyConnected2d', filters: 8, kernelSize: [3, 3], strides: [1, 1], useBias: true, activation: 'relu' }]) },
        { name: 'conv_layer', inputShape: input, source: 'convlab', layers: named([conv(8, 3, { activation: 'relu' })]) },
      ];
    }
    case 'convByHand':
      return [convByHandModel(byHand.settings, byHand.mode)];
    case 'sobel':
      return [{ name: 'sobel', inputShape: [1, 28, 28], source: 'convlab', layers: named([conv(2, 3, { useBias: false })]) }];
    case 'receptiveField':
      return [renamed(stackModel([1, 28, 28], [{ kind: 'conv', kernel: 3 }, { kind: 'conv', kernel: 3 }, { kind: 'maxPool', kernel: 2 }, { kind: 'conv', kernel: 3, dilation: 2 }], 'receptive_field'))];
    case 'equivariance':
      return [{ name: 'equivariance', inputShape: [1, 16, 16], source: 'convlab', layers: named([conv(1, 3), maxPool]) }];
    case 'variableSize':
      return [renamed(flattenDenseModel()), renamed(globalPoolModel())];
  }
}
