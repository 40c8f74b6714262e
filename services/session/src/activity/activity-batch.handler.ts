import { Injectable } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { PinoLogger } from 'nestjs-pino';
import { Topics, VigilError } from '@vigil/contracts';
import { ConsumedEvent, continueTrace, EventPublisher, traceContextOf } from '@vigil/messaging';
import { DeviceRepository } from '../device-session/device.repository';
import { DeviceSessionRepository } from '../device-session/device-session.repository';
import {
  ActivityEnvelope,
  SessionOutput,
  SessionPolicy,
} from '../device-session/device-session.types';
import { ExpiryScheduler } from '../expiry/expiry.scheduler';
import { SessionSettings } from '../session.settings';
import { applySessionEvents, SessionBatchResult } from './session-batch';
import { toContextualizedActionEnvelope } from './contextualized-action.envelope';

/** Rounds of reload and re-apply for sessions whose write lost a race with another writer. */
const MAX_ROUNDS = 5;
/** Session writes in flight at once, since each uses a FerretDB connection while it runs. */
const WRITE_CONCURRENCY = 10;

/**
 * Applies a batch of activity events. Each session is read once and its events are applied in
 * offset order. The outputs are published and scheduled first, and only then is each session
 * written once, if its stored revision is still the one it was read at.
 *
 * Publishing first means that a crash before the write replays the events and publishes again.
 * Scoring absorbs that because it stores one recommendation per action id, while writing first
 * could lose an action. A session whose write finds another revision (the expiry path or late
 * telemetry wrote in between) is read again and its events are applied again.
 */
@Injectable()
export class ActivityBatchHandler {
  private readonly policy: SessionPolicy;

  constructor(
    private readonly sessions: DeviceSessionRepository,
    private readonly devices: DeviceRepository,
    private readonly publisher: EventPublisher,
    private readonly scheduler: ExpiryScheduler,
    settings: SessionSettings,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ActivityBatchHandler.name);
    this.policy = { idleTimeoutMs: settings.SESSION_IDLE_TIMEOUT_SECONDS * 1000 };
  }

  async handle(events: ConsumedEvent[]): Promise<void> {
    const consumedMs = Date.now();
    const bySession = groupBySession(events.map((event) => event.envelope as ActivityEnvelope));
    let pending = [...bySession.keys()];
    for (let round = 1; pending.length > 0; round += 1) {
      if (round > MAX_ROUNDS) {
        throw new VigilError(
          `device sessions ${pending.join(', ')} kept changing during ${MAX_ROUNDS} writes`,
          'write_conflict',
          true,
        );
      }
      const loaded = await this.sessions.findByIds(pending);
      const results = pending.map((id) =>
        applySessionEvents(loaded.get(id), bySession.get(id) ?? [], this.policy),
      );
      results.forEach((result) => this.logUnapplied(result));
      await this.emit(results, consumedMs, bySession);
      pending = await this.persist(results);
    }
  }

  private async emit(
    results: SessionBatchResult[],
    consumedMs: number,
    bySession: Map<string, ActivityEnvelope[]>,
  ): Promise<void> {
    const outputs = results.flatMap((result) => result.outputs);
    const actions = outputs.flatMap((output) =>
      output.kind === 'publish-contextualized-action'
        ? [continueTrace(output.source, toContextualizedActionEnvelope(output, consumedMs))]
        : [],
    );
    await this.publisher.publish(Topics.actionContextualized, actions);
    await Promise.all(
      outputs.map((output) => {
        // A timer continues the trace of the session's latest event, which set its due time.
        const latest =
          output.kind === 'schedule-expiry' && bySession.get(output.session_id)?.at(-1);
        const traceContext = latest ? traceContextOf(latest) : context.active();

        return context.with(traceContext, () => this.runSideEffect(output));
      }),
    );
  }

  private async runSideEffect(output: SessionOutput): Promise<void> {
    if (output.kind === 'schedule-expiry') {
      const job = {
        tenant_id: output.tenant_id,
        session_id: output.session_id,
        correlation_id: output.correlation_id,
      };
      await this.scheduler.scheduleOrLeaveToSweep(job, output.due_at);
    } else if (output.kind === 'record-device-session') {
      await this.devices.recordSession(output);
    }
  }

  /** Writes each changed session and returns the ids whose write lost a race. */
  private async persist(results: SessionBatchResult[]): Promise<string[]> {
    const changed = results.filter((result) => result.changed && result.state !== undefined);
    const conflicts: string[] = [];
    for (let start = 0; start < changed.length; start += WRITE_CONCURRENCY) {
      const chunk = changed.slice(start, start + WRITE_CONCURRENCY);
      const written = await Promise.all(
        chunk.map((result) => this.sessions.save(result.state!, result.isNew)),
      );
      conflicts.push(...chunk.filter((_, index) => !written[index]).map((item) => item.sessionId));
    }

    return conflicts;
  }

  private logUnapplied(result: SessionBatchResult): void {
    for (const { event, status, reason } of result.unapplied) {
      const fields = {
        session_id: event.session_id,
        event_id: event.event_id,
        event_type: event.type,
        correlation_id: event.correlation_id,
        late_event_count: result.state?.late_event_count,
      };
      if (status === 'late') {
        this.logger.info(fields, 'event for an expired device session counted as late');
      } else if (status === 'ignored') {
        this.logger.warn({ ...fields, reason }, 'activity event ignored');
      }
    }
  }
}

function groupBySession(events: ActivityEnvelope[]): Map<string, ActivityEnvelope[]> {
  const groups = new Map<string, ActivityEnvelope[]>();
  for (const event of events) {
    const group = groups.get(event.session_id) ?? [];
    group.push(event);
    groups.set(event.session_id, group);
  }

  return groups;
}
