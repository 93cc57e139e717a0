/**
 * `ConvLab: Open Example`: the model files a learner opens first ship inside the extension
 * (examples/); one opens as a new, editable document, so nothing in the extension's folder
 * is ever written and it works in virtual workspaces and on the web alike.
 */
import * as vscode from 'vscode';

// The Python examples: an untitled copy of a .convlab.json would lose the file name that marks it.
export const EXAMPLES = ['mnist_cnn_keras.py', 'mnist_cnn_pytorch.py', 'mnist_mlp_keras.py', 'depth_experiment_keras.py'] as const;

export async function openExample(extensionUri: vscode.Uri, name?: string, options: vscode.TextDocumentShowOptions = {}): Promise<vscode.TextEditor | undefined> {
  const chosen = name && (EXAMPLES as readonly string[]).includes(name)
    ? name
    : await vscode.window.showQuickPick([...EXAMPLES], { placeHolder: vscode.l10n.t('Open an example model') });
  if (!chosen) return undefined;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', chosen));
  const content = new TextDecoder().decode(bytes);
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
  return vscode.window.showTextDocument(doc, options);
}

export function registerExampleCommand(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('convlab.openExample', (name?: unknown) => openExample(extensionUri, typeof name === 'string' ? name : EXAMPLES[0]));
}
