import { Injectable } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { PinoLogger } from 'nestjs-pino';
import { Topics, VigilError } from '@vigil/contracts';
import { ConsumedEvent, continueTrace, EventPublisher, traceContextOf } from '@vigil/messaging';
import { DeviceRepository } from '../device-session/device.repository';
import { DeviceSessionRepository } from '../device-session/device-session.repository';
import {
  ActivityEnvelope,
  DeviceSessionState,
  SessionEndedOutput,
  SessionOutput,
} from '../device-session/device-session.types';
import { SessionPolicies } from '../device-session/session-policies';
import { ExpiryScheduler } from '../expiry/expiry.scheduler';
import { SessionEndAnnouncer } from '../expiry/session-end.announcer';
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
  constructor(
    private readonly sessions: DeviceSessionRepository,
    private readonly devices: DeviceRepository,
    private readonly publisher: EventPublisher,
    private readonly scheduler: ExpiryScheduler,
    private readonly policies: SessionPolicies,
    private readonly announcer: SessionEndAnnouncer,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ActivityBatchHandler.name);
  }

  async handle(events: ConsumedEvent[]): Promise<void> {
    const consumedMs = Date.now();
    const bySession = groupBySession(events.map((event) => event.envelope as ActivityEnvelope));
    const policyOf = await this.policies.forTenants(
      events.map((event) => event.envelope.tenant_id),
    );
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
      const results = pending.map((id) => {
        const sessionEvents = bySession.get(id) ?? [];

        return applySessionEvents(
          loaded.get(id),
          sessionEvents,
          policyOf(sessionEvents[0].tenant_id),
        );
      });
      results.forEach((result) => this.logUnapplied(result));
      await this.emit(results, consumedMs, bySession);
      const conflicts = await this.persist(results);
      const settled = results.filter((result) => !conflicts.includes(result.sessionId));
      await this.announcer.announce(settled.flatMap((result) => endsOf(result.outputs)));
      pending = conflicts;
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
    // An ended session is announced only once its state is written: see handle().
  }

  /** Writes each changed session and returns the ids whose write lost a race. */
  private async persist(results: SessionBatchResult[]): Promise<string[]> {
    const changed = results.filter((result) => result.changed && result.state !== undefined);
    const conflicts: string[] = [];
    for (let start = 0; start < changed.length; start += WRITE_CONCURRENCY) {
      const chunk = changed.slice(start, start + WRITE_CONCURRENCY);
      const written = await Promise.all(
        chunk.map((result) => this.sessions.save(result.state!, result.isNew, expiryGuard(result))),
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

function endsOf(outputs: SessionOutput[]): SessionEndedOutput[] {
  return outputs.filter(
    (output): output is SessionEndedOutput => output.kind === 'announce-session-end',
  );
}

/**
 * Telemetry moves a session's idle expiry without changing its revision, so a write that ends
 * the session also checks that the idle expiry it decided on is still the stored one.
 */
function expiryGuard(result: SessionBatchResult): (stored: DeviceSessionState) => boolean {
  const readAt = result.loadedIdleExpiresAt?.getTime();
  if (readAt === undefined || endsOf(result.outputs).length === 0) {
    return () => true;
  }

  return (stored) => stored.idle_expires_at.getTime() === readAt;
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
