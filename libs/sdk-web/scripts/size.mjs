// Prints the size of each browser SDK bundle, raw and gzipped (level 9), after a build.
// Run `npm run build` first, then `node libs/sdk-web/scripts/size.mjs`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLES, OUTPUT_DIR } from './build.mjs';

const rows = BUNDLES.map(({ file }) => {
  const bundlePath = path.join(OUTPUT_DIR, file);
  if (!existsSync(bundlePath)) {
    console.error(`${bundlePath} is missing: run npm run build first`);
    process.exit(1);
  }
  const bytes = readFileSync(bundlePath);

  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('bundle              raw        gzip');
for (const row of rows) {
  console.log(`${row.file.padEnd(19)} ${kib(row.raw).padStart(9)}  ${kib(row.gzip).padStart(9)}`);
}
