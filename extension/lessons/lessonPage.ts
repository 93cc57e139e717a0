/**
 * What every lesson builder shares: the page data's shape, grids as plain numbers, and
 * the models its Write as Keras / PyTorch buttons write (from core/lessons' catalog).
 */
import { lessonInfo, lessonModels } from '../../core/lessons';
import type { Grid } from '../../core/conv/byHand';
import type { LessonMap, LessonName, LessonPageData, LessonSection } from '../../webview/protocol';
import { valueLabels } from './valueLabels';

/** A lesson the lab panel shows: it builds its page; actions and kernel edits change its state. */
export interface LessonBuilder {
  build(): LessonPageData;
  action?(action: string): void | Promise<void>;
  editKernel?(kernel: 'gx' | 'gy', values: readonly number[]): void;
}

export function page(lesson: LessonName, intro: string, sections: LessonSection[]): LessonPageData {
  const labels = valueLabels();
  const labelled = sections.map((s) => (s.values ? { ...s, valueLabels: Object.fromEntries(Object.keys(s.values).map((k) => [k, labels[k] ?? k])) } : s));
  return { lesson, title: lessonInfo(lesson).title, intro, sections: labelled, models: lessonModels(lesson).map((m) => m.name) };
}

export function section(id: string, heading: string, parts: Partial<Omit<LessonSection, 'id' | 'heading'>> = {}): LessonSection {
  return { id, heading, paragraphs: [], tables: [], ...parts };
}

export function mapOf(caption: string, g: Grid, kind: LessonMap['kind'], box?: LessonMap['box']): LessonMap {
  return { caption, rows: g.rows, cols: g.cols, data: Array.from(g.data), kind, ...(box ? { box } : {}) };
}
