/**
 * The hook schema validator: what `cfn submit` enforces and what the AWS docs require, for a hook schema and
 * for a hook configuration document. Validators compile lazily, on first use.
 */
export { validateHookSchema, type SchemaDiagnostic, type SchemaReport, type SchemaValidationOptions } from './validate-schema';
export { validateHookConfiguration, validateConfigurationProperties, CONFIGURATION_SIZE_LIMIT, type ConfigurationReport, type PropertiesReport } from './validate-configuration';
export { main } from './cli';
export { SCHEMA_RULES, CONFIGURATION_RULES, type Rule, type RuleSource } from './rules';
export { isWellFormedTargetName, SPECIAL_TARGETS } from './target-names';
export { RESERVED_NAMESPACES } from './schema-checks';
