/** Importing a user's own image–caption pairs: parse and validate, decode, split into a dataset. */
export { parseImport, type ParseOptions } from './parseImport';
export {
  decodeItems,
  ImportCancelled,
  type ImportedPairs,
  type DecodeItemsOptions,
  type DecodeProgress,
} from './decodeItems';
export {
  toDataset,
  splitImport,
  splitDataset,
  MIN_IMPORTED_IMAGES,
  type ImportedDataset,
  type ImportSplit,
  type SplitImages,
  type ToDatasetOptions,
} from './toDataset';
export { datasetName } from './datasetName';
export {
  formatReport,
  summaryLine,
  summarise,
  byPath,
  comparePaths,
  notDroppedDetail,
  REASON_LABELS,
} from './summary';
export {
  THUMBNAIL_SIZE,
  UnsupportedImageError,
  type ImageDecoder,
  type DecodedImage,
  type DecodeOptions,
} from './decoder';
export { rgbaToInput, rgbaThumbnail } from './resample';
export * from './types';
