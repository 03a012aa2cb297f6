// @distillery/ml/export: trained models as files other tools read (TensorFlow.js, safetensors).
export { exportModel, probabilityModel, INPUT_CONTRACT } from './export-model.ts';
export type { ExportInfo, ModelExports } from './export-model.ts';
export { exportEnsemble } from './ensemble-export.ts';
export type { MemberExport } from './ensemble-export.ts';
export {
  layersModelFiles,
  loadLayersModelFiles,
  predictPixels,
  readLayersModelFiles,
  SHARD_BYTES,
} from './layers-model.ts';
export type { ExportFile, LayersModelJson, LoadedModel } from './layers-model.ts';
export { portableTopology } from './portable-topology.ts';
export { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
export type { NamedTensor } from './safetensors.ts';
