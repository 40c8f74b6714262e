import { findDeviceAutomationMarkers } from '../user-agent';
import { riskSignal, RiskSignal, SignalContext } from '../risk-signal';

/** BOT_USER_AGENT: a user agent of the action or of the device matches the `isbot` patterns. */
export function botUserAgentSignal(context: SignalContext): RiskSignal | undefined {
  const matched = context.userAgents
    .filter((observed) => observed.findings.bot_matches.length > 0)
    .map((observed) => ({
      source: observed.source,
      user_agent: observed.user_agent,
      matches: observed.findings.bot_matches,
    }));
  if (matched.length === 0) {
    return undefined;
  }

  return riskSignal('BOT_USER_AGENT', context.config.botUserAgent.weight, { user_agents: matched });
}

/**
 * AUTOMATION_MARKERS: a user agent names an automation tool, or the device telemetry reports
 * `navigator.webdriver`, a headless browser, a driver's globals or a bot verdict of BotD.
 */
export function automationMarkersSignal(context: SignalContext): RiskSignal | undefined {
  const fromUserAgents = context.userAgents.flatMap((observed) =>
    observed.findings.automation_markers.map((marker) => ({
      marker: marker.marker,
      matched: marker.matched,
      found_in: `${observed.source}.user_agent`,
    })),
  );
  const fromAttributes = findDeviceAutomationMarkers(context.input.session.device_attributes).map(
    (marker) => ({ marker: marker.marker, matched: marker.matched, found_in: 'device_attributes' }),
  );
  const markers = [...fromUserAgents, ...fromAttributes, ...botDetectionMarkers(context)];
  if (markers.length === 0) {
    return undefined;
  }

  return riskSignal('AUTOMATION_MARKERS', context.config.automationMarkers.weight, { markers });
}

/**
 * Reads the verdict of BotD, which the browser SDK sends in its `bot_detection` telemetry event
 * as `bot_detected` and `bot_kind` (such as `headless_chrome`).
 */
function botDetectionMarkers(context: SignalContext) {
  const attributes = context.input.session.device_attributes ?? {};
  if (attributes.bot_detected !== true) {
    return [];
  }
  const kind = typeof attributes.bot_kind === 'string' ? attributes.bot_kind : 'unknown';

  return [{ marker: 'bot_detected', matched: `bot_kind=${kind}`, found_in: 'device_attributes' }];
}

/**
 * MISSING_USER_AGENT: an SDK action came without a User-Agent header. Backend actions are
 * skipped, because the tenant's backend may leave the user agent out.
 */
export function missingUserAgentSignal(context: SignalContext): RiskSignal | undefined {
  const { action, session } = context.input;
  if (action.source !== 'sdk' || (action.client.user_agent ?? '').trim() !== '') {
    return undefined;
  }
  const deviceUserAgent = session.device_attributes?.user_agent;

  return riskSignal('MISSING_USER_AGENT', context.config.missingUserAgent.weight, {
    source: action.source,
    device_user_agent: typeof deviceUserAgent === 'string' ? deviceUserAgent : null,
  });
}
