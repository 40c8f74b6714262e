import { Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Topics, TypedEnvelope } from '@vigil/contracts';
import { ConsumedEvent, MessagingLifecycle } from '@vigil/messaging';
import { SessionTelemetryRepository } from '../device-session/session-telemetry.repository';
import { SessionPolicies } from '../device-session/session-policies';
import { summarizeTelemetry } from '../device-session/telemetry-summary';

export const TELEMETRY_CONSUMER_GROUP = 'vigil-session-telemetry';

/**
 * Consumes telemetry and writes each session once per batch: counters, last activity and device
 * attributes. Telemetry for an expired session is counted as late and never revives it.
 *
 * NOTE: the event count is at least once: a batch that is retried after its write went through
 * (a crash before the offset commit, or an error after the write) counts its events again.
 */
@Injectable()
export class TelemetryConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingLifecycle,
    private readonly telemetry: SessionTelemetryRepository,
    private readonly policies: SessionPolicies,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(TelemetryConsumer.name);
  }

  onModuleInit(): void {
    this.messaging.createConsumer({
      groupId: TELEMETRY_CONSUMER_GROUP,
      topics: [Topics.telemetryRecorded],
      handler: (events) => this.handle(events),
    });
  }

  async handle(events: ConsumedEvent[]): Promise<void> {
    const records = events.map((event) => event.envelope as TypedEnvelope<'telemetry.recorded'>);
    const summaries = summarizeTelemetry(records);
    const policyOf = await this.policies.forTenants(records.map((record) => record.tenant_id));
    const late = await this.telemetry.record(summaries, policyOf);
    for (const summary of late) {
      this.logger.info(
        {
          session_id: summary.session_id,
          correlation_id: summary.correlation_id,
          late_events: summary.event_count,
        },
        'telemetry for an expired device session counted as late',
      );
    }
  }
}
