import { LabelTarget } from './action-history';
import { normalizeIp } from './ip-address';

/** Prefix of every scoring key in Redis unless `HISTORY_KEY_PREFIX` sets another. */
export const DEFAULT_HISTORY_KEY_PREFIX = 'vigil:scoring:history:';

/** Returns the prefix of one tenant's keys, so tenants never share a user, device or IP. */
export function tenantKeyPrefix(keyPrefix: string, tenantId: string): string {
  return `${keyPrefix}${tenantId}:`;
}

/** Returns the canonical text of an IP for keys, so `::ffff:1.2.3.4` and `1.2.3.4` match. */
export function ipKeyPart(ip: string): string {
  return normalizeIp(ip) ?? ip;
}

/** Returns the key of the latest label on a device, user or IP of a tenant. */
export function labelKey(
  keyPrefix: string,
  tenantId: string,
  target: LabelTarget,
  value: string,
): string {
  const part = target === 'ip' ? ipKeyPart(value) : value;

  return `${tenantKeyPrefix(keyPrefix, tenantId)}label:${target}:${part}`;
}

/** Returns the keys of the failed results of a device and of a user ('' without a user). */
export function failedResultKeys(
  keyPrefix: string,
  tenantId: string,
  deviceId: string,
  userId: string | undefined,
): [string, string] {
  const prefix = tenantKeyPrefix(keyPrefix, tenantId);

  return [
    `${prefix}device-failed-results:${deviceId}`,
    userId === undefined ? '' : `${prefix}user-failed-results:${userId}`,
  ];
}
