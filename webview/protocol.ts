import type { ModelSummary } from '../core/analysis/summary';

/**
 * The host↔webview protocol: types only, imported with `import type` by the extension
 * (extension/webview/) and by the page (webview/). Each side validates what it receives.
 */

export type ViewKind = 'lab' | 'side';
export type ConvModeName = 'crossCorrelation' | 'convolution';

/** A small grid as plain numbers: the arithmetic views show every value as text. */
export interface GridData {
  readonly rows: number;
  readonly cols: number;
  /** Row-major. */
  readonly data: readonly number[];
}

export interface ConvByHandData {
  readonly mode: ConvModeName;
  readonly input: GridData;
  readonly kernel: GridData;
  /** The kernel that slides: flipped by 180° for true convolution. */
  readonly slidKernel: GridData;
  readonly output: GridData;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
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

export type HostToWebview =
  | { readonly type: 'convByHand'; readonly data: ConvByHandData }
  /** null when the active editor holds no model. */
  | { readonly type: 'summary'; readonly data: SummaryView | null }
  | { readonly type: 'error'; readonly message: string };

export type CommandFromWebview = 'convlab.convByHand' | 'convlab.showLog';


export type WebviewToHost =
  /** The page has loaded and wants its content. */
  | { readonly type: 'ready' }
  /** The learner switched between cross-correlation and true convolution. */
  | { readonly type: 'setConvMode'; readonly mode: ConvModeName }
  /** A button in the page that runs one of ConvLab's commands. */
  | { readonly type: 'runCommand'; readonly command: CommandFromWebview }
  /** Select a layer's code in the editor (a click or Enter on a summary row). */
  | { readonly type: 'revealLayer'; readonly model: number; readonly layer: number }
  /** The numbers the page now shows, read back from its DOM: logged, and checked by tests. */
  | { readonly type: 'rendered'; readonly view: 'convByHand'; readonly mode: ConvModeName; readonly output: readonly (readonly string[])[] };
