/**
 * `convlab lsp --stdio`: ConvLab's language server (the one VS Code starts) for any editor
 * with an LSP client — Neovim, JupyterLab's jupyterlab-lsp, Helix, Emacs — over stdin and
 * stdout. It runs until the client sends `exit` or closes the pipe; nothing else may write to
 * stdout, so every log line goes to stderr.
 */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from '../../server/server';
import { UsageError, type CommandSpec } from '../args';

export const lspCommand: CommandSpec = {
  name: 'lsp',
  positionals: '',
  summary: 'run the language server (hovers, diagnostics, CodeLens, inlay hints) over stdio for any LSP client',
  options: {
    stdio: { type: 'boolean', description: 'speak LSP on stdin/stdout (the only transport)' },
  },
  run(args) {
    if (args.values['stdio'] !== true) throw new UsageError('convlab lsp needs --stdio');
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
    // console.log would corrupt the protocol stream: send it to stderr.
    console.log = (...a: unknown[]) => process.stderr.write(`${a.map(String).join(' ')}\n`);
    startServer(connection, { crash: () => process.exit(70) });
    // The command ends when the connection does (the client's `exit` ends the process).
    return new Promise<number>(() => undefined);
  },
};
