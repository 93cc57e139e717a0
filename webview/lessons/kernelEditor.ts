/**
 * An editable kernel: one number field per entry, arrow keys move between them. Each valid
 * edit is sent at once (no Apply button) so the map follows the learner's typing.
 */
import { el } from '../dom';
import type { LessonKernel, PageStrings } from '../protocol';
import { vscode } from '../vscodeApi';

export function kernelEditor(k: LessonKernel, s: PageStrings): HTMLElement {
  const inputs: HTMLInputElement[] = [];
  const grid = el('div', { class: 'kernel-editor', role: 'group', 'aria-label': k.caption });
  grid.style.setProperty('--cols', String(k.cols));
  const send = (): void => {
    const values = inputs.map((i) => Number(i.value));
    // Half-typed numbers ("-", "") wait for the next keystroke rather than being sent as 0.
    if (values.every((v, i) => inputs[i]!.value.trim() !== '' && Number.isFinite(v) && Math.abs(v) <= 1000)) {
      vscode.postMessage({ type: 'editKernel', lesson: 'sobel', kernel: k.name, values });
    }
  };
  k.values.forEach((v, i) => {
    const r = Math.floor(i / k.cols);
    const c = i % k.cols;
    const label = (s.lessonKernelCell ?? '{0} {1} {2}').replace('{0}', k.name).replace('{1}', String(r + 1)).replace('{2}', String(c + 1));
    const input = el('input', { type: 'number', step: 'any', value: String(v), 'aria-label': label, 'data-focus-id': `${k.name}-${i}`, class: 'kernel-cell' });
    input.addEventListener('input', send);
    input.addEventListener('keydown', (e) => {
      // Up and down stay the number field's own steppers; left and right (with Alt) move between cells.
      const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1 };
      const d = e.altKey ? moves[e.key] : undefined;
      if (d === undefined) return;
      e.preventDefault();
      inputs[(i + d + inputs.length) % inputs.length]!.focus();
    });
    inputs.push(input);
    grid.append(input);
  });
  return el('figure', { class: 'grid-figure' }, el('figcaption', {}, k.caption), grid);
}
