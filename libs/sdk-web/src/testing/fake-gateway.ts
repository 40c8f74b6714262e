import { HttpClient, KeyValueStore } from '../core/ports';

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
}

type Reply = { status: number; body: unknown } | 'no-answer';

/**
 * An HttpClient that records each call and returns scripted replies per path. A path without a
 * scripted reply gets the default reply of a healthy gateway.
 */
export class FakeGateway implements HttpClient {
  readonly calls: RecordedCall[] = [];
  private readonly scripted = new Map<string, Reply[]>();
  private sessionCount = 0;

  /** Queues replies for the next calls to a path under /risk-collect/v1, such as `/telemetry`. */
  reply(path: string, ...replies: Reply[]): this {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...replies]);

    return this;
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((call) => call.path === `/risk-collect/v1${path}`);
  }

  async postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    this.calls.push({ path, body: body as Record<string, unknown> });
    const reply = this.scripted.get(path.replace('/risk-collect/v1', ''))?.shift();
    if (reply === 'no-answer') {
      throw new TypeError('Failed to fetch');
    }

    return reply ?? this.defaultReply(path, body as Record<string, unknown>);
  }

  private defaultReply(path: string, body: Record<string, unknown>) {
    if (path.endsWith('/sessions') || path.endsWith('/sessions/refresh')) {
      this.sessionCount += 1;

      return {
        status: path.endsWith('/sessions') ? 201 : 200,
        body: {
          session_token: `token-${this.sessionCount}`,
          session_id: `s_${this.sessionCount}`,
          device_id: (body.device_id as string | undefined) ?? 'd_new',
          expires_in: 3600,
        },
      };
    }
    if (path.endsWith('/actions')) {
      return { status: 201, body: { action_token: 'action-token' } };
    }

    return { status: 202, body: { accepted: 1 } };
  }
}

export function errorReply(status: number, error: string): { status: number; body: unknown } {
  return { status, body: { error, message: `${error} for the test` } };
}

export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  remove(key: string): void {
    this.values.delete(key);
  }
}
