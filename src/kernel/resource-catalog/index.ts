export { CatalogUnavailableError, catalogSource, catalogType, catalogTypeNames, isRecognizedType, type AttributeKind, type CatalogType } from './resource-catalog';
export { SPECIAL_TARGETS, unmatchedTargetName, type UnmatchedTargetName } from './target-names';
export { isCustomResourceType, propertyNames } from './property-names';
