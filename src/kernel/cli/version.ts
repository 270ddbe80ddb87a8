/**
 * `--version`, the one option every command shares: a user filing a bug or pinning the tools in CI asks it before
 * anything else. Answered in `runCommand` (command-io.ts) before a command reads the rest of its command line, so
 * `simulate --version --format bogus` still says which version it is, and no command can forget it.
 */
// Named imports: esbuild keeps only these two fields of package.json in a bundle, which embeds them at build time
// (the build records package.json among the bundle's inputs, so a new version rebuilds it).
import { name, version } from '../../../package.json';

/** This package as the bundles embed it: what SARIF's `tool.driver.version` and `--version` report. */
export const PACKAGE = { name, version } as const;

/** The option's name, as parseArgs and the "did you mean" hint spell it. */
export const VERSION_OPTION = 'version';

/** The line each command's --help lists it with (the option column padded by the caller's layout). */
export const VERSION_HELP = 'print the package name and version, then exit';

/**
 * True when `argv` asks for the version: `--version` anywhere before a `--` (what follows `--` belongs to another
 * program: `simulate amplify push -- --version` is the Amplify CLI's). [choice] No short form: `-v` is contract's
 * `--verbose`, and `-V` would be one more spelling to learn for a line printed once.
 */
export function versionAsked(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes(`--${VERSION_OPTION}`);
}

/** What `--version` prints: `<package name> <version>`, one line. */
export function versionText(): string {
  return `${PACKAGE.name} ${PACKAGE.version}\n`;
}
