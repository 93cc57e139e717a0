/** The webview's handle on its host: acquired once, typed with the protocol. */
import type { ConvByHandSettings, EnsembleSettings, ImageChoice, LabView, LessonName, TrainSettings, WebviewToHost } from './protocol';

interface VsCodeApi<S> {
  postMessage(message: WebviewToHost): void;
  getState(): S | undefined;
  setState(state: S): S;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

/** The small state a page keeps across hide/show and window reloads (setState, not retainContext). */
export interface PageState {
  readonly mode?: 'crossCorrelation' | 'convolution';
  readonly cell?: number;
  /** Convolution by hand: the learner's input, kernel and window settings, Play's speed and whether it was playing. */
  readonly conv?: ConvByHandSettings;
  readonly speed?: number;
  readonly playing?: boolean;
  /** The lab's view, and the model file it follows (for a revived panel). */
  readonly view?: LabView;
  /** The lesson the lesson view shows. */
  readonly lesson?: LessonName;
  readonly uri?: string;
  readonly model?: number;
  /** The selected layer, by position and by name (an edit may move it). */
  readonly layer?: number;
  readonly layerName?: string;
  readonly input?: ImageChoice;
  readonly train?: TrainSettings;
  readonly ensemble?: EnsembleSettings;
  /** Units the dense-weights section shows. */
  readonly denseUnits?: number;
}

export const vscode: VsCodeApi<PageState> = acquireVsCodeApi<PageState>();

export function saveState(patch: Partial<PageState>): void {
  vscode.setState({ ...(vscode.getState() ?? {}), ...patch });
}
