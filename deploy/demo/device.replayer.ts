import { VigilApiError, VigilBackendClient, VigilDeviceClient } from '@vigil/client';
import { DEVICE_PROFILE_EVENT } from './device-profile';
import { ReplayRecorder, ReplayStep, ScoredRecommendation } from './replay.recorder';
import { LoginAttempt, ReplayDevice } from './replay.types';

export interface DeviceReplayerOptions {
  baseUrl: string;
  clientId: string;
  backend: VigilBackendClient;
  recorder: ReplayRecorder;
  recommendationWaitMs: number;
}

/**
 * Replays login attempts through the public API: the SDK calls of each device with its own
 * device client, the recommendation and the result with the backend client. Calls for one device
 * must not overlap, so the caller runs a device's attempts one after another.
 */
export class DeviceReplayer {
  private readonly clients = new Map<string, VigilDeviceClient | 'failed'>();

  constructor(private readonly options: DeviceReplayerOptions) {}

  /** Replays one attempt, starting the device's session first when it has none. */
  async replay(device: ReplayDevice, attempt: LoginAttempt): Promise<void> {
    const client = await this.sessionOf(device);
    if (!client) {
      this.options.recorder.attemptFinished({ attempt, triggered: false });

      return;
    }
    const action = await this.step('trigger_action', attempt, () =>
      client.triggerAction('login', {
        correlationId: attempt.correlationId,
        claimedUserId: attempt.claimedUserId,
        claimedUserIdType: 'account_id',
      }),
    );
    if (!action) {
      this.options.recorder.attemptFinished({ attempt, triggered: false });

      return;
    }
    const recommendation = await this.fetchRecommendation(attempt, action.actionToken);
    await this.reportResult(attempt, action.actionToken);
    this.options.recorder.attemptFinished({ attempt, triggered: true, recommendation });
  }

  // A device whose session failed to start stays failed, so its later attempts are skipped
  // rather than each starting a session of its own.
  private async sessionOf(device: ReplayDevice): Promise<VigilDeviceClient | undefined> {
    const known = this.clients.get(device.key);
    if (known) {
      return known === 'failed' ? undefined : known;
    }
    const client = new VigilDeviceClient({
      baseUrl: this.options.baseUrl,
      clientId: this.options.clientId,
    });
    const started = await this.step('start_session', { deviceKey: device.key }, () =>
      client.startSession({ userAgent: device.userAgent, ip: device.ip }),
    );
    this.clients.set(device.key, started ? client : 'failed');
    if (!started) {
      return undefined;
    }
    this.options.recorder.sessionStarted(device.key);
    await this.sendProfile(device, client);

    return client;
  }

  private async sendProfile(device: ReplayDevice, client: VigilDeviceClient): Promise<void> {
    if (!device.profile) {
      return;
    }
    const { deviceTimeMs, attributes } = device.profile;
    await this.step('send_telemetry', { deviceKey: device.key }, () =>
      client.sendTelemetry([{ type: DEVICE_PROFILE_EVENT, deviceTime: deviceTimeMs, attributes }]),
    );
  }

  private async fetchRecommendation(
    attempt: LoginAttempt,
    actionToken: string,
  ): Promise<ScoredRecommendation | undefined> {
    const recommendation = await this.step('get_recommendation', attempt, () =>
      this.options.backend.getRecommendation(actionToken, {
        waitMs: this.options.recommendationWaitMs,
      }),
    );

    return (
      recommendation && {
        type: recommendation.recommendation.type,
        riskScore: recommendation.riskScore,
        reasonCodes: recommendation.reasons.map((reason) => reason.code),
      }
    );
  }

  private async reportResult(attempt: LoginAttempt, actionToken: string): Promise<void> {
    const result = attempt.successful ? 'success' : 'failure';
    const userId = attempt.successful ? attempt.claimedUserId : undefined;
    await this.step('report_result', attempt, () =>
      this.options.backend.reportActionResult(actionToken, result, userId),
    );
  }

  // Records an API error and returns undefined, so the replay goes on with the next call. Any
  // other error is a defect in the replay and is thrown.
  private async step<T>(
    step: ReplayStep,
    ids: { deviceKey: string; correlationId?: string },
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof VigilApiError)) {
        throw error;
      }
      this.options.recorder.callFailed(step, error, ids.deviceKey, ids.correlationId);

      return undefined;
    }
  }
}
