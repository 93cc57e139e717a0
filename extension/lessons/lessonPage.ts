/**
 * What every lesson builder shares: the page data's shape, grids as plain numbers, and
 * the models its Write as Keras / PyTorch buttons write (from core/lessons' catalog).
 */
import { lessonInfo, lessonModels } from '../../core/lessons';
import type { Grid } from '../../core/conv/byHand';
import type { ModelIR } from '../../core/model/ir';
import type { LessonMap, LessonName, LessonPageData, LessonSection } from '../../webview/protocol';
import { valueLabels } from './valueLabels';

/** The model of the learner's active (or last active) model editor, for the lessons that use it. */
export interface OwnModel {
  /** As the learner knows the file: relative to the workspace, or the untitled editor's name. */
  readonly fileName: string;
  /** The file's first model; undefined when the file holds none ConvLab can read. */
  readonly model: ModelIR | undefined;
  readonly modelCount: number;
}

/** What a lesson's page may draw on besides its own state. */
export interface LessonContext {
  /** Undefined when no model editor has been active. */
  readonly ownModel: OwnModel | undefined;
}

/** A lesson the lab panel shows: it builds its page; actions, fields and kernel edits change its state. */
export interface LessonBuilder {
  build(context: LessonContext): LessonPageData;
  action?(action: string): void | Promise<void>;
  input?(name: string, value: number): void | Promise<void>;
  editKernel?(kernel: 'gx' | 'gy', values: readonly number[]): void;
}

export function page(lesson: LessonName, intro: string, sections: LessonSection[]): LessonPageData {
  const labels = valueLabels();
  // A section may name its own values (the learner's layers); the shared labels name the rest.
  const labelled = sections.map((s) => (s.values ? { ...s, valueLabels: Object.fromEntries(Object.keys(s.values).map((k) => [k, s.valueLabels?.[k] ?? labels[k] ?? k])) } : s));
  return { lesson, title: lessonInfo(lesson).title, intro, sections: labelled, models: lessonModels(lesson).map((m) => m.name) };
}

export function section(id: string, heading: string, parts: Partial<Omit<LessonSection, 'id' | 'heading'>> = {}): LessonSection {
  return { id, heading, paragraphs: [], tables: [], ...parts };
}

export function mapOf(caption: string, g: Grid, kind: LessonMap['kind'], box?: LessonMap['box']): LessonMap {
  return { caption, rows: g.rows, cols: g.cols, data: Array.from(g.data), kind, ...(box ? { box } : {}) };
}
