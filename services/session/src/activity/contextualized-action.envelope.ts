import { buildEnvelope, TypedEnvelope } from '@vigil/contracts';
import { derivedEventId } from '../device-session/derived-event-id';
import { ContextualizedActionOutput } from '../device-session/device-session.types';

/**
 * Builds the `action.contextualized` event for an action. It keeps the action's tenant, session,
 * correlation id and server time, adds this service's hop times, and takes an id derived from the
 * action event, so a republished action carries the same id.
 */
export function toContextualizedActionEnvelope(
  output: ContextualizedActionOutput,
  consumedMs: number,
): TypedEnvelope<'action.contextualized'> {
  const { source } = output;

  return buildEnvelope({
    type: 'action.contextualized',
    eventId: derivedEventId('action.contextualized', source.event_id),
    tenantId: source.tenant_id,
    sessionId: source.session_id,
    correlationId: source.correlation_id,
    receivedAt: new Date(source.received_at),
    hops: { ...source.hops, session_consumed_ms: consumedMs, session_published_ms: Date.now() },
    payload: output.payload,
  });
}
