import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const BUNDLE_PATH = 'dist/libs/sdk-web/vigil.js';
const MAX_LEVELS_UP = 8;

/**
 * Reads the script-tag build of the browser SDK, which `npm run build` writes under the
 * repository's dist/ folder. The folder is found by walking up from this file, which runs from
 * dist/services/gateway/src/demo once compiled.
 *
 * @returns the bundle's text, or undefined when the SDK was not built.
 */
export function readSdkBundle(startDirectory: string = __dirname): string | undefined {
  let directory = startDirectory;
  for (let level = 0; level < MAX_LEVELS_UP; level += 1) {
    const candidate = path.join(directory, BUNDLE_PATH);
    if (existsSync(candidate)) {
      return readFileSync(candidate, 'utf8');
    }
    directory = path.dirname(directory);
  }

  return undefined;
}
