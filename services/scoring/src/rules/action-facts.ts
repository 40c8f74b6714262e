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

/** Optional network facts that the action's client context may carry. */
interface ClientNetworkFacts {
  country?: unknown;
  asn?: unknown;
}

/**
 * Reads the facts of an action for rule matching.
 *
 * NOTE: the country and the ASN are read from `action.client.country` and `action.client.asn`.
 * The action contract does not carry them yet, so the country and ASN matchers match nothing
 * until a producer fills them in.
 */
export function actionFactsOf(input: ActionContextualized): ActionFacts {
  const { action, session } = input;
  const network = action.client as ClientNetworkFacts;
  const userIds = [action.user_id, session.current_user_id, action.claimed_user_id].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );

  return {
    ip: action.client.ip ? parseIp(action.client.ip) : undefined,
    deviceId: action.device_id,
    userIds: [...new Set(userIds)],
    country: typeof network.country === 'string' ? network.country.toUpperCase() : undefined,
    asn: typeof network.asn === 'number' ? network.asn : undefined,
    actionType: action.action_type,
    userAgent: action.client.user_agent,
    customAttributes: action.custom_attributes ?? {},
  };
}
