/**
 * Telemetry event types the SDK sends. The session service merges the attributes of all of a
 * session's events into the session's `device_attributes`, the latest value of a key winning,
 * so each type prefixes its keys or uses names no other type uses. The SDK sends fewer than 64
 * distinct keys in all, because the session context that scoring reads keeps only 64.
 */
export const TelemetryEventTypes = {
  /** Platform, screen, time zone, languages, CPU and memory, touch support, user agent. */
  deviceAttributes: 'device_attributes',
  /** Signs that a program drives the browser: `webdriver`, `headless`, drivers' globals. */
  automationMarkers: 'automation_markers',
  /** FingerprintJS visitor id, its confidence and a short hash of each component. */
  fingerprint: 'fingerprint',
  /** Verdict of BotD: `bot_detected` and `bot_kind`. */
  botDetection: 'bot_detection',
  /** Counts and timings of pointer, click, key, paste, focus and touch input since page load. */
  interactionSummary: 'interaction_summary',
  /** A page of the app loaded: path, navigation type and load time. */
  pageLoad: 'page_load',
  /** The page became hidden or visible again. */
  visibilityChange: 'visibility_change',
  /** The SDK dropped queued events while the gateway could not be reached. */
  telemetryDropped: 'telemetry_dropped',
} as const;

export type TelemetryEventType = (typeof TelemetryEventTypes)[keyof typeof TelemetryEventTypes];
