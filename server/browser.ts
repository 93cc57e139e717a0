/** The server as a Web Worker (VS Code for the web; see extension/language/webClient.ts). */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// A Web Worker cannot exit; an uncaught error reaches the host's Worker.onerror, which the
// client treats as the server's death (the worker is ended and a new one started).
startServer(connection, { crash: () => setTimeout(() => { throw new Error('ConvLab test: language server crash'); }, 0) });
