import { pendingShutdownSteps } from '@vigil/observability';

/** Writes one structured line. The logger is a parameter so that tests can read the line. */
export type DeadlineLog = (fields: Record<string, unknown>, message: string) => void;

/**
 * Exits the process with code 1 when a shutdown takes longer than `timeoutMs`, after logging the
 * shutdown steps still pending and the kinds of handles still open. A broker that stopped
 * responding can keep a consumer's disconnect waiting for minutes. An orchestrator would kill the
 * process anyway, but without logging what hung.
 */
export function armShutdownDeadline(
  timeoutMs: number,
  log: DeadlineLog,
  exit: (code: number) => void = (code) => process.exit(code),
): NodeJS.Timeout {
  const timer = setTimeout(() => {
    log(
      {
        timeout_ms: timeoutMs,
        pending_steps: pendingShutdownSteps(),
        open_handles: process.getActiveResourcesInfo(),
      },
      'shutdown timed out; exiting with open resources',
    );
    exit(1);
  }, timeoutMs);
  // The timer alone must not keep a process alive that has otherwise shut down.
  timer.unref();

  return timer;
}
