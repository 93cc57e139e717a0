/** The webview's handle on its host: acquired once, typed with the protocol. */
import type { WebviewToHost } from './protocol';

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
}

export const vscode: VsCodeApi<PageState> = acquireVsCodeApi<PageState>();

export function saveState(patch: Partial<PageState>): void {
  vscode.setState({ ...(vscode.getState() ?? {}), ...patch });
}
