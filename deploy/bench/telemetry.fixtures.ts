import { buildEnvelope, TelemetryEvent, TypedEnvelope } from '@vigil/contracts';

/** A desktop browser's user agent, as the gateway records it with each telemetry record. */
export const BENCH_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

/**
 * Returns one pointer event as a browser SDK sends it. Its JSON is about 80 bytes, and a
 * telemetry record with one such event is about 610 bytes, most of it the envelope.
 */
export function telemetryEvent(sequence: number): TelemetryEvent {
  return {
    type: 'pointer_move',
    device_time: 1_733_300_000_000 + sequence,
    attributes: { x: 512 + (sequence % 300), y: 384 + (sequence % 200) },
  };
}

/** Body of POST /risk-collect/v1/telemetry with `size` events. */
export function telemetryRequestBody(sessionToken: string, size: number): string {
  const events = Array.from({ length: size }, (_, index) => telemetryEvent(index));

  return JSON.stringify({ session_token: sessionToken, events });
}

/** Builds the `telemetry.recorded` envelope the gateway would publish for one event. */
export function telemetryEnvelope(
  tenantId: string,
  sessionId: string,
  sequence: number,
): TypedEnvelope<'telemetry.recorded'> {
  const now = Date.now();

  return buildEnvelope({
    type: 'telemetry.recorded',
    tenantId,
    sessionId,
    receivedAt: new Date(now),
    hops: { gateway_received_ms: now, gateway_published_ms: now },
    payload: {
      device_id: `d_${sessionId}`,
      client: { ip: '198.51.100.7', user_agent: BENCH_USER_AGENT },
      events: [telemetryEvent(sequence)],
    },
  });
}
