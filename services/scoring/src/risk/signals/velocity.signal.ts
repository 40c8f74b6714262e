import { HistoryWindow, WindowCounts } from '../action-history';
import { VelocityLimit } from '../risk-config';
import { riskSignal, RiskSignal, RiskSignalCode, SignalContext } from '../risk-signal';

const WINDOW_NAMES: Record<HistoryWindow, string> = {
  lastMinute: 'last_minute',
  lastHour: 'last_hour',
  lastDay: 'last_day',
};

/** SESSION_ACTION_VELOCITY: too many actions in this device session. */
export function sessionActionVelocitySignal(context: SignalContext): RiskSignal | undefined {
  const { limits } = context.config.sessionActionVelocity;

  return velocitySignal('SESSION_ACTION_VELOCITY', context.history.session, limits);
}

/** USER_ACTION_VELOCITY: too many actions by this user, on any device. */
export function userActionVelocitySignal(context: SignalContext): RiskSignal | undefined {
  const counts = context.history.user;

  return (
    counts &&
    velocitySignal('USER_ACTION_VELOCITY', counts, context.config.userActionVelocity.limits)
  );
}

/** IP_ACTION_VELOCITY: too many actions from this client IP, by any device or user. */
export function ipActionVelocitySignal(context: SignalContext): RiskSignal | undefined {
  const counts = context.history.ip;

  return (
    counts && velocitySignal('IP_ACTION_VELOCITY', counts, context.config.ipActionVelocity.limits)
  );
}

/** DEVICE_ACTION_VELOCITY: too many actions on this device, across its sessions and users. */
export function deviceActionVelocitySignal(context: SignalContext): RiskSignal | undefined {
  const { limits } = context.config.deviceActionVelocity;

  return velocitySignal('DEVICE_ACTION_VELOCITY', context.history.device, limits);
}

/** Raises `code` with the weight of the heaviest exceeded limit, listing every exceeded one. */
export function velocitySignal(
  code: RiskSignalCode,
  counts: WindowCounts,
  limits: VelocityLimit[],
): RiskSignal | undefined {
  const exceeded = limits.filter((limit) => counts[limit.window] > limit.maxActions);
  if (exceeded.length === 0) {
    return undefined;
  }
  const weight = Math.max(...exceeded.map((limit) => limit.weight));

  return riskSignal(code, weight, {
    counts: renameWindows(counts),
    exceeded: exceeded.map((limit) => ({
      window: WINDOW_NAMES[limit.window],
      count: counts[limit.window],
      max_actions: limit.maxActions,
    })),
  });
}

function renameWindows(counts: WindowCounts): Record<string, number> {
  return {
    last_minute: counts.lastMinute,
    last_hour: counts.lastHour,
    last_day: counts.lastDay,
  };
}
