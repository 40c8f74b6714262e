import type { Redis } from 'ioredis';
import { LabelTarget, ReputationLabel } from '../risk/action-history';
import { DEFAULT_HISTORY_KEY_PREFIX, labelKey } from '../risk/history-keys';

/** How long a label on a device, user or IP keeps raising its reputation signal: 180 days. */
export const LABEL_REPUTATION_TTL_MS = 180 * 86_400_000;

/**
 * Writes the latest label of a device, user or IP where the history script of the scoring
 * service reads it, so the next action of that target is scored with it. One SET per label.
 */
export class LabelReputationStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string = DEFAULT_HISTORY_KEY_PREFIX,
  ) {}

  async write(
    tenantId: string,
    target: LabelTarget,
    targetId: string,
    label: ReputationLabel,
  ): Promise<void> {
    const key = labelKey(this.keyPrefix, tenantId, target, targetId);
    await this.redis.set(key, JSON.stringify(label), 'PX', LABEL_REPUTATION_TTL_MS);
  }

  async read(tenantId: string, target: LabelTarget, targetId: string) {
    const value = await this.redis.get(labelKey(this.keyPrefix, tenantId, target, targetId));

    return value === null ? undefined : (JSON.parse(value) as ReputationLabel);
  }
}
