/**
 * The browser APIs the SDK's logic depends on, as small interfaces, so that the logic runs and is
 * tested without a browser. The browser implementations live in `src/browser/`.
 */

/** A JSON POST to the gateway. */
export interface HttpClient {
  /**
   * Posts `body` as JSON to `path` under the server URL and returns the status and the parsed
   * body. Rejects only when no response arrived (network failure or timeout).
   */
  postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** A string store that outlives the page, such as localStorage. */
export interface KeyValueStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Clock and timers. */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `callback` when the main thread is idle, at the latest after `timeoutMs`. */
  whenIdle(callback: () => void, timeoutMs: number): void;
}
