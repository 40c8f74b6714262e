import { ContractViolationError } from '@vigil/contracts';
import { LabelRequest } from './label.dto';

export type LabelTargetType = 'action' | 'user' | 'device' | 'ip';

/**
 * The one target a label names, before an action token is checked. A review case names its
 * action by id (`action_id`), since it contains no action token.
 */
export type RequestedTarget =
  | { type: 'action'; actionToken: string }
  | { type: 'action_id' | 'user' | 'device' | 'ip'; id: string };

const TARGET_FIELDS = ['action_token', 'user_id', 'device_id', 'ip_address'] as const;

/**
 * Returns the single target of a label request.
 *
 * @throws ContractViolationError naming the target fields when none or more than one is set.
 */
export function targetOfRequest(request: LabelRequest): RequestedTarget {
  const present = TARGET_FIELDS.filter((field) => request[field] !== undefined);
  if (present.length !== 1) {
    const message = `set exactly one of ${TARGET_FIELDS.join(', ')}`;
    const fields = present.length === 0 ? TARGET_FIELDS : present;
    throw new ContractViolationError(
      `invalid request: ${message}, got ${present.length === 0 ? 'none' : present.join(' and ')}`,
      fields.map((field) => ({ field, message })),
    );
  }
  switch (present[0]) {
    case 'action_token':
      return { type: 'action', actionToken: request.action_token! };
    case 'user_id':
      return { type: 'user', id: request.user_id! };
    case 'device_id':
      return { type: 'device', id: request.device_id! };
    default:
      return { type: 'ip', id: request.ip_address! };
  }
}
