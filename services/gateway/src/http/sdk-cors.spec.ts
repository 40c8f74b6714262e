import { FastifyCorsOptions } from '@fastify/cors';
import { FastifyRequest } from 'fastify';
import { sdkCorsOptions } from './sdk-cors';

function optionsFor(allowed: string, url: string): FastifyCorsOptions | undefined {
  let decided: FastifyCorsOptions | undefined;
  const delegator = sdkCorsOptions(allowed).delegator as (
    request: FastifyRequest,
    callback: (error: Error | null, options?: FastifyCorsOptions) => void,
  ) => void;
  delegator({ url } as FastifyRequest, (_, options) => (decided = options));

  return decided;
}

describe(sdkCorsOptions.name, () => {
  it('lets any origin call the SDK paths when set to *', () => {
    expect(optionsFor('*', '/risk-collect/v1/telemetry')?.origin).toBe('*');
  });

  it('lists the configured origins for the SDK paths', () => {
    expect(
      optionsFor(' https://shop.example , https://m.shop.example', '/risk-collect/v1/actions')
        ?.origin,
    ).toEqual(['https://shop.example', 'https://m.shop.example']);
  });

  it('refuses cross-origin calls to backend paths and when no origin is set', () => {
    expect(optionsFor('*', '/risk/v1/recommendation')?.origin).toBe(false);
    expect(optionsFor('', '/risk-collect/v1/telemetry')?.origin).toBe(false);
  });
});
