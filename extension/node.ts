/** The Node extension host's entry (desktop VS Code): the worker is a worker_thread, the language server a child process. */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { activateConvLab, type ConvLabApi } from './activate';
import { nodeLanguageClient } from './language/nodeClient';
import { nodeWorkerFactory } from './worker/nodeFactory';

export function activate(context: vscode.ExtensionContext): ConvLabApi {
  return activateConvLab(
    context,
    nodeWorkerFactory(path.join(context.extensionPath, 'dist', 'worker.js')),
    nodeLanguageClient(path.join(context.extensionPath, 'dist', 'server', 'node.js')),
    availableParallelism(),
  );
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
