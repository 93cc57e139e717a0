/** Model analysis: shapes, parameters, multiply-adds, receptive fields and diagnostics from the IR. */
export { analyseModel } from './analyse';
export { firstDenseOnImage, unitImages, type DenseImageInput, type FlattenOrder, type UnitImagesOptions } from './denseTemplates';
export { displayProduct, displayShape, frameworkOrder, layerTypeName } from './names';
export { inputReceptiveField, throughWindow, unitInputBox, type InputBox } from './receptiveField';
export { axisFormula, resolveAxis, windowFormula } from './window';
export type * from './types';
export { summarizeModel, type ModelSummary, type SummaryDiagnostic, type SummaryLayer, type SummaryReceptiveField } from './summary';
