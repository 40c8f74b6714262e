import { load as loadBotDetector } from '@fingerprintjs/botd';
import { load as loadFingerprintAgent } from '@fingerprintjs/fingerprintjs';
import { DeviceProbe } from '../core/vigil-client';
import { TelemetryEventTypes } from '../telemetry/event-types';
import { botDetectionAttributes, fingerprintAttributes } from '../telemetry/fingerprint-events';

/**
 * Device fingerprint from FingerprintJS (open-source edition, MIT). `monitoring: false` stops the
 * library from sending its usage request to the vendor, so the page contacts only the gateway.
 */
export const fingerprintProbe: DeviceProbe = async () => {
  const agent = await loadFingerprintAgent({ monitoring: false });
  const result = await agent.get();

  return {
    type: TelemetryEventTypes.fingerprint,
    attributes: fingerprintAttributes({
      visitorId: result.visitorId,
      confidence: result.confidence.score,
      version: result.version,
      components: result.components as Record<string, { value?: unknown; error?: unknown }>,
    }),
  };
};

/** Bot verdict of BotD (open-source edition, MIT), with its usage request turned off. */
export const botDetectionProbe: DeviceProbe = async () => {
  const detector = await loadBotDetector({ monitoring: false });
  const verdict = detector.detect();

  return {
    type: TelemetryEventTypes.botDetection,
    attributes: botDetectionAttributes(verdict.bot ? verdict : { bot: false }),
  };
};
