import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { trackShutdownStep } from './shutdown-steps';

/** Paths still served while draining: liveness, and metrics so that the last scrape is complete. */
const ALWAYS_SERVED = new Set(['/health/live', '/metrics']);

/** How long a shutdown waits for the HTTP requests in progress. */
export const DRAIN_TIMEOUT_MS = 10_000;

/** The body of the 503 response to requests that arrive during a shutdown. */
export const SHUTTING_DOWN_BODY = {
  error: 'shutting_down',
  message: 'the service is shutting down; retry on another instance',
};

/**
 * Counts the HTTP requests in progress and, once the application starts shutting down, rejects
 * new ones, so the requests in hand finish while Kafka, MongoDB and Redis are still connected.
 */
@Injectable()
export class ShutdownGate implements OnModuleDestroy {
  private draining = false;
  private inFlight = 0;
  private onIdle: (() => void) | undefined;

  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(ShutdownGate.name);
  }

  /** Returns whether a request to `path` is rejected; admitted requests count as in flight. */
  admit(path: string): boolean {
    if (this.draining && !ALWAYS_SERVED.has(path)) {
      return false;
    }
    this.inFlight += 1;

    return true;
  }

  /** Marks an admitted request as finished once its response was sent. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) {
      this.onIdle?.();
    }
  }

  isDraining(): boolean {
    return this.draining;
  }

  /** Nest runs this first when the application closes; later steps close the connections. */
  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    const left = await trackShutdownStep('http requests in progress', () => this.drain());
    this.logger.info({ requests_left: left }, 'http requests drained');
  }

  /** Waits until no request is in flight, or the timeout passes; returns how many are left. */
  private async drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<number> {
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.onIdle = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
    }

    return this.inFlight;
  }
}
