/**
 * VS Code for the web: the server is a Web Worker (dist/server/browser.js). The library's
 * browser client keeps one Worker for its whole life, so it could never restart a dead
 * server; this client starts a new Worker for every connection. A Web Worker does not exit
 * on an uncaught error, so an error event is taken as the server's death: the worker is
 * ended and the connection closed, and the client's error handler starts a new one.
 */
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import type { LanguageClientFactory } from './service';

/** A reader that reports the worker's death as the end of the connection. */
class WorkerReader extends BrowserMessageReader {
  constructor(worker: Worker) {
    super(worker);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      this.fireClose();
    });
  }
}

class WorkerLanguageClient extends BaseLanguageClient {
  private worker: Worker | undefined;

  constructor(options: LanguageClientOptions, private readonly scriptUrl: string) {
    super('convlab', 'ConvLab Language Server', options);
  }

  protected override createMessageTransports(): Promise<MessageTransports> {
    this.worker?.terminate();
    const worker = new Worker(this.scriptUrl);
    this.worker = worker;
    return Promise.resolve({ reader: new WorkerReader(worker), writer: new BrowserMessageWriter(worker) });
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.worker?.terminate();
      this.worker = undefined;
    }
  }
}

export function webLanguageClient(scriptUrl: string): LanguageClientFactory {
  return (options) => new WorkerLanguageClient(options, scriptUrl);
}
