/**
 * A minimal LSP client for the unit tests: `convlab lsp --stdio` run from the sources
 * (node --import tsx cli/main.ts), spoken to with vscode-jsonrpc over its pipes — the
 * same bytes Neovim or jupyterlab-lsp would send.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

export const REPO = path.resolve(__dirname, '../../..');

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  close(): Promise<void>;
}

/** The CLI's `convlab lsp --stdio`, or (desktop: true) the desktop entry server/node.ts, which takes the transport from its arguments. */
export async function startStdioServer({ desktop = false } = {}): Promise<TestClient> {
  const entry = desktop ? [path.join(REPO, 'server', 'node.ts'), '--stdio'] : [path.join(REPO, 'cli', 'main.ts'), 'lsp', '--stdio'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiting: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiting]) {
      if (w.uri === p.uri && w.accept(p)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    diagnostics: (uri, accept = () => true) => new Promise((resolve) => {
      const seen = published.filter((p) => p.uri === uri && accept(p)).at(-1);
      if (seen) resolve(seen);
      else waiting.push({ uri, accept, resolve });
    }),
    open: (uri, text, languageId = 'python') => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } }),
    close: async () => {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      connection.dispose();
    },
  };
}
