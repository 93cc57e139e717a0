/** Figures the learner exports from the lab: PNG files in the workspace (or where they choose). */
import * as vscode from 'vscode';
import { readPngHeader } from './pngHeader';

const DATA_URL_PREFIX = 'data:image/png;base64,';

/** The PNG bytes of a data URL from the page; an error that says what is wrong, never a half-written file. */
export function pngBytes(dataUrl: string): Uint8Array {
  if (!dataUrl.startsWith(DATA_URL_PREFIX)) throw new Error(vscode.l10n.t('the figure is not a PNG data URL'));
  let binary: string;
  try {
    binary = atob(dataUrl.slice(DATA_URL_PREFIX.length));
  } catch {
    throw new Error(vscode.l10n.t('the figure\'s base64 is damaged'));
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (!readPngHeader(bytes)) throw new Error(vscode.l10n.t('the figure is not a PNG image'));
  return bytes;
}

/**
 * Writes the figure to convlab-figures/<name>-<time>.png in the first workspace folder; with
 * no folder open, asks where (a save dialog). Undefined when the learner cancels the dialog.
 */
export async function saveFigure(name: string, dataUrl: string): Promise<vscode.Uri | undefined> {
  const bytes = pngBytes(dataUrl);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 23);
  const target = folder
    ? vscode.Uri.joinPath(folder, 'convlab-figures', `${name}-${stamp}.png`)
    : await vscode.window.showSaveDialog({ filters: { PNG: ['png'] }, saveLabel: vscode.l10n.t('Export figure') });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}
