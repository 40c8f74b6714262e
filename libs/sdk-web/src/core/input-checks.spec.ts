import { checkCustomAttributes, checkInitializeOptions } from './input-checks';

const VALID = { clientId: 'cli_1', serverUrl: 'https://vigil.example.com' };

describe('checkInitializeOptions', () => {
  it('accepts a client id and an http(s) URL', () => {
    expect(() => checkInitializeOptions(VALID)).not.toThrow();
  });

  it('rejects a missing client id', () => {
    expect(() => checkInitializeOptions({ ...VALID, clientId: ' ' })).toThrow(
      'initialize needs options.clientId, the public client id of the application',
    );
  });

  it('rejects a server URL without a scheme', () => {
    expect(() => checkInitializeOptions({ ...VALID, serverUrl: 'vigil.example.com' })).toThrow(
      'initialize needs options.serverUrl as an http(s) URL of the Vigil gateway, got "vigil.example.com"',
    );
  });

  it('rejects a batch size above 100', () => {
    const options = { ...VALID, telemetry: { batchSize: 500 } };

    expect(() => checkInitializeOptions(options)).toThrow(
      'telemetry.batchSize must be an integer from 1 to 100, got 500',
    );
  });

  it('rejects an empty queue', () => {
    const options = { ...VALID, telemetry: { maxQueuedEvents: 0 } };

    expect(() => checkInitializeOptions(options)).toThrow(
      'telemetry.maxQueuedEvents must be an integer from 1 to 100000, got 0',
    );
  });
});

describe('checkCustomAttributes', () => {
  it('returns scalar attributes unchanged', () => {
    expect(
      checkCustomAttributes({ amount: 12.5, currency: 'EUR', gift: false, note: null }),
    ).toEqual({
      amount: 12.5,
      currency: 'EUR',
      gift: false,
      note: null,
    });
  });

  it('rejects a nested value', () => {
    const attributes = { cart: { items: 2 } } as unknown as Record<string, string>;

    expect(() => checkCustomAttributes(attributes)).toThrow(
      'customAttributes.cart must be a string, number, boolean or null',
    );
  });

  it('rejects a key with a dot', () => {
    expect(() => checkCustomAttributes({ 'order.id': 'o-1' })).toThrow(
      'customAttributes key "order.id" is invalid',
    );
  });

  it('rejects more than 53 keys', () => {
    const attributes = Object.fromEntries(
      Array.from({ length: 54 }, (_, index) => [`k${index}`, index]),
    );

    expect(() => checkCustomAttributes(attributes)).toThrow(
      'customAttributes has 54 keys; at most 53 are allowed',
    );
  });
});
