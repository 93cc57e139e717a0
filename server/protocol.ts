/**
 * What the language server and the extension host say to each other beyond standard LSP:
 * the host's views (side view, lab, lessons) need whole parsed models and analyses, which
 * LSP has no message for. Types only, plus the method names, so both sides agree at compile
 * time and the host imports no parser.
 */
import type { ModelAnalysis } from '../core/analysis/types';
import type { ParseResult } from '../core/parse/types';

/** One document's models, parsed and analysed at one version. Plain JSON: it crosses the wire. */
export interface AnalysedFile {
  readonly uri: string;
  readonly version: number;
  readonly parse: ParseResult;
  /** One analysis per model, in the order of parse.models. */
  readonly analyses: readonly ModelAnalysis[];
}

/** Host → server: the models of a synced document, at (at least) this version. */
export const MODELS_REQUEST = 'convlab/models';
export interface ModelsParams {
  readonly uri: string;
  /** The host's version of the document; the server answers once its copy is this new. */
  readonly version: number;
}
/** null when the server has no such document or it is not a model file. */
export type ModelsResult = AnalysedFile | null;

/** Server → host: a layer's trained kernels, when the host keeps trained weights for it. */
export const TRAINED_KERNELS_REQUEST = 'convlab/trainedKernels';
export interface TrainedKernelsParams {
  readonly uri: string;
  readonly model: string;
  readonly layer: string;
  /** At most this many filters and input channels are sent: the hover draws no more. */
  readonly maxFilters: number;
  readonly maxChannels: number;
}
/** [outC, inC, kh, kw] of what is sent, the layer's full [outC, inC] and the values, filter-major. */
export type TrainedKernelsResult = { readonly shape: [number, number, number, number]; readonly full: [number, number]; readonly values: number[] } | null;

/** Options the host passes in `initialize` (a generic client such as Neovim passes none). */
export interface ServerInitOptions {
  /** The client answers TRAINED_KERNELS_REQUEST. */
  readonly trainedKernels?: boolean;
  /** Accept TEST_CRASH_NOTIFICATION (only VS Code's test mode sets this). */
  readonly testHooks?: boolean;
}

/** Host → server, tests only: end the server the hard way, to test the client's restart. */
export const TEST_CRASH_NOTIFICATION = 'convlab/test/crash';
