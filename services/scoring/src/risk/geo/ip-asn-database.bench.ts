/**
 * Measures `IpAsnDatabase` load time, the resident memory it adds and lookups per second.
 *
 *   npm run build
 *   node --expose-gc -r ./deploy/runtime/register.js \
 *     dist/services/scoring/src/risk/geo/ip-asn-database.bench.js
 */
import { performance } from 'node:perf_hooks';
import { IpAsnDatabase } from './ip-asn-database';

const LOOKUPS = 1_000_000;

function residentMegabytes(): number {
  (globalThis as { gc?: () => void }).gc?.();

  return Math.round(process.memoryUsage().rss / 1_048_576);
}

function measure(): void {
  const before = residentMegabytes();
  const started = performance.now();
  const database = IpAsnDatabase.loadFromPackage();
  const loadMs = Math.round(performance.now() - started);
  const after = residentMegabytes();

  let state = 42;
  let found = 0;
  const lookupsStarted = performance.now();
  for (let i = 0; i < LOOKUPS; i += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const ip = [state >>> 24, (state >>> 16) & 255, (state >>> 8) & 255, state & 255].join('.');
    found += database.lookup(ip) === undefined ? 0 : 1;
  }
  const seconds = (performance.now() - lookupsStarted) / 1000;

  console.log({
    load_ms: loadMs,
    rss_before_mb: before,
    rss_after_mb: after,
    rss_added_mb: after - before,
    heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
    lookups_per_second: Math.round(LOOKUPS / seconds),
    found_share: found / LOOKUPS,
  });
}

measure();
