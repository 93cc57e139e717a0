/** Messages from the host are checked too before the page draws them. */
import { MAX_IMAGE_BYTES } from '../core/image/header';
import { isConvByHand } from './byHand/validate';
import type { DenseWeightsView, FigureName, LessonPageData, EnsembleView, FeatureMapsView, HostToWebview, KernelLayer, KernelsView, ModelView, SectionName, SideKernelsView, SummaryView, TrainingView } from './protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isSummary(v: unknown): v is SummaryView | null {
  if (v === null) return true;
  if (!isObject(v) || typeof v.fileName !== 'string' || !Array.isArray(v.models)) return false;
  return v.models.every((m: unknown) =>
    isObject(m) && typeof m.name === 'string' && typeof m.totalParams === 'number' && Array.isArray(m.layers) && Array.isArray(m.diagnostics) &&
    m.layers.every((l: unknown) => isObject(l) && typeof l.name === 'string' && typeof l.type === 'string' && typeof l.outputShape === 'string'));
}

const isNumbers = (v: unknown, length?: number): boolean =>
  (ArrayBuffer.isView(v) || (Array.isArray(v) && v.every((x) => typeof x === 'number'))) &&
  (length === undefined || (v as ArrayLike<number>).length === length);
const isShape = (v: unknown): v is number[] => Array.isArray(v) && v.length <= 4 && v.every((x) => Number.isInteger(x) && x > 0);
const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const isWeights = (v: unknown): boolean => v === 'initial' || v === 'trained' || v === 'training';

function isModelView(v: unknown): v is ModelView | null {
  if (v === null) return true;
  return isObject(v) && typeof v.uri === 'string' && typeof v.name === 'string' && typeof v.fileName === 'string' && Number.isInteger(v.modelIndex) &&
    typeof v.inputShape === 'string' && typeof v.runnable === 'boolean' && typeof v.trainable === 'boolean' && Array.isArray(v.modelProblems) && Array.isArray(v.layers) &&
    Array.isArray(v.datasets) && v.datasets.every((d: unknown) => d === 'mnist' || d === 'bars' || d === 'shapes') &&
    Array.isArray(v.runtimeNotes) && v.runtimeNotes.every((n: unknown) => typeof n === 'string') &&
    v.layers.every((l: unknown) => isObject(l) && Number.isInteger(l.index) && typeof l.name === 'string' && typeof l.type === 'string' &&
      typeof l.kind === 'string' && typeof l.outputShape === 'string' && Array.isArray(l.problems));
}

const isKernelLayer = (k: unknown): k is KernelLayer =>
  isObject(k) && Number.isInteger(k.layer) && typeof k.name === 'string' && isShape(k.shape) && k.shape.length === 4 && isNumbers(k.values, product(k.shape));

function isKernels(v: unknown): v is KernelsView {
  return isObject(v) && typeof v.uri === 'string' && isWeights(v.weights) && Array.isArray(v.layers) && v.layers.every(isKernelLayer);
}

function isDenseWeights(v: unknown): v is DenseWeightsView {
  if (!isObject(v) || typeof v.uri !== 'string' || !isWeights(v.weights) || !Number.isInteger(v.layer) || typeof v.name !== 'string') return false;
  const shape = v.imageShape;
  return isShape(shape) && shape.length === 3 && Number.isInteger(v.units) && Number.isInteger(v.shownUnits) && (v.shownUnits as number) <= (v.units as number) &&
    isNumbers(v.values, (v.shownUnits as number) * product(shape)) && typeof v.scale === 'number' && Number.isFinite(v.scale) &&
    (v.flattenedBy === null || typeof v.flattenedBy === 'string') && typeof v.isOutput === 'boolean';
}

function isSideKernels(v: unknown): v is SideKernelsView | null {
  if (v === null) return true;
  return isObject(v) && typeof v.uri === 'string' && Number.isInteger(v.modelIndex) && Number.isInteger(v.layer) && typeof v.name === 'string' &&
    typeof v.type === 'string' && ['cursor', 'lab', 'first'].includes(v.selectedBy as string) && isWeights(v.weights) &&
    Number.isInteger(v.totalFilters) && (v.kernel === null ? typeof v.note === 'string' : isKernelLayer(v.kernel));
}

const SECTIONS: readonly SectionName[] = ['kernels', 'denseWeights', 'featureMaps', 'ensemble', 'training'];

/** A view's input image: the 784 of a digit, or a model's own [C, H, W] (at most 4 × 256 × 256). */
function isImage(v: unknown): boolean {
  const n = (v as { length?: unknown } | null)?.length;
  return typeof n === 'number' && n >= 1 && n <= 4 * 256 * 256 && isNumbers(v, n);
}

function isFeatureMaps(v: unknown): v is FeatureMapsView {
  return isObject(v) && typeof v.uri === 'string' && isWeights(v.weights) && isImage(v.input) && Array.isArray(v.outputs) &&
    v.outputs.every((o: unknown) => isObject(o) && Number.isInteger(o.layer) && typeof o.name === 'string' && isShape(o.shape) && isNumbers(o.values, product(o.shape)));
}

function isTraining(v: unknown): v is TrainingView {
  return isObject(v) && typeof v.uri === 'string' && ['running', 'done', 'cancelled', 'failed'].includes(v.state as string) && isObject(v.settings) &&
    Array.isArray(v.epochs) && v.epochs.every((e: unknown) => isObject(e) && Number.isInteger(e.epoch) && typeof e.loss === 'number' && typeof e.accuracy === 'number');
}

function isEnsemble(v: unknown): v is EnsembleView {
  if (!isObject(v) || typeof v.uri !== 'string' || !isObject(v.settings) || !Number.isInteger(v.outputSize) || !Number.isInteger(v.units)) return false;
  const n = (v.settings as Record<string, unknown>).samples as number;
  const k = v.outputSize as number;
  return Number.isInteger(n) && isNumbers(v.outputs, n * k) && isNumbers(v.runningMean, n * k) && isNumbers(v.mean, k) && isNumbers(v.std, k) &&
    isNumbers(v.weightScaling, k) && isNumbers(v.masks, (v.maskRows as number) * (v.units as number)) && Array.isArray(v.classNames) && isShape(v.maskShape) &&
    (v.exact === null || (isObject(v.exact) && isNumbers(v.exact.mean, k)));
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const FIGURES: readonly FigureName[] = ['kernels', 'dense-weights', 'feature-maps', 'curves', 'mask-ensemble'];
const LESSONS = ['dropout', 'depthExperiment', 'denseVsConv', 'sobel', 'receptiveField', 'equivariance', 'variableSize'];

function isLessonSection(v: unknown): boolean {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.heading !== 'string' || !isStrings(v.paragraphs) || !Array.isArray(v.tables)) return false;
  const tablesOk = v.tables.every((t: unknown) => isObject(t) && typeof t.caption === 'string' && isStrings(t.header) && Array.isArray(t.rows) && t.rows.every(isStrings));
  const mapsOk = v.maps === undefined || (Array.isArray(v.maps) && v.maps.every((m: unknown) =>
    isObject(m) && typeof m.caption === 'string' && Number.isInteger(m.rows) && Number.isInteger(m.cols) && isNumbers(m.data, (m.rows as number) * (m.cols as number)) &&
    (m.kind === 'diverging' || m.kind === 'sequential' || m.kind === 'grey') && (m.box === undefined || isNumbers(m.box, 4))));
  const kernelsOk = v.kernels === undefined || (Array.isArray(v.kernels) && v.kernels.every((k: unknown) =>
    isObject(k) && (k.name === 'gx' || k.name === 'gy') && Number.isInteger(k.rows) && Number.isInteger(k.cols) && isNumbers(k.values, (k.rows as number) * (k.cols as number))));
  const plotOk = v.plot === undefined || (isObject(v.plot) && isStrings(v.plot.series) && Array.isArray(v.plot.points) &&
    v.plot.points.every((p: unknown) => isObject(p) && typeof p.x === 'number' && Array.isArray(p.y) && p.y.every((y) => y === null || typeof y === 'number')));
  const actionsOk = v.actions === undefined || (Array.isArray(v.actions) && v.actions.every((a: unknown) => isObject(a) && typeof a.action === 'string' && typeof a.label === 'string'));
  const isTextMap = (m: unknown): boolean => m === undefined || (isObject(m) && Object.values(m).every((x) => typeof x === 'string'));
  const valuesOk = isTextMap(v.values) && isTextMap(v.valueLabels);
  const codeOk = v.code === undefined || isStrings(v.code);
  const inputsOk = v.inputs === undefined || (Array.isArray(v.inputs) && v.inputs.every((i: unknown) =>
    isObject(i) && i.name === 'mnistIndex' && typeof i.label === 'string' && Number.isInteger(i.value) && Number.isInteger(i.min) && Number.isInteger(i.max)));
  const noticeOk = v.notice === undefined || (isObject(v.notice) && (v.notice.kind === 'error' || v.notice.kind === 'info') && typeof v.notice.text === 'string');
  return tablesOk && mapsOk && kernelsOk && plotOk && actionsOk && valuesOk && codeOk && inputsOk && noticeOk;
}

function isLessonPage(v: unknown): v is LessonPageData {
  return isObject(v) && LESSONS.includes(v.lesson as string) && typeof v.title === 'string' && typeof v.intro === 'string' && isStrings(v.models) &&
    Array.isArray(v.sections) && v.sections.every(isLessonSection);
}

/** Image bytes to decode: a PNG or JPEG the host sniffed, bounded like the host bounds its reads. */
function isDecodeImage(raw: Record<string, unknown>): boolean {
  return Number.isInteger(raw.token) && (raw.token as number) >= 0 && typeof raw.name === 'string' && raw.name.length <= 1000 &&
    (raw.mime === 'image/png' || raw.mime === 'image/jpeg') && raw.bytes instanceof Uint8Array && raw.bytes.length > 0 && raw.bytes.length <= MAX_IMAGE_BYTES;
}

export function parseHostMessage(raw: unknown): HostToWebview | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'decodeImage': return isDecodeImage(raw) ? (raw as unknown as HostToWebview) : undefined;
    case 'lesson': return isLessonPage(raw.data) ? { type: 'lesson', data: raw.data } : undefined;
    case 'model': return isModelView(raw.data) ? { type: 'model', data: raw.data } : undefined;
    case 'selectLayer': return typeof raw.uri === 'string' && Number.isInteger(raw.layer) ? { type: 'selectLayer', uri: raw.uri, layer: raw.layer as number } : undefined;
    case 'kernels': return isKernels(raw.data) ? { type: 'kernels', data: raw.data } : undefined;
    case 'denseWeights': return isDenseWeights(raw.data) ? { type: 'denseWeights', data: raw.data } : undefined;
    case 'sideKernels': return isSideKernels(raw.data) ? { type: 'sideKernels', data: raw.data } : undefined;
    case 'featureMaps': return isFeatureMaps(raw.data) ? { type: 'featureMaps', data: raw.data } : undefined;
    case 'training': return isTraining(raw.data) ? { type: 'training', data: raw.data } : undefined;
    case 'ensemble': return isEnsemble(raw.data) ? { type: 'ensemble', data: raw.data } : undefined;
    case 'exportFigure':
      return FIGURES.includes(raw.figure as FigureName) ? { type: 'exportFigure', figure: raw.figure as FigureName } : undefined;
    case 'revealSection':
      return SECTIONS.includes(raw.section as SectionName) ? { type: 'revealSection', section: raw.section as SectionName } : undefined;
    case 'sectionError':
      return SECTIONS.includes(raw.section as SectionName) && typeof raw.message === 'string'
        ? { type: 'sectionError', section: raw.section as SectionName, message: raw.message }
        : undefined;
  }
  if (raw.type === 'summary' && isSummary(raw.data)) return { type: 'summary', data: raw.data };
  if (raw.type === 'convByHand' && isConvByHand(raw.data)) return { type: 'convByHand', data: raw.data };
  if (raw.type === 'error' && typeof raw.message === 'string') return { type: 'error', message: raw.message };
  return undefined;
}
