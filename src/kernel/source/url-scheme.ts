/**
 * Whether a location a user wrote is a URL (`https://…`, `s3://…`, `file:///…`) rather than a path: the one test for
 * every place a template, a hooks file or a side file names something that may be either.
 */
export function hasUrlScheme(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
