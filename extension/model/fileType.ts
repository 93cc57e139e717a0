/** Which documents hold models, decided on the host without the reader. */
/**
 * core/parse/detect.ts's modelFileType rule, restated: importing it would bundle the whole
 * Python reader into the extension host, which must not parse (a unit test checks that the
 * two agree and that the host bundles carry no parser).
 */
export function isModelFileName(fileName: string, languageId: string | undefined): boolean {
  const name = fileName.toLowerCase();
  return name.endsWith('.convlab.json') || languageId === 'python' || name.endsWith('.py') || name.endsWith('.pyw');
}

