import { ActionContextualized, AttributeMap } from '@vigil/contracts';
import { parseIp, ParsedIp } from '../risk/ip-address';

/** Facts of one action that rules test, read once from the contextualized action event. */
export interface ActionFacts {
  ip?: ParsedIp;
  deviceId: string;
  /** The action's user, the session's user and the claimed user, where present. */
  userIds: string[];
  country?: string;
  asn?: number;
  actionType: string;
  userAgent?: string;
  customAttributes: AttributeMap;
}

/** Country and autonomous system of the client IP, when a lookup or the producer provides them. */
export interface NetworkFacts {
  /** ISO 3166-1 alpha-2 code. */
  country?: string;
  asn?: number;
}

/**
 * Reads the facts of an action for rule matching. The country and ASN come from `network` when
 * given, else from `action.client.country` and `action.client.asn`. The scoring consumer passes
 * the lookups of its offline IP databases (`networkFactsOf`) as `network`.
 */
export function actionFactsOf(
  input: ActionContextualized,
  network: NetworkFacts = {},
): ActionFacts {
  const { action, session } = input;
  const client = action.client as { country?: unknown; asn?: unknown };
  const country = network.country ?? client.country;
  const asn = network.asn ?? client.asn;
  const userIds = [action.user_id, session.current_user_id, action.claimed_user_id].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );

  return {
    ip: action.client.ip ? parseIp(action.client.ip) : undefined,
    deviceId: action.device_id,
    userIds: [...new Set(userIds)],
    country: typeof country === 'string' ? country.toUpperCase() : undefined,
    asn: typeof asn === 'number' ? asn : undefined,
    actionType: action.action_type,
    userAgent: action.client.user_agent,
    customAttributes: action.custom_attributes ?? {},
  };
}
