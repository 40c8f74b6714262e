import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { trackShutdownStep } from '@vigil/observability';
import { DeviceSessionRepository } from '../device-session/device-session.repository';
import { DeviceSessionState } from '../device-session/device-session.types';
import { SessionSettings } from '../session.settings';
import { ExpiryCheckPublisher } from './expiry-check.publisher';

/** Sessions read per query of a sweep. */
const PAGE_SIZE = 100;
/** Pages per sweep, so one sweep ends even while a backlog builds up; the next one goes on. */
const MAX_PAGES = 20;

/**
 * Expires active sessions that are past their expiry by more than two sweep intervals, which
 * means their timer was lost (for example when Redis lost its data). A timer that is merely late
 * by less than that is left to the worker, so both rarely handle the same session.
 */
@Injectable()
export class ExpirySweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly intervalMs: number;

  constructor(
    private readonly sessions: DeviceSessionRepository,
    private readonly checks: ExpiryCheckPublisher,
    settings: SessionSettings,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ExpirySweep.name);
    this.intervalMs = settings.SESSION_SWEEP_INTERVAL_SECONDS * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((error) => this.logger.error({ err: error }, 'expiry sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  /** Stops the sweep after the session in hand, since a backlog could hold shutdown for minutes. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await trackShutdownStep('expiry sweep', async () => this.running);
  }

  /** Runs one sweep and returns how many overdue sessions it handled. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - 2 * this.intervalMs);
    let handled = 0;
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES && !this.stopping; page += 1) {
      const overdue = await this.sessions.findOverdue(cutoff, PAGE_SIZE, after);
      for (const session of overdue) {
        if (this.stopping) {
          break;
        }
        await this.requestCheck(session);
        handled += 1;
      }
      if (overdue.length < PAGE_SIZE) {
        break;
      }
      after = overdue[overdue.length - 1].session_id;
    }
    if (handled > 0) {
      this.logger.info({ handled }, 'expiry sweep handled overdue device sessions');
    }

    return handled;
  }

  /** Publishes a check whose id names the state seen, so repeated sweeps add one event. */
  private async requestCheck(session: DeviceSessionState): Promise<void> {
    const job = {
      tenant_id: session.tenant_id,
      session_id: session.session_id,
      correlation_id: session.correlation_id ?? session.session_id,
    };
    const checkId = `sweep:${session.session_id}:${session.idle_expires_at.getTime()}`;
    try {
      await this.checks.request(job, 'sweep', checkId);
    } catch (error) {
      this.logger.warn(
        { err: error, session_id: session.session_id },
        'expiry sweep could not request a check',
      );
    }
  }
}
