import { VigilClient } from '../core/vigil-client';
import { pageLoadAttributes, visibilityAttributes } from '../telemetry/device-events';
import { TelemetryEventTypes } from '../telemetry/event-types';

const INTERACTION_SUMMARY_INTERVAL_MS = 10_000;

/**
 * Records the page load and visibility changes, sends an interaction summary every 10 seconds
 * while the statistics change, and sends what is queued with navigator.sendBeacon when the page
 * is hidden or unloaded, since a fetch may be cancelled then.
 */
export function watchPageLifecycle(client: VigilClient, serverUrl: string): void {
  client.record(TelemetryEventTypes.pageLoad, readPageLoad());
  let hiddenCount = 0;
  document.addEventListener('visibilitychange', () => {
    const state = document.visibilityState;
    if (state === 'hidden') {
      hiddenCount += 1;
    }
    client.record(TelemetryEventTypes.visibilityChange, visibilityAttributes(state, hiddenCount));
    if (state === 'hidden') {
      client.recordInteractionSummary();
      sendBeacon(client, serverUrl);
    }
  });
  window.addEventListener('pagehide', () => sendBeacon(client, serverUrl), { capture: true });
  summarizeInteractionsPeriodically(client);
}

function summarizeInteractionsPeriodically(client: VigilClient): void {
  window.setInterval(
    () => client.recordInteractionSummaryIfChanged(),
    INTERACTION_SUMMARY_INTERVAL_MS,
  );
}

function sendBeacon(client: VigilClient, serverUrl: string): void {
  const beacon = client.takeBeaconBody();
  if (!beacon) {
    return;
  }
  const url = `${serverUrl.replace(/\/+$/, '')}/risk-collect/v1/telemetry`;
  const blob = new Blob([beacon.body], { type: 'application/json' });
  let queued = false;
  try {
    queued = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, blob);
  } catch {
    queued = false;
  }
  if (!queued) {
    // A cross-origin beacon with a JSON body is refused; a keepalive fetch outlives the page too.
    fetch(url, {
      method: 'POST',
      body: beacon.body,
      headers: { 'content-type': 'application/json' },
      keepalive: true,
      credentials: 'omit',
    }).catch(() => undefined);
  }
}

function readPageLoad() {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  // The load event may not have ended yet when the SDK starts; the DOMContentLoaded time is used instead.
  const loadTime = entry ? entry.loadEventEnd || entry.domContentLoadedEventEnd || null : null;

  return pageLoadAttributes(location.pathname, entry?.type ?? null, loadTime);
}
