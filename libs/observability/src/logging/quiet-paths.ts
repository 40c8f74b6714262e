/** Paths of probes and scrapes: logged at debug only and never traced, as they would flood both. */
const QUIET_PATH_PREFIXES = ['/health', '/metrics'];

/** Returns whether `path` is a probe or scrape path. */
export function isQuietPath(path: string): boolean {
  return QUIET_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
