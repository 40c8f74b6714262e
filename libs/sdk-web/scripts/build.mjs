// Builds the browser SDK into dist/libs/sdk-web/ at the repository root:
//   vigil.js / vigil.lite.js          script-tag builds that define the global `Vigil`
//   vigil.esm.js / vigil.lite.esm.js  ES modules
//   types/                            declarations (tsc --emitDeclarationOnly)
// The lite builds leave out FingerprintJS and BotD. Run with `node libs/sdk-web/scripts/build.mjs`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '../..');
export const OUTPUT_DIR = path.join(repoRoot, 'dist/libs/sdk-web');

/** Each output bundle: entry point, format and file name. */
export const BUNDLES = [
  { entry: 'src/index.ts', format: 'iife', file: 'vigil.js' },
  { entry: 'src/index.ts', format: 'esm', file: 'vigil.esm.js' },
  { entry: 'src/index.lite.ts', format: 'iife', file: 'vigil.lite.js' },
  { entry: 'src/index.lite.ts', format: 'esm', file: 'vigil.lite.esm.js' },
];

async function main() {
  await Promise.all(
    BUNDLES.map((bundle) =>
      build({
        entryPoints: [path.join(packageDir, bundle.entry)],
        outfile: path.join(OUTPUT_DIR, bundle.file),
        bundle: true,
        minify: true,
        sourcemap: true,
        format: bundle.format,
        globalName: bundle.format === 'iife' ? 'Vigil' : undefined,
        target: ['es2020'],
        platform: 'browser',
        legalComments: 'eof',
        logLevel: 'warning',
      }),
    ),
  );
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(packageDir, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`sdk-web build failed: ${error.message}`);
    process.exit(1);
  });
}
