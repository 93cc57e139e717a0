/** The side view: what ConvLab offers now, one click from the activity bar. */
import { custom, el } from './dom';
import type { PageStrings } from './protocol';
import { vscode } from './vscodeApi';

export function renderSidePage(root: HTMLElement, s: PageStrings): void {
  const open = custom('vscode-button', {}, s.openConvByHand!);
  open.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.convByHand' }));
  const log = custom('vscode-button', { secondary: true }, s.showLog!);
  log.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'convlab.showLog' }));
  root.replaceChildren(
    el('p', {}, s.sideIntro!),
    el('p', {}, s.sideLessons!),
    el('div', { class: 'controls' }, open, log),
  );
}
