import { defaultAsnDatabase } from '../geo/default-geo';
import { actionInput, historyOf, RESIDENTIAL_IP } from '../testing/risk-builders';
import { readTorExitSnapshot } from '../testing/shared-data';
import { SIGNAL_TEST_TIME, signalOf, signalsOf, torExitIn } from '../testing/signal-context';

const MINUTE = 60_000;
const exits = readTorExitSnapshot();
const GERMAN_EXIT = torExitIn('DE', exits);
/** Comcast, the autonomous system of `RESIDENTIAL_IP` in the ASN database. */
const COMCAST_ASN = 7922;

function counts(lastMinute: number, lastHour: number, lastDay: number) {
  return { lastMinute, lastHour, lastDay };
}

describe('USER_FAILED_LOGINS and DEVICE_FAILED_LOGINS', () => {
  it('raise with the heaviest exceeded window', () => {
    const history = historyOf({
      failedResults: { device: counts(6, 6, 6), user: counts(1, 6, 6) },
    });

    const signals = signalsOf(actionInput(), history);

    expect(signals.find((signal) => signal.code === 'DEVICE_FAILED_LOGINS')?.weight).toBe(35);
    expect(signals.find((signal) => signal.code === 'USER_FAILED_LOGINS')?.evidence).toEqual({
      counts: { last_minute: 1, last_hour: 6, last_day: 6 },
      exceeded: [{ window: 'last_hour', count: 6, max_actions: 5 }],
    });
  });

  it('raise nothing for a few failures', () => {
    const history = historyOf({
      failedResults: { device: counts(1, 2, 3), user: counts(1, 2, 3) },
    });

    expect(signalsOf(actionInput(), history)).toEqual([]);
  });
});

describe('DEVICE_ACTION_VELOCITY', () => {
  it('raises past 20 actions of a device in a minute', () => {
    const history = historyOf({ device: counts(21, 21, 21) });

    expect(signalOf('DEVICE_ACTION_VELOCITY', actionInput(), history)?.weight).toBe(30);
  });
});

describe('MANY_USERS_ON_DEVICE and MANY_DEVICES_FOR_USER', () => {
  it('raise at their lowest daily counts', () => {
    const history = historyOf({ deviceUserCountLastDay: 5, userDeviceCountLastDay: 4 });

    const signals = signalsOf(actionInput(), history);

    expect(signals.find((signal) => signal.code === 'MANY_USERS_ON_DEVICE')).toEqual({
      code: 'MANY_USERS_ON_DEVICE',
      weight: 40,
      evidence: { device_id: 'device-1', distinct_users_last_day: 5, at_least: 5 },
    });
    expect(signals.find((signal) => signal.code === 'MANY_DEVICES_FOR_USER')?.weight).toBe(20);
  });

  it('raise nothing for two users on a device', () => {
    const history = historyOf({ deviceUserCountLastDay: 2, userDeviceCountLastDay: 2 });

    expect(signalsOf(actionInput(), history)).toEqual([]);
  });
});

describe('NEW_COUNTRY_FOR_USER', () => {
  it('raises when the user acted only from other countries', () => {
    const history = historyOf({ userNewCountry: { country: 'US', knownCountries: ['DE'] } });

    expect(signalOf('NEW_COUNTRY_FOR_USER', actionInput(), history)?.evidence).toEqual({
      ip: RESIDENTIAL_IP,
      country: 'US',
      known_countries: ['DE'],
    });
  });
});

describe('IMPOSSIBLE_TRAVEL', () => {
  it('raises for Germany then the US ten minutes later', () => {
    const previous = {
      action_id: 'a-0',
      country: 'DE',
      at: SIGNAL_TEST_TIME.getTime() - 10 * MINUTE,
    };

    const signal = signalOf(
      'IMPOSSIBLE_TRAVEL',
      actionInput(),
      historyOf({ previousUserLocation: previous }),
    );

    expect(signal?.weight).toBe(40);
    expect(signal?.evidence).toMatchObject({
      previous_country: 'DE',
      country: 'US',
      minutes_between: 10,
      max_speed_km_per_hour: 1000,
    });
    expect(signal?.evidence.distance_km).toBeGreaterThan(5000);
  });

  it('raises nothing when a flight fits between the actions', () => {
    const previous = {
      action_id: 'a-0',
      country: 'DE',
      at: SIGNAL_TEST_TIME.getTime() - 600 * MINUTE,
    };
    const history = historyOf({ previousUserLocation: previous });

    expect(signalOf('IMPOSSIBLE_TRAVEL', actionInput(), history)).toBeUndefined();
  });

  it('raises nothing between neighbours', () => {
    const previous = { action_id: 'a-0', country: 'FR', at: SIGNAL_TEST_TIME.getTime() - MINUTE };
    const input = actionInput({ client: { ip: GERMAN_EXIT } });

    expect(
      signalOf('IMPOSSIBLE_TRAVEL', input, historyOf({ previousUserLocation: previous })),
    ).toBeUndefined();
  });
});

describe('SESSION_IP_CHANGE', () => {
  it('weighs more when the country changed', () => {
    const sameCountry = historyOf({ sessionIps: [RESIDENTIAL_IP, '73.162.10.21'] });
    const otherCountry = historyOf({ sessionIps: [GERMAN_EXIT, RESIDENTIAL_IP] });

    expect(signalOf('SESSION_IP_CHANGE', actionInput(), sameCountry)?.weight).toBe(5);
    expect(signalOf('SESSION_IP_CHANGE', actionInput(), otherCountry)).toEqual({
      code: 'SESSION_IP_CHANGE',
      weight: 20,
      evidence: {
        session_ip_count: 2,
        session_ips: [GERMAN_EXIT, RESIDENTIAL_IP],
        countries: ['DE', 'US'],
        asns: [defaultAsnDatabase().lookup(GERMAN_EXIT)?.asn, COMCAST_ASN],
      },
    });
  });

  it('lists the ASN of each session IP', () => {
    const history = historyOf({ sessionIps: [RESIDENTIAL_IP, '73.162.10.21', '10.0.65.171'] });

    expect(signalOf('SESSION_IP_CHANGE', actionInput(), history)?.evidence.asns).toEqual([
      COMCAST_ASN,
      'unknown',
    ]);
  });
});

describe('DEVICE_LABELLED_FRAUD, USER_LABELLED_FRAUD and IP_LABELLED_FRAUD', () => {
  const mark = (label: 'confirmed_fraud' | 'suspected_fraud' | 'confirmed_legit') => ({
    label,
    label_id: `lbl-${label}`,
    labelled_at: '2024-08-19T10:00:00.000Z',
  });

  it('raise for fraud labels with their weights', () => {
    const history = historyOf({
      labels: {
        device: mark('confirmed_fraud'),
        user: mark('suspected_fraud'),
        ip: mark('confirmed_fraud'),
      },
    });

    const signals = signalsOf(actionInput(), history);

    expect(signals.map((signal) => [signal.code, signal.weight])).toEqual([
      ['DEVICE_LABELLED_FRAUD', 60],
      ['USER_LABELLED_FRAUD', 30],
      ['IP_LABELLED_FRAUD', 40],
    ]);
    expect(signals[0].evidence).toEqual({
      target: 'device',
      label: 'confirmed_fraud',
      label_id: 'lbl-confirmed_fraud',
      labelled_at: '2024-08-19T10:00:00.000Z',
    });
  });

  it('raise nothing for a legitimate label', () => {
    const history = historyOf({ labels: { device: mark('confirmed_legit') } });

    expect(signalsOf(actionInput(), history)).toEqual([]);
  });
});
