import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that every log line of one HTTP request, Kafka record or job carries. */
export interface LogContext {
  correlation_id?: string;
  tenant_id?: string;
  session_id?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with the ids of `store` on every log line written inside it, including in its
 * callbacks. The store is used as is, so ids that `setLogContext` adds later reach every line of
 * the same work, even those written in callbacks that `runWithLogContext` entered separately.
 */
export function runWithLogContext<T>(store: LogContext, fn: () => T): T {
  return storage.run(store, fn);
}

/**
 * Adds ids learned during the work, such as the tenant and session once a token is verified.
 * Outside `runWithLogContext` it does nothing.
 */
export function setLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) {
    Object.assign(store, definedFields(fields));
  }
}

/** Returns the ids of the work in progress; pino's mixin adds them to each line. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

function definedFields(fields: LogContext): LogContext {
  const defined: LogContext = {};
  for (const key of ['correlation_id', 'tenant_id', 'session_id'] as const) {
    if (fields[key] !== undefined) {
      defined[key] = fields[key];
    }
  }

  return defined;
}
