/**
 * A document's diagnostics: what the reader could not follow and what analysis finds wrong
 * (a kernel larger than its input, a Dense on a feature map, an in_features that does not
 * match), each at its exact range. A Python file that defines no model gets none: ConvLab
 * stays quiet about code that is not a model.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { SourceRange } from '../core/model/ir';
import type { AnalysedFile } from './protocol';
import { fileNameOf } from './analyse';
import { lspRange } from './ranges';

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  information: DiagnosticSeverity.Information,
};

function make(range: SourceRange, message: string, severity: string, code: string): Diagnostic {
  return { range: lspRange(range), message, severity: SEVERITY[severity] ?? DiagnosticSeverity.Information, code, source: 'ConvLab' };
}

export function diagnosticsOf(file: AnalysedFile): Diagnostic[] {
  const isJson = fileNameOf(file.uri).toLowerCase().endsWith('.convlab.json');
  // Reader limits (code 'limit') are always shown: they say why a model may be missing.
  const limits = file.parse.diagnostics.filter((d) => d.code === 'limit');
  if (file.parse.models.length === 0 && !(isJson && file.parse.diagnostics.some((d) => d.severity === 'error'))) {
    return limits.map((d) => make(d.range, d.message, d.severity, d.code));
  }
  const out = file.parse.diagnostics.map((d) => make(d.range, d.message, d.severity, d.code));
  file.analyses.forEach((analysis, m) => {
    const model = file.parse.models[m]!;
    for (const d of analysis.diagnostics) {
      const range = d.range ?? model.range;
      if (range) out.push(make(range, d.message, d.severity, d.code));
    }
  });
  return out;
}
