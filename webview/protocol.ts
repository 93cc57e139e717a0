import type { ModelSummary } from '../core/analysis/summary';
import type { ConvByHandSettings } from '../core/lessons/convByHandSetup';

export type { ConvByHandSettings };

/**
 * The host↔webview protocol: types only, imported with `import type` by the extension
 * (extension/webview/) and by the page (webview/). Each side validates what it receives.
 */

export type ViewKind = 'lab' | 'side';
export type ConvModeName = 'crossCorrelation' | 'convolution';

/** A grid of numbers: small ones are shown number by number, large ones as heatmaps (a Float32Array crosses without JSON). */
export interface GridData {
  readonly rows: number;
  readonly cols: number;
  /** Row-major. */
  readonly data: readonly number[] | Float32Array;
}

/** One axis of the output-size arithmetic, as core/lessons/convArithmetic works it out. */
export interface ConvAxisView {
  /** The arithmetic written out, one line per step. */
  readonly steps: readonly string[];
  /** The frameworks' formula with this axis' numbers. */
  readonly formula: string;
  readonly padBefore: number;
  readonly padAfter: number;
  readonly stride: number;
  readonly dilation: number;
  readonly extent: number;
  readonly outSize: number;
  /** Padded rows (columns) at the far end that no window covers. */
  readonly uncovered: number;
}

/** One of the lecture's two operations: the kernel it slides and its output (null when the kernel does not fit). */
export interface ConvOperationView {
  readonly slidKernel: GridData;
  readonly output: GridData | null;
}

/** Convolution by hand for the learner's settings, computed by core/ in the worker. */
export interface ConvByHandData {
  /** Which operation leads: its kernel's numbers are written on the input's window. */
  readonly mode: ConvModeName;
  /** The settings worked out (kernel values and input size filled in). */
  readonly settings: ConvByHandSettings;
  /** An MNIST input's digit. */
  readonly label: number | null;
  readonly input: GridData;
  readonly kernel: GridData;
  readonly crossCorrelation: ConvOperationView;
  readonly convolution: ConvOperationView;
  readonly rows: ConvAxisView;
  readonly cols: ConvAxisView;
  readonly outputSize: readonly [number, number];
  /** Why there is no output (the kernel does not fit), or null. */
  readonly problem: string | null;
  readonly kernelSymmetric: boolean;
  readonly sameOutput: boolean;
}

/** What the convolution-by-hand page reports it shows, read back from its DOM (for the log and the tests). */
export interface ConvByHandShown {
  /** Each operation's output as the page prints it; [] when it is drawn as a heatmap. */
  readonly outputs: { readonly crossCorrelation: readonly (readonly string[])[]; readonly convolution: readonly (readonly string[])[] };
  /** Each operation's current cell written out. */
  readonly sums: { readonly crossCorrelation: string; readonly convolution: string };
  /** The output-size arithmetic per axis, line by line. */
  readonly arithmetic: { readonly rows: readonly string[]; readonly cols: readonly string[] };
  /** [row, col] of the current cell, or null without an output. */
  readonly cell: readonly [number, number] | null;
  /** How the input is drawn: a grid of numbers or a canvas heatmap. */
  readonly drawing: 'grid' | 'canvas';
  readonly problem: string | null;
}

/** Strings the page shows, localized by the host (vscode.l10n) and passed in at load. */
export type PageStrings = Record<string, string>;

/** What the host writes into the page at load, as JSON. */
export interface PageBoot {
  readonly view: ViewKind;
  readonly strings: PageStrings;
}

/** The models of the active editor, for the side view's summary. */
export interface SummaryView {
  readonly fileName: string;
  readonly models: readonly ModelSummary[];
}

/** Which of its views the lab panel shows; kept in the page's state across reloads. */
export type LabView = 'convByHand' | 'model' | 'lesson';
export type DatasetName = 'mnist' | 'bars' | 'shapes';
export type ConventionName = 'standard' | 'inverted';

export interface AxisField {
  readonly size: number;
  readonly jump: number;
  readonly start: number;
}

/** One block of the architecture strip. */
export interface ArchLayer {
  readonly index: number;
  readonly name: string;
  /** The framework's name: Conv2D, nn.Conv2d, … */
  readonly type: string;
  /** The IR's kind: conv2d, dropout, … */
  readonly kind: string;
  /** In the framework's order, as its summary prints it. */
  readonly outputShape: string;
  /** Channels first, or null when unknown. */
  readonly outputShapeCHW: readonly number[] | null;
  readonly params: number | null;
  readonly paramsFormula: string | null;
  /** In input pixels; null when the layer has no spatial field. */
  readonly receptiveField: { readonly rows: AxisField; readonly cols: AxisField; readonly global: boolean } | null;
  readonly problems: readonly { readonly severity: 'error' | 'warning' | 'info'; readonly message: string }[];
  /** For Dropout layers: the drop rate, the lecture's keep probability and the units one mask covers. */
  readonly dropout: { readonly rate: number; readonly keepProb: number; readonly units: number | null; readonly granularity: 'element' | 'channel' } | null;
}

/** The model the lab panel follows: one model of one file. */
export interface ModelView {
  readonly uri: string;
  readonly fileName: string;
  readonly modelIndex: number;
  readonly modelCount: number;
  readonly name: string;
  readonly source: string;
  readonly inputShape: string;
  readonly inputShapeCHW: readonly number[];
  readonly totalParams: number;
  readonly layers: readonly ArchLayer[];
  /** Problems of the model as a whole (its input). */
  readonly modelProblems: readonly string[];
  /** Whether the worker can run it on an image of its input shape (no errors, every layer runs): feature maps, ensembles. */
  readonly runnable: boolean;
  /** Why not, when it cannot. */
  readonly notRunnableReason: string | null;
  /** Whether it can also be trained here: runnable, with class scores out. */
  readonly trainable: boolean;
  readonly notTrainableReason: string | null;
  /** The datasets it trains on: MNIST for 28×28 inputs, bars and shapes at any shape. */
  readonly datasets: readonly TrainSettings['dataset'][];
  /** How ConvLab runs it, where that differs from the framework (augmentation passed through). */
  readonly runtimeNotes: readonly string[];
  /** The first dense layer, when it reads a flattened image: its weights are drawn as images. */
  readonly denseImage: { readonly layer: number; readonly name: string; readonly units: number; readonly imageShape: readonly [number, number, number] } | null;
}

export interface KernelLayer {
  readonly layer: number;
  readonly name: string;
  /** [filters, input channels (per group), kh, kw], the core's layout. */
  readonly shape: readonly [number, number, number, number];
  readonly values: Float32Array | readonly number[];
}

export interface KernelsView {
  readonly uri: string;
  readonly modelIndex: number;
  /** Which weights: the seeded initial ones, the kept trained ones, or the running training's. */
  readonly weights: 'initial' | 'trained' | 'training';
  readonly seed: number;
  /** During training: the epoch (from 0) whose weights these are. */
  readonly epoch: number | null;
  readonly layers: readonly KernelLayer[];
}

/**
 * The first dense layer's weights as images: each unit's incoming weights folded back to the
 * C×H×W image its input was flattened from (core/analysis/denseTemplates.ts).
 */
export interface DenseWeightsView {
  readonly uri: string;
  readonly modelIndex: number;
  readonly weights: 'initial' | 'trained' | 'training';
  readonly seed: number;
  readonly epoch: number | null;
  readonly layer: number;
  readonly name: string;
  /** Every unit of the layer; the first `shownUnits` are sent. */
  readonly units: number;
  readonly shownUnits: number;
  readonly imageShape: readonly [number, number, number];
  /** The layer that flattened the image (Flatten, view, …), or null when the model's input is the flattened 28×28 image. */
  readonly flattenedBy: string | null;
  /** [shownUnits, C, H, W]. */
  readonly values: Float32Array | readonly number[];
  /** ±max|w| over every unit of the layer: one scale, so units compare. */
  readonly scale: number;
  /** The layer gives the model's output (only activations or dropout follow): unit i scores class i. */
  readonly isOutput: boolean;
}

/** The side view's kernel strip: the kernels of the layer the learner selected (cursor, lab panel) or the first convolution. */
export interface SideKernelsView {
  readonly uri: string;
  readonly modelIndex: number;
  readonly layer: number;
  readonly name: string;
  readonly type: string;
  readonly selectedBy: 'cursor' | 'lab' | 'first';
  readonly weights: 'initial' | 'trained' | 'training';
  readonly seed: number;
  readonly epoch: number | null;
  /** The first filters of the layer; null when it has no kernels. */
  readonly kernel: KernelLayer | null;
  /** All filters of the layer (the kernel holds the first few). */
  readonly totalFilters: number;
  /** Without kernels: a short line saying why. */
  readonly note: string | null;
}

export type ImageChoice = { readonly kind: DatasetName; readonly index: number } | { readonly kind: 'pixels'; readonly pixels: readonly number[] };

export interface FeatureMapsView {
  readonly uri: string;
  readonly modelIndex: number;
  readonly weights: 'initial' | 'trained' | 'training';
  readonly input: Float32Array | readonly number[];
  readonly label: string | null;
  readonly inputKind: DatasetName | 'pixels';
  readonly outputs: readonly { readonly layer: number; readonly name: string; readonly shape: readonly number[]; readonly values: Float32Array | readonly number[] }[];
}

export interface TrainSettings {
  readonly dataset: DatasetName;
  /** Training images (a subset keeps a run short); validation takes a fifth of them. */
  readonly trainCount: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly optimizer: 'adam' | 'sgd';
  readonly seed: number;
  /** Early stopping on val_loss; 0 switches it off. */
  readonly patience: number;
  readonly restoreBest: boolean;
}

export interface EpochPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
}

export interface TrainingView {
  readonly uri: string;
  readonly modelIndex: number;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly settings: TrainSettings;
  readonly epochs: readonly EpochPoint[];
  readonly bestEpoch: number | null;
  readonly stoppedEpoch: number | null;
  readonly restoredEpoch: number | null;
  readonly test: { readonly loss: number; readonly accuracy: number } | null;
  readonly message: string | null;
}

export interface EnsembleSettings {
  readonly layer: number;
  readonly samples: number;
  readonly seed: number;
  readonly convention: ConventionName;
}

export interface EnsembleView {
  readonly uri: string;
  readonly modelIndex: number;
  readonly settings: EnsembleSettings;
  readonly layerName: string;
  readonly units: number;
  readonly keepProb: number;
  readonly classNames: readonly string[];
  readonly label: string | null;
  readonly outputSize: number;
  readonly outputs: readonly number[];
  readonly runningMean: readonly number[];
  readonly masks: readonly number[];
  readonly maskRows: number;
  /** The shape one mask covers, to draw it over the layer's units ([C, H, W] or [F]; channels for channel dropout). */
  readonly maskShape: readonly number[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly weightScaling: readonly number[];
  readonly exact: { readonly mean: readonly number[]; readonly std: readonly number[]; readonly maskCount: number } | null;
  /** 2^units as text when too many to enumerate ("2^1600 ≈ 10^481.6"). */
  readonly maskCountText: string;
  readonly gaps: { readonly monteCarloVsExact: number | null; readonly weightScalingVsExact: number | null; readonly monteCarloVsWeightScaling: number };
}

/** The lessons the lab panel shows as views (convolution by hand has its own view). */
export type LessonName = 'dropout' | 'depthExperiment' | 'denseVsConv' | 'sobel' | 'receptiveField' | 'equivariance' | 'variableSize';

/** A table of a lesson's numbers, already formatted: the page shows them as text, never recomputes. */
export interface LessonTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A map drawn as a heatmap (with its numbers in the ARIA labels of a hidden grid). */
export interface LessonMap {
  readonly caption: string;
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly number[];
  /** Diverging around 0 (responses) or sequential from 0 (images, magnitudes). */
  readonly kind: 'diverging' | 'sequential' | 'grey';
  /** Cells to outline, row-major [top, left, bottom, right] inclusive (a receptive field). */
  readonly box?: readonly [number, number, number, number];
}

/** A 3×3 (or r×c) kernel the learner edits; each edit is sent back as a lessonAction. */
export interface LessonKernel {
  readonly name: 'gx' | 'gy';
  readonly caption: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly number[];
}

/** One point of a plot: x and one y per series (null where not yet known). */
export interface LessonPlot {
  readonly caption: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly string[];
  readonly points: readonly { readonly x: number; readonly y: readonly (number | null)[] }[];
}

export interface LessonSection {
  /** Stable id: the page marks the section with it, and the tests find it by it. */
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Lines of code (the lecture's), shown as a block. */
  readonly code?: readonly string[];
  readonly tables: readonly LessonTable[];
  readonly maps?: readonly LessonMap[];
  readonly kernels?: readonly LessonKernel[];
  readonly plot?: LessonPlot;
  /** Buttons that send a lessonAction with this action name. */
  readonly actions?: readonly { readonly action: LessonActionName; readonly label: string; readonly primary?: boolean; readonly disabled?: boolean }[];
  /** Number fields (an MNIST digit's index): a change is sent as a lessonInput. */
  readonly inputs?: readonly LessonNumberInput[];
  /** A message above the section's content: an image file that could not be read, a hint. */
  readonly notice?: { readonly kind: 'error' | 'info'; readonly text: string };
  /** Named numbers the page shows as text, and reports back (rendered) for the tests and the log. */
  readonly values?: Readonly<Record<string, string>>;
  /** What the page writes before each named value (the name itself when missing). */
  readonly valueLabels?: Readonly<Record<string, string>>;
}

export interface LessonPageData {
  readonly lesson: LessonName;
  readonly title: string;
  readonly intro: string;
  readonly sections: readonly LessonSection[];
  /** Names of the lesson's models that the Write as Keras / PyTorch buttons write out. */
  readonly models: readonly string[];
}

export type LessonActionName = 'resampleMask' | 'depthStart' | 'depthStartFull' | 'depthCancel' | 'depthClear' | 'sobelReset' | 'sobelImage'
  | 'sobelMnist' | 'sobelOpenFile' | 'openExample' | 'maskEnsembles';

export type LessonInputName = 'mnistIndex';

export interface LessonNumberInput {
  readonly name: LessonInputName;
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
}

/** Image files the lesson's page decodes (the host sniffs the bytes, not the file name). */
export type ImageMime = 'image/png' | 'image/jpeg';

/** What the page made of an image file: a grey grid at the working size, or why not. */
export type DecodedImage =
  | { readonly ok: true; readonly width: number; readonly height: number; readonly image: GridData }
  | { readonly ok: false; readonly error: string };

export type SectionName = 'kernels' | 'denseWeights' | 'featureMaps' | 'ensemble' | 'training';

export type HostToWebview =
  /** A lesson view's content, whole (lessons are small: a redraw is cheap). */
  | { readonly type: 'lesson'; readonly data: LessonPageData }
  | { readonly type: 'convByHand'; readonly data: ConvByHandData }
  /** An image file's bytes for the page to decode (createImageBitmap) and turn into grey; it answers with decodedImage. */
  | { readonly type: 'decodeImage'; readonly token: number; readonly name: string; readonly mime: ImageMime; readonly bytes: Uint8Array }
  /** The followed model, after opening or an edit; null when there is none to follow. */
  | { readonly type: 'model'; readonly data: ModelView | null }
  /** The cursor is on this layer's code. */
  | { readonly type: 'selectLayer'; readonly uri: string; readonly layer: number }
  | { readonly type: 'kernels'; readonly data: KernelsView }
  | { readonly type: 'denseWeights'; readonly data: DenseWeightsView }
  /** The side view's kernel strip; null when there is no model or no layer to show. */
  | { readonly type: 'sideKernels'; readonly data: SideKernelsView | null }
  | { readonly type: 'featureMaps'; readonly data: FeatureMapsView }
  | { readonly type: 'training'; readonly data: TrainingView }
  | { readonly type: 'ensemble'; readonly data: EnsembleView }
  /** A section could not be computed; the page shows the message there. */
  | { readonly type: 'sectionError'; readonly section: SectionName; readonly message: string }
  /** Scroll the model view to a section and move focus to its heading (the dropout lesson's link to mask ensembles). */
  | { readonly type: 'revealSection'; readonly section: SectionName }
  /** ConvLab: Export Figure — the page draws this section's figure and sends it back as exportPng. */
  | { readonly type: 'exportFigure'; readonly figure: FigureName }
  /** null when the active editor holds no model. */
  | { readonly type: 'summary'; readonly data: SummaryView | null }
  | { readonly type: 'error'; readonly message: string };

/** The lab's figures that export as PNG; the name is also the file's name in convlab-figures/. */
export type FigureName = 'kernels' | 'dense-weights' | 'feature-maps' | 'curves' | 'mask-ensemble';

export type CommandFromWebview = 'convlab.convByHand' | 'convlab.showLog' | 'convlab.visualize' | 'convlab.train';


export type WebviewToHost =
  /** The page has loaded and wants its content: the lab says which view it was showing (its saved state). */
  | { readonly type: 'ready'; readonly view?: LabView; readonly mode?: ConvModeName; readonly uri?: string; readonly model?: number; readonly lesson?: LessonName; readonly conv?: ConvByHandSettings }
  /** A lesson's button; kernel edits carry the kernel's name and its values. */
  | { readonly type: 'lessonAction'; readonly lesson: LessonName; readonly action: LessonActionName }
  | { readonly type: 'editKernel'; readonly lesson: 'sobel'; readonly kernel: 'gx' | 'gy'; readonly values: readonly number[] }
  /** A lesson's number field changed. */
  | { readonly type: 'lessonInput'; readonly lesson: LessonName; readonly name: LessonInputName; readonly value: number }
  /** The answer to decodeImage with the same token. */
  | ({ readonly type: 'decodedImage'; readonly token: number } & DecodedImage)
  /** Write one of the lesson's models as code into a new editor. */
  | { readonly type: 'writeLessonCode'; readonly lesson: LessonName; readonly model: number; readonly framework: 'keras' | 'pytorch' }
  /** The named numbers a lesson view shows, read back from its DOM. */
  | { readonly type: 'rendered'; readonly view: 'lesson'; readonly lesson: LessonName; readonly sections: readonly string[]; readonly values: Readonly<Record<string, string>>; readonly notices?: readonly string[] }
  /** The learner switched the lab's view. */
  | { readonly type: 'showView'; readonly view: LabView }
  /** Feature maps for this input, through the followed model. */
  | { readonly type: 'requestFeatureMaps'; readonly input: ImageChoice }
  /** Train the followed model with these settings. */
  | { readonly type: 'train'; readonly settings: TrainSettings }
  | { readonly type: 'cancelTraining' }
  /** Sample a Dropout layer's masks for this input. */
  | { readonly type: 'sampleMasks'; readonly settings: EnsembleSettings; readonly input: ImageChoice }
  /** Save a figure (a canvas as a PNG data URL) to the workspace. */
  | { readonly type: 'exportPng'; readonly name: FigureName; readonly dataUrl: string }
  /** The figure asked for by exportFigure has nothing drawn yet. */
  | { readonly type: 'exportEmpty'; readonly name: FigureName }
  /** The model view's blocks as the page draws them, read back from its DOM (for the log and the tests). */
  | { readonly type: 'rendered'; readonly view: 'model'; readonly blocks: readonly string[]; readonly kernelCanvases: number; readonly featureMapCanvases: number; readonly denseUnits: number }
  /** The learner switched between cross-correlation and true convolution. */
  | { readonly type: 'setConvMode'; readonly mode: ConvModeName }
  /** The learner changed convolution by hand's input, kernel, padding, stride or dilation. */
  | { readonly type: 'setConvSettings'; readonly settings: ConvByHandSettings }
  /** Write convolution by hand's layer, with the current settings, as code into a new editor. */
  | { readonly type: 'writeConvByHandCode'; readonly framework: 'keras' | 'pytorch' }
  /** A button in the page that runs one of ConvLab's commands. */
  | { readonly type: 'runCommand'; readonly command: CommandFromWebview }
  /** The learner selected a layer in the lab's strip without revealing its code (arrow keys): the side view follows. */
  | { readonly type: 'selectedLayer'; readonly model: number; readonly layer: number }
  /** Select a layer's code in the editor (a click or Enter on a summary row). */
  | { readonly type: 'revealLayer'; readonly model: number; readonly layer: number }
  /** The numbers the page now shows, read back from its DOM: logged, and checked by tests. */
  | { readonly type: 'rendered'; readonly view: 'convByHand'; readonly mode: ConvModeName; readonly output: readonly (readonly string[])[]; readonly shown?: ConvByHandShown };
