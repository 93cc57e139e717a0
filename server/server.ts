/**
 * The ConvLab language server on any connection (a Node process, a Web Worker, stdio):
 * document sync, hovers, pushed diagnostics, CodeLens, inlay hints and the host's custom
 * requests, all over one AnalysisCache. The transport is the caller's (node.ts, browser.ts,
 * the CLI's `convlab lsp --stdio`).
 */
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analyse';
import { codeLensesOf } from './codeLens';
import { diagnosticsOf } from './diagnostics';
import { hoverAt, type TrainedKernelSource } from './hover';
import { inlayHintsOf } from './inlayHints';
import { MODELS_REQUEST, TEST_CRASH_NOTIFICATION, TRAINED_KERNELS_REQUEST, type ModelsParams, type ModelsResult, type ServerInitOptions, type TrainedKernelsResult } from './protocol';
import { SettingsCache } from './settings';

/** Diagnostics wait this long after the last keystroke (typing is not re-read per key). */
const DIAGNOSTICS_DEBOUNCE_MS = 300;
/** A custom request for a version the server has not received yet waits at most this long. */
const VERSION_WAIT_MS = 3000;

export interface ServerHooks {
  /** Ends the server the hard way (process exit, uncaught error): the test of the client's restart. */
  readonly crash: () => void;
}

export function startServer(connection: Connection, hooks: ServerHooks): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const settings = new SettingsCache(connection);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let init: ServerInitOptions = {};
  let refreshLenses = false;
  let refreshHints = false;

  const analysed = async (uri: string) => {
    const doc = documents.get(uri);
    return doc ? cache.get(doc, await settings.get(uri)) : undefined;
  };

  const trained: TrainedKernelSource = async (params) => {
    if (!init.trainedKernels) return undefined;
    const r = await connection.sendRequest<TrainedKernelsResult>(TRAINED_KERNELS_REQUEST, params);
    return r ? { shape: r.shape, values: Float32Array.from(r.values), full: r.full } : undefined;
  };

  const publish = async (uri: string): Promise<void> => {
    const file = await analysed(uri);
    if (!documents.get(uri)) return;
    await connection.sendDiagnostics({ uri, diagnostics: file ? diagnosticsOf(file) : [] });
  };

  const schedule = (uri: string, ms: number): void => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void publish(uri);
    }, ms));
  };

  connection.onInitialize((params): InitializeResult => {
    init = (params.initializationOptions ?? {}) as ServerInitOptions;
    const caps = params.capabilities;
    settings.supported = caps.workspace?.configuration === true;
    refreshLenses = caps.workspace?.codeLens?.refreshSupport === true;
    refreshHints = caps.workspace?.inlayHint?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'convlab' },
    };
  });

  // TextDocuments fires a content change right after each open: that one is the open itself,
  // published at once; later changes are typing, debounced.
  const opening = new Set<string>();
  documents.onDidOpen((e) => opening.add(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri, opening.delete(e.document.uri) ? 0 : DIAGNOSTICS_DEBOUNCE_MS));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    cache.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
    if (refreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (refreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onHover(async ({ textDocument, position }) => {
    const file = await analysed(textDocument.uri);
    return file ? hoverAt(file, position.line, position.character, (await settings.get(textDocument.uri)).seed, trained) : null;
  });

  connection.onCodeLens(async ({ textDocument }) => {
    if (!(await settings.get(textDocument.uri)).codeLensEnabled) return [];
    const file = await analysed(textDocument.uri);
    return file ? codeLensesOf(file) : [];
  });

  connection.languages.inlayHint.on(async ({ textDocument, range }) => {
    if (!(await settings.get(textDocument.uri)).inlayHintsEnabled) return [];
    const doc = documents.get(textDocument.uri);
    const file = await analysed(textDocument.uri);
    return doc && file ? inlayHintsOf(file, doc, range) : [];
  });

  connection.onRequest(MODELS_REQUEST, async (params: ModelsParams): Promise<ModelsResult> => {
    await newEnough(params);
    return (await analysed(params.uri)) ?? null;
  });

  /** Resolves once the synced copy of the document is at least the host's version (or after a wait). */
  function newEnough({ uri, version }: ModelsParams): Promise<void> {
    const ok = (): boolean => (documents.get(uri)?.version ?? -1) >= version;
    if (ok()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        a.dispose();
        b.dispose();
        resolve();
      };
      const timer = setTimeout(done, VERSION_WAIT_MS);
      const a = documents.onDidOpen(() => ok() && done());
      const b = documents.onDidChangeContent(() => ok() && done());
    });
  }

  connection.onNotification(TEST_CRASH_NOTIFICATION, () => {
    if (init.testHooks) hooks.crash();
  });

  documents.listen(connection);
  connection.listen();
}
