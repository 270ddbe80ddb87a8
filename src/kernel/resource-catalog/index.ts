export { CatalogUnavailableError, catalogSource, catalogType, catalogTypeNames, isRecognizedType, type AttributeKind, type CatalogType } from './resource-catalog';
export { SPECIAL_TARGETS, unmatchedTargetName, unmatchedTargetText, type UnmatchedTargetName } from './target-names';
export { isCustomResourceType, propertyNames } from './property-names';
export { isSamType, samGeneratedType } from './sam-types';
