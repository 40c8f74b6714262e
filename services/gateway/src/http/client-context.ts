import { FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import { ClientContext } from '@vigil/contracts';

const USER_AGENT_MAX_LENGTH = 1024;

/**
 * Returns the device context of a request: its IP (Fastify applies the trusted-proxy rule to
 * X-Forwarded-For) and its User-Agent header, cut to the length the contract allows.
 */
export function clientContextOf(request: FastifyRequest): ClientContext {
  const context: ClientContext = {};
  const ip = stripIpv4MappedPrefix(request.ip);
  if (isIP(ip) !== 0) {
    context.ip = ip;
  }
  const userAgent = request.headers['user-agent'];
  if (userAgent) {
    context.user_agent = userAgent.slice(0, USER_AGENT_MAX_LENGTH);
  }

  return context;
}

function stripIpv4MappedPrefix(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}
