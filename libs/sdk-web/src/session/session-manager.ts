import { CollectApi, SessionGrant } from '../core/collect-api';
import { KeyValueStore, Scheduler } from '../core/ports';
import { isSessionEnded, isTokenRejected, VigilSdkError } from '../core/sdk.error';
import { decideTokenUse, DEFAULT_TOKEN_POLICY, TokenPolicy, TokenState } from './token-policy';

/** Origin of the current session: a new start, a resumed session or a renewal. */
export type SessionOrigin = 'started' | 'resumed' | 'renewed';

export interface SessionManagerOptions {
  clientId: string;
  /** Keeps the device id across sessions and browser restarts (localStorage). */
  deviceStore: KeyValueStore;
  /** Keeps the session token across reloads of one tab (sessionStorage). */
  tabStore: KeyValueStore;
  scheduler: Scheduler;
  policy?: TokenPolicy;
  /** Called when a session becomes current; a new session needs the device telemetry again. */
  onSession?: (grant: SessionGrant, origin: SessionOrigin) => void;
}

interface StoredSession {
  token: string;
  sessionId: string;
  deviceId: string;
  expiresAt: number;
}

/**
 * Keeps the device session and its token: starts or resumes the session, refreshes the token
 * when it nears expiry or when the gateway reports that the session ended, and retries a call once
 * after such a refresh.
 */
export class SessionManager {
  private grant: SessionGrant | undefined;
  private state: TokenState = { expiresAt: 0, confirmedAt: 0, ended: true };
  private pending: Promise<SessionGrant> | undefined;

  constructor(
    private readonly api: CollectApi,
    private readonly options: SessionManagerOptions,
  ) {}

  get current(): SessionGrant | undefined {
    return this.grant;
  }

  /** Resumes the session this tab had before a reload, or starts one for the stored device. */
  start(): Promise<SessionGrant> {
    return this.singleFlight(() => this.resumeOrStart());
  }

  /** Returns a token the gateway accepted moments ago, refreshing it first when needed. */
  async tokenForApp(): Promise<string> {
    const grant = await this.usableGrant(true);

    return grant.sessionToken;
  }

  /**
   * Runs a call of the gateway with the session token. When the gateway reports that the session ended,
   * it refreshes the token and runs the call once more; when it rejects the token as unknown,
   * it starts a new session for the same device and runs the call once more.
   */
  async withToken<T>(call: (sessionToken: string) => Promise<T>): Promise<T> {
    const grant = await this.usableGrant(false);
    try {
      return this.confirmed(await call(grant.sessionToken));
    } catch (error) {
      if (isSessionEnded(error)) {
        this.state.ended = true;
      } else if (!isTokenRejected(error)) {
        throw error;
      }
      const next = isTokenRejected(error) ? await this.restart() : await this.refresh();

      return this.confirmed(await call(next.sessionToken));
    }
  }

  private async usableGrant(forApp: boolean): Promise<SessionGrant> {
    if (!this.grant) {
      return this.start();
    }
    const decision = decideTokenUse(
      this.state,
      this.options.scheduler.now(),
      forApp,
      this.policy(),
    );

    return decision === 'use' ? this.grant : this.refresh();
  }

  private refresh(): Promise<SessionGrant> {
    return this.singleFlight(async () => {
      const token = this.grant?.sessionToken;
      if (!token) {
        return this.startNew();
      }
      try {
        const grant = await this.api.refreshSession(token);

        return this.adopt(grant, grant.renewed ? 'renewed' : 'resumed');
      } catch (error) {
        if (isTokenRejected(error)) {
          return this.startNew();
        }
        throw error;
      }
    });
  }

  private restart(): Promise<SessionGrant> {
    return this.singleFlight(() => this.startNew());
  }

  private async resumeOrStart(): Promise<SessionGrant> {
    const stored = this.readTabSession();
    if (!stored || stored.expiresAt <= this.options.scheduler.now()) {
      return this.startNew();
    }
    try {
      const grant = await this.api.refreshSession(stored.token);

      return this.adopt(grant, grant.renewed ? 'renewed' : 'resumed');
    } catch (error) {
      // A gateway without the refresh route, or one that no longer accepts the stored token,
      // gets a new session for the same device instead.
      if (error instanceof VigilSdkError && !error.retriable) {
        return this.startNew();
      }
      throw error;
    }
  }

  private async startNew(): Promise<SessionGrant> {
    const deviceId = this.options.deviceStore.get(this.deviceKey());
    const grant = await this.api.startSession(this.options.clientId, deviceId);

    return this.adopt(grant, 'started');
  }

  private adopt(grant: SessionGrant, origin: SessionOrigin): SessionGrant {
    const now = this.options.scheduler.now();
    this.grant = grant;
    this.state = { expiresAt: now + grant.expiresIn * 1000, confirmedAt: now, ended: false };
    this.options.deviceStore.set(this.deviceKey(), grant.deviceId);
    this.writeTabSession({
      token: grant.sessionToken,
      sessionId: grant.sessionId,
      deviceId: grant.deviceId,
      expiresAt: this.state.expiresAt,
    });
    this.options.onSession?.(grant, origin);

    return grant;
  }

  private confirmed<T>(result: T): T {
    this.state.confirmedAt = this.options.scheduler.now();

    return result;
  }

  /** Runs one start or refresh at a time; concurrent callers share its result. */
  private singleFlight(task: () => Promise<SessionGrant>): Promise<SessionGrant> {
    this.pending ??= task().finally(() => {
      this.pending = undefined;
    });

    return this.pending;
  }

  private readTabSession(): StoredSession | undefined {
    const text = this.options.tabStore.get(this.sessionKey());
    if (!text) {
      return undefined;
    }
    try {
      const stored = JSON.parse(text) as Partial<StoredSession>;

      return typeof stored.token === 'string' && typeof stored.expiresAt === 'number'
        ? (stored as StoredSession)
        : undefined;
    } catch {
      return undefined;
    }
  }

  private writeTabSession(stored: StoredSession): void {
    this.options.tabStore.set(this.sessionKey(), JSON.stringify(stored));
  }

  private deviceKey(): string {
    return `vigil:${this.options.clientId}:device_id`;
  }

  private sessionKey(): string {
    return `vigil:${this.options.clientId}:session`;
  }

  private policy(): TokenPolicy {
    return this.options.policy ?? DEFAULT_TOKEN_POLICY;
  }
}
