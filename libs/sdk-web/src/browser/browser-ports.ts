import { HttpClient, KeyValueStore, Scheduler } from '../core/ports';

const REQUEST_TIMEOUT_MS = 10_000;

/** Posts JSON with fetch. CORS mode, no cookies: the session token is the only credential. */
export function fetchHttpClient(serverUrl: string): HttpClient {
  const base = serverUrl.replace(/\/+$/, '');

  return {
    async postJson(path, body) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
      try {
        const response = await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'omit',
          signal: controller.signal,
        });
        const text = await response.text();

        return { status: response.status, body: text ? safeParse(text) : {} };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Wraps localStorage or sessionStorage. Storage can be missing or throw (private modes, blocked
 * cookies, a full quota), so a failure falls back to memory for this page's lifetime.
 */
export function webStorage(kind: 'localStorage' | 'sessionStorage'): KeyValueStore {
  const memory = new Map<string, string>();
  const storage = (): Storage | undefined => {
    try {
      return window[kind];
    } catch {
      return undefined;
    }
  };

  return {
    get(key) {
      try {
        return storage()?.getItem(key) ?? memory.get(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        storage()?.setItem(key, value);
      } catch {
        // memory keeps the value for this page
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        storage()?.removeItem(key);
      } catch {
        // nothing stored to remove
      }
    },
  };
}

export const browserScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
  whenIdle(callback, timeoutMs) {
    if (typeof window.requestIdleCallback === 'function') {
      window.requestIdleCallback(() => callback(), { timeout: timeoutMs });
    } else {
      window.setTimeout(callback, 1);
    }
  },
};

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
