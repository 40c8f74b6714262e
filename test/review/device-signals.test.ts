import { VigilBackendClient } from '@vigil/client';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { closeFixtures, createTenant, eventually } from '../support/fixtures';
import { backendOf, realChromeUserAgent, scoredLogin, startDevice } from './review-support';

let tenant: ProvisionedApplication;
let backend: VigilBackendClient;

beforeAll(async () => {
  tenant = await createTenant('device-signals');
  backend = backendOf(tenant);
});

afterAll(closeFixtures);

describe('device telemetry signals', () => {
  it('reach scoring from device_attributes telemetry', async () => {
    const device = await startDevice(tenant, realChromeUserAgent());
    await device.sendTelemetry([
      {
        type: 'device_attributes',
        attributes: {
          platform: 'iPhone',
          screen_width: 390,
          time_zone: 'Asia/Tokyo',
          timezone_offset_minutes: -540,
          max_touch_points: 5,
        },
      },
    ]);

    // Telemetry and actions travel on different topics, so the first action may be scored
    // before the session service stored the telemetry.
    const reasons = await eventually(async () => {
      const { recommendation } = await scoredLogin(backend, device, 'user-device-1');
      const codes = recommendation.reasons.map((reason) => reason.code);

      return codes.includes('USER_AGENT_DEVICE_MISMATCH') ? recommendation.reasons : undefined;
    }, 'USER_AGENT_DEVICE_MISMATCH from telemetry');

    const mismatch = reasons.find((reason) => reason.code === 'USER_AGENT_DEVICE_MISMATCH')!;
    const timezone = reasons.find((reason) => reason.code === 'TIMEZONE_COUNTRY_MISMATCH')!;
    expect(mismatch.evidence).toMatchObject({
      contradictions: [expect.objectContaining({ check: 'platform', reported: 'iPhone' })],
    });
    expect(timezone.evidence).toMatchObject({
      ip_country: 'US',
      device_time_zone: 'Asia/Tokyo',
      device_utc_offset_minutes: 540,
    });
  });
});
