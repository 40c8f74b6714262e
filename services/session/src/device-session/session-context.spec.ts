import { ATTRIBUTE_MAX_KEYS, AttributeMap, SessionContext, validateAs } from '@vigil/contracts';
import { newSession } from './session-creation';
import { limitAttributes, toSessionContext } from './session-context';

const session = newSession(
  {
    session_id: 'session-1',
    tenant_id: 'tenant-a',
    device_id: 'device-1',
    correlation_id: 'corr-1',
    at: new Date('2025-03-01T10:00:00.000Z'),
    client: {},
  },
  { idleTimeoutMs: 60_000 },
);

describe(toSessionContext.name, () => {
  it('omits the current user when there is none', () => {
    const context = toSessionContext(session);

    expect(context).not.toHaveProperty('current_user_id');
    expect(context.started_at).toBe('2025-03-01T10:00:00.000Z');
  });

  it('stays within the contract when telemetry merged many attributes', () => {
    const attributes = Object.fromEntries(
      Array.from({ length: ATTRIBUTE_MAX_KEYS + 10 }, (_, i) => [`attr_${1000 + i}`, i]),
    );

    const context = toSessionContext({ ...session, device_attributes: attributes });

    expect(() => validateAs(SessionContext, context, 'session context')).not.toThrow();
    expect(Object.keys(context.device_attributes ?? {})).toHaveLength(ATTRIBUTE_MAX_KEYS);
  });
});

describe(limitAttributes.name, () => {
  it('keeps the first keys in key order', () => {
    const attributes = Object.fromEntries(
      Array.from({ length: ATTRIBUTE_MAX_KEYS + 1 }, (_, i) => [`k${100 + i}`, i]),
    );

    const limited = limitAttributes(attributes);

    expect(limited).toHaveProperty('k100', 0);
    expect(limited).not.toHaveProperty(`k${100 + ATTRIBUTE_MAX_KEYS}`);
  });

  it('keeps the attributes risk signals read before others', () => {
    const attributes: AttributeMap = Object.fromEntries(
      Array.from({ length: ATTRIBUTE_MAX_KEYS + 5 }, (_, i) => [`a${100 + i}`, i]),
    );
    attributes.time_zone = 'Europe/Berlin';
    attributes.webdriver = true;

    const limited = limitAttributes(attributes);

    expect(Object.keys(limited)).toHaveLength(ATTRIBUTE_MAX_KEYS);
    expect(limited).toHaveProperty('time_zone', 'Europe/Berlin');
    expect(limited).toHaveProperty('webdriver', true);
    expect(limited).toHaveProperty('a100', 0);
  });
});
