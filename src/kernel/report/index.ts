/** Reports for CI: SARIF 2.1.0 for code scanning and JUnit XML for test reporters, as pure writers over plain data. */
export {
  SARIF_SCHEMA_URI,
  SOURCE_ROOT_BASE_ID,
  repositoryRelativePath,
  sarifUri,
  toSarif,
  type SarifFinding,
  type SarifNotification,
  type SarifLevel,
  type SarifRanking,
  type SarifRule,
  type SarifSourceBase,
  type SarifTool,
} from './sarif';
export { repositoryRootOf, sarifSourceBase } from './repository-root';
export { toJunit, type JunitCase, type JunitSuite } from './junit';
export { errorsJson } from './errors-json';
