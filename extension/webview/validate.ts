/**
 * Messages from a webview are untrusted input: a page can be buggy, and its messages are
 * plain JSON. Each is checked field by field before the host acts on it; anything else is
 * dropped (the caller logs it).
 */
import type {
  CommandFromWebview, ConvModeName, DatasetName, DecodedImage, EnsembleSettings, FigureName, ImageChoice, LabView, LessonActionName, LessonInputName, LessonName, TrainSettings, WebviewToHost,
} from '../../webview/protocol';
import { MAX_WORKING_SIDE } from '../../core/image/grey';
import { parseConvSettings, parseConvShown } from './validateConvByHand';

const MODES: readonly ConvModeName[] = ['crossCorrelation', 'convolution'];
const COMMANDS: readonly CommandFromWebview[] = ['convlab.convByHand', 'convlab.showLog', 'convlab.visualize', 'convlab.train'];
export const FIGURES: readonly FigureName[] = ['kernels', 'dense-weights', 'feature-maps', 'curves', 'mask-ensemble'];
const VIEWS: readonly LabView[] = ['convByHand', 'model', 'lesson'];
export const LESSON_NAMES: readonly LessonName[] = ['dropout', 'depthExperiment', 'denseVsConv', 'sobel', 'receptiveField', 'equivariance', 'variableSize'];
const LESSON_ACTIONS: readonly LessonActionName[] = [
  'resampleMask', 'depthStart', 'depthStartFull', 'depthCancel', 'depthClear', 'sobelReset', 'sobelImage', 'sobelMnist', 'sobelOpenFile', 'openExample', 'maskEnsembles',
];
/** Each lesson number field and the values it may take (MNIST has 10,000 test digits). */
const LESSON_INPUTS: Readonly<Record<LessonInputName, { readonly lesson: LessonName; readonly min: number; readonly max: number }>> = {
  mnistIndex: { lesson: 'sobel', min: 0, max: 9_999 },
};
/** Kernel entries a learner types: finite and small enough that a response stays readable. */
const isKernelValues = (v: unknown): v is number[] => Array.isArray(v) && v.length === 9 && v.every((x) => isNumberIn(x, -1000, 1000));
const isValueMap = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.keys(v).length <= 500 && Object.values(v).every((x) => typeof x === 'string' && x.length < 2000);
const DATASETS: readonly DatasetName[] = ['mnist', 'bars', 'shapes'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOneOf = <T extends string>(v: unknown, allowed: readonly T[]): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;
const isIntIn = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const isNumberIn = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;
const isStringGrid = (v: unknown): v is string[][] =>
  Array.isArray(v) && v.length <= 10_000 && v.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'));

/** An input image: a dataset image by index, or 28×28 drawn pixels in [0, 1]. */
export function parseImageChoice(v: unknown): ImageChoice | undefined {
  if (!isObject(v)) return undefined;
  if (isOneOf(v.kind, DATASETS) && isIntIn(v.index, 0, 9_999)) return { kind: v.kind, index: v.index };
  if (v.kind === 'pixels' && Array.isArray(v.pixels) && v.pixels.length === 784 && v.pixels.every((p) => isNumberIn(p, 0, 1))) {
    return { kind: 'pixels', pixels: v.pixels as number[] };
  }
  return undefined;
}

/** Bounds that keep a run inside what a learner's editor can do in minutes. */
export function parseTrainSettings(v: unknown): TrainSettings | undefined {
  if (!isObject(v)) return undefined;
  const ok = isOneOf(v.dataset, DATASETS) && isIntIn(v.trainCount, 10, 60_000) && isIntIn(v.epochs, 1, 200) && isIntIn(v.batchSize, 1, 1024) &&
    isNumberIn(v.learningRate, 1e-6, 10) && isOneOf(v.optimizer, ['adam', 'sgd'] as const) && isIntIn(v.seed, 0, 2 ** 31 - 1) &&
    isIntIn(v.patience, 0, 200) && typeof v.restoreBest === 'boolean';
  if (!ok) return undefined;
  return {
    dataset: v.dataset as DatasetName, trainCount: v.trainCount as number, epochs: v.epochs as number, batchSize: v.batchSize as number,
    learningRate: v.learningRate as number, optimizer: v.optimizer as 'adam' | 'sgd', seed: v.seed as number, patience: v.patience as number,
    restoreBest: v.restoreBest as boolean,
  };
}

export function parseEnsembleSettings(v: unknown): EnsembleSettings | undefined {
  if (!isObject(v)) return undefined;
  if (!(isIndex(v.layer) && isIntIn(v.samples, 1, 2000) && isIntIn(v.seed, 0, 2 ** 31 - 1) && isOneOf(v.convention, ['standard', 'inverted'] as const))) return undefined;
  return { layer: v.layer, samples: v.samples, seed: v.seed, convention: v.convention };
}

/**
 * A picture the page decoded: a grey grid at the working size (at most MAX_WORKING_SIDE a
 * side, at least 3, values in [0, 1]) and the file's own size; or the page's reason.
 */
export function parseDecodedImage(raw: Record<string, unknown>): DecodedImage | undefined {
  if (raw.ok === false) return typeof raw.error === 'string' && raw.error.length <= 500 ? { ok: false, error: raw.error } : undefined;
  if (raw.ok !== true || !isIntIn(raw.width, 1, 1_000_000) || !isIntIn(raw.height, 1, 1_000_000)) return undefined;
  const image = raw.image;
  if (!isObject(image) || !isIntIn(image.rows, 3, MAX_WORKING_SIDE) || !isIntIn(image.cols, 3, MAX_WORKING_SIDE)) return undefined;
  const data = image.data;
  if (!Array.isArray(data) || data.length !== image.rows * image.cols || !data.every((v) => isNumberIn(v, 0, 1))) return undefined;
  return { ok: true, width: raw.width, height: raw.height, image: { rows: image.rows, cols: image.cols, data: data as number[] } };
}

export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'ready': {
      if (raw.view !== undefined && !isOneOf(raw.view, VIEWS)) return undefined;
      if (raw.uri !== undefined && !(typeof raw.uri === 'string' && raw.uri.length < 4096)) return undefined;
      if (raw.model !== undefined && !isIndex(raw.model)) return undefined;
      if (raw.mode !== undefined && !isOneOf(raw.mode, MODES)) return undefined;
      if (raw.lesson !== undefined && !isOneOf(raw.lesson, LESSON_NAMES)) return undefined;
      // Saved settings that no longer parse (an older page, hand-edited state) fall back to the host's, rather than losing the page.
      const conv = raw.conv === undefined ? undefined : parseConvSettings(raw.conv);
      return { type: 'ready', view: raw.view, mode: raw.mode, uri: raw.uri, model: raw.model, lesson: raw.lesson, ...(conv ? { conv } : {}) };
    }
    case 'showView':
      return isOneOf(raw.view, VIEWS) ? { type: 'showView', view: raw.view } : undefined;
    case 'setConvMode':
      return isOneOf(raw.mode, MODES) ? { type: 'setConvMode', mode: raw.mode } : undefined;
    case 'setConvSettings': {
      const settings = parseConvSettings(raw.settings);
      return settings ? { type: 'setConvSettings', settings } : undefined;
    }
    case 'writeConvByHandCode':
      return isOneOf(raw.framework, ['keras', 'pytorch'] as const) ? { type: 'writeConvByHandCode', framework: raw.framework } : undefined;
    case 'runCommand':
      return isOneOf(raw.command, COMMANDS) ? { type: 'runCommand', command: raw.command } : undefined;
    case 'revealLayer':
      return isIndex(raw.model) && isIndex(raw.layer) ? { type: 'revealLayer', model: raw.model, layer: raw.layer } : undefined;
    case 'selectedLayer':
      return isIndex(raw.model) && isIndex(raw.layer) ? { type: 'selectedLayer', model: raw.model, layer: raw.layer } : undefined;
    case 'requestFeatureMaps': {
      const input = parseImageChoice(raw.input);
      return input ? { type: 'requestFeatureMaps', input } : undefined;
    }
    case 'train': {
      const settings = parseTrainSettings(raw.settings);
      return settings ? { type: 'train', settings } : undefined;
    }
    case 'cancelTraining':
      return { type: 'cancelTraining' };
    case 'sampleMasks': {
      const settings = parseEnsembleSettings(raw.settings);
      const input = parseImageChoice(raw.input);
      return settings && input ? { type: 'sampleMasks', settings, input } : undefined;
    }
    case 'exportEmpty':
      return isOneOf(raw.name, FIGURES) ? { type: 'exportEmpty', name: raw.name } : undefined;
    case 'exportPng':
      return isOneOf(raw.name, FIGURES) && typeof raw.dataUrl === 'string' &&
        raw.dataUrl.startsWith('data:image/png;base64,') && raw.dataUrl.length < 20_000_000
        ? { type: 'exportPng', name: raw.name, dataUrl: raw.dataUrl }
        : undefined;
    case 'lessonAction':
      return isOneOf(raw.lesson, LESSON_NAMES) && isOneOf(raw.action, LESSON_ACTIONS) ? { type: 'lessonAction', lesson: raw.lesson, action: raw.action } : undefined;
    case 'editKernel':
      return raw.lesson === 'sobel' && isOneOf(raw.kernel, ['gx', 'gy'] as const) && isKernelValues(raw.values)
        ? { type: 'editKernel', lesson: 'sobel', kernel: raw.kernel, values: raw.values }
        : undefined;
    case 'lessonInput': {
      const field = isOneOf(raw.name, Object.keys(LESSON_INPUTS) as LessonInputName[]) ? LESSON_INPUTS[raw.name] : undefined;
      return field && raw.lesson === field.lesson && isIntIn(raw.value, field.min, field.max)
        ? { type: 'lessonInput', lesson: field.lesson, name: raw.name as LessonInputName, value: raw.value }
        : undefined;
    }
    case 'decodedImage': {
      const decoded = isIntIn(raw.token, 0, Number.MAX_SAFE_INTEGER) ? parseDecodedImage(raw) : undefined;
      return decoded ? { type: 'decodedImage', token: raw.token as number, ...decoded } : undefined;
    }
    case 'writeLessonCode':
      return isOneOf(raw.lesson, LESSON_NAMES) && isIntIn(raw.model, 0, 9) && isOneOf(raw.framework, ['keras', 'pytorch'] as const)
        ? { type: 'writeLessonCode', lesson: raw.lesson, model: raw.model, framework: raw.framework }
        : undefined;
    case 'rendered':
      if (raw.view === 'lesson') {
        const notices = raw.notices === undefined || (Array.isArray(raw.notices) && raw.notices.length <= 50 && raw.notices.every((x) => typeof x === 'string' && x.length < 2000));
        return isOneOf(raw.lesson, LESSON_NAMES) && Array.isArray(raw.sections) && raw.sections.length <= 50 && raw.sections.every((x) => typeof x === 'string') && isValueMap(raw.values) && notices
          ? { type: 'rendered', view: 'lesson', lesson: raw.lesson, sections: raw.sections as string[], values: raw.values, ...(raw.notices ? { notices: raw.notices as string[] } : {}) }
          : undefined;
      }
      if (raw.view === 'convByHand') {
        if (!isOneOf(raw.mode, MODES) || !isStringGrid(raw.output)) return undefined;
        if (raw.shown === undefined) return { type: 'rendered', view: 'convByHand', mode: raw.mode, output: raw.output };
        const shown = parseConvShown(raw.shown);
        return shown ? { type: 'rendered', view: 'convByHand', mode: raw.mode, output: raw.output, shown } : undefined;
      }
      if (raw.view === 'model') {
        return Array.isArray(raw.blocks) && raw.blocks.length <= 1000 && raw.blocks.every((b) => typeof b === 'string') &&
          isIndex(raw.kernelCanvases) && isIndex(raw.featureMapCanvases) && isIndex(raw.denseUnits)
          ? { type: 'rendered', view: 'model', blocks: raw.blocks as string[], kernelCanvases: raw.kernelCanvases, featureMapCanvases: raw.featureMapCanvases, denseUnits: raw.denseUnits }
          : undefined;
      }
      return undefined;
    default:
      return undefined;
  }
}
