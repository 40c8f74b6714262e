import { Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Topics, TypedEnvelope } from '@vigil/contracts';
import { ConsumedEvent, MessagingLifecycle } from '@vigil/messaging';
import { SessionTelemetryRepository } from '../device-session/session-telemetry.repository';
import { SessionPolicies } from '../device-session/session-policies';
import { SessionInstance } from '../session-consumer-group';

/**
 * Consumes telemetry and writes each session once per batch: counters, last activity and device
 * attributes. Telemetry for an expired session is counted as late and never revives it. Each
 * session records the position of the last record it counted, so a batch consumed again (after
 * a crash before the offset commit, or an error after the write) is not counted twice.
 */
@Injectable()
export class TelemetryConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingLifecycle,
    private readonly telemetry: SessionTelemetryRepository,
    private readonly policies: SessionPolicies,
    private readonly instance: SessionInstance,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(TelemetryConsumer.name);
  }

  onModuleInit(): void {
    this.messaging.createConsumer({
      ...this.instance.consumerOf(Topics.telemetryRecorded),
      handler: (events) => this.handle(events),
    });
  }

  async handle(events: ConsumedEvent[]): Promise<void> {
    const records = events.map(({ envelope, partition, offset }) => ({
      envelope: envelope as TypedEnvelope<'telemetry.recorded'>,
      partition,
      offset,
    }));
    const policyOf = await this.policies.forTenants(events.map((e) => e.envelope.tenant_id));
    const late = await this.telemetry.record(records, policyOf);
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
