/**
 * The ConvLab language server on any connection (a Node process, a Web Worker, stdio):
 * document and notebook sync, hovers, pushed diagnostics, CodeLens, inlay hints, quick
 * fixes and the host's custom requests, all over one AnalysisCache. A notebook's cells are
 * read as one program (server/notebook.ts, server/views.ts). The transport is the caller's
 * (node.ts, browser.ts, the CLI's `convlab lsp --stdio`).
 */
import { CodeActionKind, NotebookDocuments, TextDocuments, TextDocumentSyncKind, type CodeAction, type Connection, type Diagnostic, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analyse';
import { codeLensesOf } from './codeLens';
import { diagnosticsOf } from './diagnostics';
import { hoverAt, type TrainedKernelSource } from './hover';
import { inlayHintsOf } from './inlayHints';
import { cellAt } from './notebook';
import { MODELS_REQUEST, TEST_CRASH_NOTIFICATION, TRAINED_KERNELS_REQUEST, type ModelsParams, type ModelsResult, type ServerInitOptions, type TrainedKernelsResult } from './protocol';
import { quickFixesOf } from './quickFixes';
import { SettingsCache } from './settings';
import { fromProgram, toProgram, Views, type View } from './views';

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
  const notebooks = new NotebookDocuments(TextDocument);
  const cache = new AnalysisCache();
  const views = new Views(documents, notebooks, cache);
  const settings = new SettingsCache(connection);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The cells each notebook last got diagnostics for, to clear the ones that have none now. */
  const publishedCells = new Map<string, Set<string>>();
  let init: ServerInitOptions = {};
  let refreshLenses = false;
  let refreshHints = false;

  const viewOf = async (uri: string): Promise<View | undefined> => views.view(uri, await settings.get(views.notebookOf(uri) ?? uri));

  const trained: TrainedKernelSource = async (params) => {
    if (!init.trainedKernels) return undefined;
    const r = await connection.sendRequest<TrainedKernelsResult>(TRAINED_KERNELS_REQUEST, params);
    return r ? { shape: r.shape, values: Float32Array.from(r.values), full: r.full } : undefined;
  };

  const publishNotebook = async (notebookUri: string): Promise<void> => {
    const program = views.program(notebookUri);
    if (!program) return;
    const file = cache.get(program.doc, await settings.get(notebookUri));
    const perCell = new Map<string, Diagnostic[]>(program.cells.map((c) => [c.uri, []]));
    for (const d of file ? diagnosticsOf(file) : []) {
      const at = cellAt(program, d.range.start.line);
      const range = at && fromProgram({ file: file!, doc: program.doc, offset: at.cell.startLine, lineCount: at.cell.lineCount }, d.range);
      if (at && range) perCell.get(at.cell.uri)!.push({ ...d, range });
    }
    for (const uri of publishedCells.get(notebookUri) ?? []) if (!perCell.has(uri)) perCell.set(uri, []);
    publishedCells.set(notebookUri, new Set(program.cells.map((c) => c.uri)));
    for (const [uri, diagnostics] of perCell) await connection.sendDiagnostics({ uri, diagnostics });
  };

  const publish = async (uri: string): Promise<void> => {
    if (notebooks.getNotebookDocument(uri)) return publishNotebook(uri);
    const view = await viewOf(uri);
    if (!documents.get(uri)) return;
    await connection.sendDiagnostics({ uri, diagnostics: view ? diagnosticsOf(view.file) : [] });
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
        // LSP 3.17: a notebook's Python cells come as one notebook, read as one program.
        notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
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

  notebooks.onDidOpen((n) => {
    views.invalidate(n.uri);
    schedule(n.uri, 0);
  });
  notebooks.onDidChange((e) => {
    views.changed(e.notebookDocument.uri);
    schedule(e.notebookDocument.uri, DIAGNOSTICS_DEBOUNCE_MS);
  });
  notebooks.onDidClose((n) => {
    clearTimeout(timers.get(n.uri));
    views.invalidate(n.uri);
    for (const uri of publishedCells.get(n.uri) ?? []) void connection.sendDiagnostics({ uri, diagnostics: [] });
    publishedCells.delete(n.uri);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
    for (const uri of publishedCells.keys()) schedule(uri, 0);
    if (refreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (refreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onHover(async ({ textDocument, position }) => {
    const view = await viewOf(textDocument.uri);
    if (!view) return null;
    const at = toProgram(view, position);
    const hover = await hoverAt(view.file, at.line, at.character, (await settings.get(textDocument.uri)).seed, trained);
    if (!hover) return null;
    const range = hover.range && fromProgram(view, hover.range);
    return { contents: hover.contents, ...(range ? { range } : {}) };
  });

  connection.onCodeLens(async ({ textDocument }) => {
    if (!(await settings.get(textDocument.uri)).codeLensEnabled) return [];
    const view = await viewOf(textDocument.uri);
    if (!view) return [];
    return codeLensesOf(view.file).flatMap((lens) => {
      const range = fromProgram(view, lens.range);
      // In a notebook the actions act on the cell the model starts in.
      const command = lens.command && { ...lens.command, arguments: [textDocument.uri, ...(lens.command.arguments ?? []).slice(1)] };
      return range ? [{ ...lens, range, ...(command ? { command } : {}) }] : [];
    });
  });

  connection.languages.inlayHint.on(async ({ textDocument, range }) => {
    if (!(await settings.get(textDocument.uri)).inlayHintsEnabled) return [];
    const view = await viewOf(textDocument.uri);
    if (!view) return [];
    const visible = { start: toProgram(view, range.start), end: toProgram(view, range.end) };
    return inlayHintsOf(view.file, view.doc, visible).flatMap((h) => {
      const at = fromProgram(view, { start: h.position, end: h.position });
      return at ? [{ ...h, position: at.start }] : [];
    });
  });

  connection.onCodeAction(async ({ textDocument, range }) => {
    const view = await viewOf(textDocument.uri);
    if (!view) return [];
    const asked = { start: toProgram(view, range.start), end: toProgram(view, range.end) };
    // Edits are computed on the program; an action whose edits leave this cell is not offered.
    return quickFixesOf(view.file, view.doc, asked).flatMap((a): CodeAction[] => {
      const edits = a.edit?.changes?.[view.file.uri] ?? [];
      const mapped = edits.map((e) => ({ ...e, range: fromProgram(view, e.range) }));
      if (mapped.some((e) => !e.range)) return [];
      const diagnostics = a.diagnostics?.flatMap((d) => {
        const r = fromProgram(view, d.range);
        return r ? [{ ...d, range: r }] : [];
      });
      return [{ ...a, ...(diagnostics ? { diagnostics } : {}), edit: { changes: { [textDocument.uri]: mapped.map((e) => ({ newText: e.newText, range: e.range! })) } } }];
    });
  });

  connection.onRequest(MODELS_REQUEST, async (params: ModelsParams): Promise<ModelsResult> => {
    await newEnough(params);
    return (await viewOf(params.uri))?.file ?? null;
  });

  /** Resolves once the synced copy of the document is at least the host's version (or after a wait). */
  function newEnough({ uri, version }: ModelsParams): Promise<void> {
    const ok = (): boolean => views.versionOf(uri) >= version;
    if (ok()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        subscriptions.forEach((s) => s.dispose());
        resolve();
      };
      const timer = setTimeout(done, VERSION_WAIT_MS);
      const subscriptions = [
        documents.onDidOpen(() => ok() && done()),
        documents.onDidChangeContent(() => ok() && done()),
        notebooks.onDidOpen(() => ok() && done()),
        notebooks.onDidChange(() => ok() && done()),
      ];
    });
  }

  connection.onNotification(TEST_CRASH_NOTIFICATION, () => {
    if (init.testHooks) hooks.crash();
  });

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
}
