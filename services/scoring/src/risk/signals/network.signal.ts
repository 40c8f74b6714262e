import { IpReputationCategory } from '../ip-reputation';
import { riskSignal, RiskSignal, RiskSignalCode, SignalContext } from '../risk-signal';

/** DATACENTER_IP: the client IP belongs to a hosting or cloud provider. */
export function datacenterIpSignal(context: SignalContext): RiskSignal | undefined {
  return ipListSignal(context, 'datacenter', 'DATACENTER_IP', context.config.datacenterIp.weight);
}

/** VPN_IP: the client IP is a known commercial VPN exit. */
export function vpnIpSignal(context: SignalContext): RiskSignal | undefined {
  return ipListSignal(context, 'vpn', 'VPN_IP', context.config.vpnIp.weight);
}

/** TOR_EXIT_IP: the client IP is a Tor exit relay. */
export function torExitIpSignal(context: SignalContext): RiskSignal | undefined {
  return ipListSignal(context, 'tor', 'TOR_EXIT_IP', context.config.torExitIp.weight);
}

function ipListSignal(
  context: SignalContext,
  category: IpReputationCategory,
  code: RiskSignalCode,
  weight: number,
): RiskSignal | undefined {
  const match = context.ipReputation[category];
  if (match === undefined) {
    return undefined;
  }

  const evidence: Record<string, unknown> = {
    ip: context.input.action.client.ip,
    list: match.source,
    range: match.range,
  };
  if (match.provider !== undefined) {
    evidence.provider = match.provider;
  }
  if (context.ipAsn !== undefined) {
    evidence.asn = context.ipAsn.asn;
    evidence.as_organisation = context.ipAsn.as_organisation;
  }

  return riskSignal(code, weight, evidence);
}
