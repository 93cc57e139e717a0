/**
 * The lesson view: draws a lesson the host computed (core/lessons) from its sections —
 * text, the lecture's code, tables of numbers, heatmaps, editable kernels, a plot and
 * buttons. Every number is text in the DOM (tables, ARIA labels), and the named values are
 * read back from the DOM and reported, so the log and the tests see what the learner sees.
 */
import { custom, el } from '../dom';
import type { LessonNumberInput, LessonPageData, LessonSection, LessonTable, PageStrings } from '../protocol';
import { vscode } from '../vscodeApi';
import { kernelEditor } from './kernelEditor';
import { lessonMap } from './mapView';
import { lessonPlot } from './plot';

export class LessonView {
  private data: LessonPageData | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly s: PageStrings,
  ) {}

  show(data: LessonPageData): void {
    // A different lesson starts at its top; the same one (a new mask, an edit) keeps its place.
    const fresh = this.data?.lesson !== data.lesson;
    this.data = data;
    this.render();
    if (fresh) window.scrollTo(0, 0);
    this.report();
  }

  /** After a theme change: the canvases take their colours from the theme. */
  redraw(): void {
    if (this.data) this.render();
  }

  private render(): void {
    const d = this.data!;
    // Keep focus on the control the learner was using (a kernel cell, a button) across the redraw.
    const focusId = (document.activeElement as HTMLElement | null)?.dataset?.focusId;
    this.root.replaceChildren(
      el('h2', {}, d.title),
      el('p', { class: 'intro' }, d.intro),
      ...d.sections.map((section) => this.section(d, section)),
      ...(d.models.length > 0 ? [this.codeButtons(d)] : []),
    );
    if (focusId) this.root.querySelector<HTMLElement>(`[data-focus-id="${focusId}"]`)?.focus();
  }

  private section(d: LessonPageData, section: LessonSection): HTMLElement {
    const headingId = `lesson-${section.id}`;
    const node = el('section', { class: 'lesson-section', 'data-section': section.id, 'aria-labelledby': headingId },
      el('h3', { id: headingId }, section.heading));
    if (section.notice) node.append(el('p', { class: `notice ${section.notice.kind}`, role: section.notice.kind === 'error' ? 'alert' : 'status' }, section.notice.text));
    for (const p of section.paragraphs) node.append(el('p', {}, p));
    if (section.values) {
      const list = el('dl', { class: 'lesson-values' });
      for (const [name, value] of Object.entries(section.values)) {
        list.append(el('dt', {}, section.valueLabels?.[name] ?? name), el('dd', { 'data-value': name }, value));
      }
      node.append(list);
    }
    // The buttons sit under the numbers they change, above the long tables.
    if ((section.actions && section.actions.length > 0) || (section.inputs && section.inputs.length > 0)) {
      const row = el('div', { class: 'controls' });
      for (const a of section.actions ?? []) {
        const b = custom('vscode-button', { secondary: !a.primary, disabled: a.disabled, 'data-focus-id': `action-${a.action}`, 'data-action': a.action }, a.label);
        b.addEventListener('click', () => {
          if (!b.hasAttribute('disabled')) vscode.postMessage({ type: 'lessonAction', lesson: d.lesson, action: a.action });
        });
        row.append(b);
      }
      for (const input of section.inputs ?? []) row.append(numberInput(d, input));
      node.append(row);
    }
    if (section.code) node.append(el('pre', { class: 'lesson-code' }, el('code', {}, section.code.join('\n'))));
    if (section.kernels && section.kernels.length > 0) {
      node.append(el('div', { class: 'lesson-row' }, ...section.kernels.map((k) => kernelEditor(k, this.s))));
    }
    if (section.maps && section.maps.length > 0) node.append(el('div', { class: 'lesson-row' }, ...section.maps.map((m) => lessonMap(m))));
    if (section.plot) node.append(lessonPlot(section.plot));
    for (const t of section.tables) node.append(table(t));
    return node;
  }

  private codeButtons(d: LessonPageData): HTMLElement {
    const node = el('section', { class: 'lesson-section', 'data-section': 'code', 'aria-label': this.s.lessonCode });
    node.append(el('h3', {}, this.s.lessonCode!));
    d.models.forEach((name, model) => {
      const row = el('div', { class: 'controls' }, el('span', { class: 'model-name' }, name));
      for (const [framework, label] of [['keras', this.s.writeKeras], ['pytorch', this.s.writePyTorch]] as const) {
        const b = custom('vscode-button', { secondary: true, 'data-focus-id': `code-${model}-${framework}`, 'aria-label': `${label}: ${name}` }, label!);
        b.addEventListener('click', () => vscode.postMessage({ type: 'writeLessonCode', lesson: d.lesson, model, framework }));
        row.append(b);
      }
      node.append(row);
    });
    return node;
  }

  /** The named values as the DOM shows them, and which sections are on the page. */
  private report(): void {
    const values: Record<string, string> = {};
    for (const dd of this.root.querySelectorAll<HTMLElement>('[data-value]')) values[dd.dataset.value!] = dd.textContent ?? '';
    const sections = Array.from(this.root.querySelectorAll<HTMLElement>('[data-section]'), (s) => s.dataset.section!);
    const notices = Array.from(this.root.querySelectorAll<HTMLElement>('.notice'), (n) => n.textContent ?? '');
    vscode.postMessage({ type: 'rendered', view: 'lesson', lesson: this.data!.lesson, sections, values, notices });
  }
}

/** A lesson's number field: sent when the learner commits it (Enter, the steppers, leaving the field). */
function numberInput(d: LessonPageData, f: LessonNumberInput): HTMLElement {
  const id = `lesson-input-${f.name}`;
  const input = el('input', { type: 'number', id, class: 'lesson-number', min: String(f.min), max: String(f.max), step: '1', value: String(f.value), 'data-focus-id': id });
  input.addEventListener('change', () => {
    const value = Number(input.value);
    if (Number.isInteger(value) && value >= f.min && value <= f.max) vscode.postMessage({ type: 'lessonInput', lesson: d.lesson, name: f.name, value });
    else input.value = String(f.value);
  });
  return el('label', { class: 'lesson-number-label', for: id }, f.label, input);
}

/** A plain number (a count, a percentage, a decimal): right-aligned so digits line up; text reads from the left. */
const NUMBER = /^[−-]?[\d,.]+%?$/;

function table(t: LessonTable): HTMLElement {
  return el('div', { class: 'lesson-table-wrap' },
    el('table', { class: 'lesson-table' },
      el('caption', {}, t.caption),
      el('thead', {}, el('tr', {}, ...t.header.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...t.rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', { class: NUMBER.test(c) ? 'num' : 'text' }, c))))))));
}
