/** Figures the learner exports from the lab: PNG files in the workspace (or where they choose). */
import * as vscode from 'vscode';

export async function saveFigure(name: string, dataUrl: string): Promise<vscode.Uri | undefined> {
  const base64 = dataUrl.slice('data:image/png;base64,'.length);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const target = folder
    ? vscode.Uri.joinPath(folder, 'convlab-figures', `${name}-${stamp}.png`)
    : await vscode.window.showSaveDialog({ filters: { PNG: ['png'] }, saveLabel: vscode.l10n.t('Export figure') });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}
