import { FastifyCorsOptions } from '@fastify/cors';

/** Path prefix of the calls a browser SDK makes from the app's own pages. */
export const SDK_PATH_PREFIX = '/risk-collect/';

/**
 * Cross-origin rules: the SDK's calls may come from the origins in `allowedOrigins` (`*` for any,
 * or a comma-separated list), since they carry no cookies and authenticate by client id and
 * session token. Every other path rejects cross-origin requests, so backend calls stay
 * server-to-server.
 */
export function sdkCorsOptions(allowedOrigins: string): FastifyCorsOptions {
  const origin = parseOrigins(allowedOrigins);

  return {
    delegator: (request, callback) => {
      const isSdkCall = (request.url ?? '').startsWith(SDK_PATH_PREFIX);
      callback(
        null,
        isSdkCall && origin !== false
          ? { origin, methods: ['POST'], allowedHeaders: ['content-type'], maxAge: 600 }
          : { origin: false },
      );
    },
  };
}

function parseOrigins(value: string): string | string[] | false {
  const origins = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (origins.length === 0) {
    return false;
  }

  return origins.includes('*') ? '*' : origins;
}
