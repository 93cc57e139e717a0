/** Desktop VS Code: the server is its own Node process (dist/server/node.js), spoken to over IPC. */
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientFactory } from './service';

export function nodeLanguageClient(serverModule: string): LanguageClientFactory {
  return (options) => new LanguageClient('convlab', 'ConvLab Language Server', {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  }, options);
}
