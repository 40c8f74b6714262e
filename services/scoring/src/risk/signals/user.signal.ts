import { userOfAction } from '../action-history';
import { riskSignal, RiskSignal, SignalContext } from '../risk-signal';

/** NEW_DEVICE_FOR_USER: the user has used other devices before, but never this one. */
export function newDeviceForUserSignal(context: SignalContext): RiskSignal | undefined {
  const { history } = context;
  const otherDeviceCount = history.userDeviceCount - 1;
  if (
    userOfAction(context.input) === undefined ||
    history.userKnownDevice ||
    otherDeviceCount < 1
  ) {
    return undefined;
  }

  return riskSignal('NEW_DEVICE_FOR_USER', context.config.newDeviceForUser.weight, {
    device_id: context.input.action.device_id,
    other_device_count: otherDeviceCount,
  });
}

/** MULTIPLE_USERS_ON_SESSION: two or more users have been set on this device session. */
export function multipleUsersOnSessionSignal(context: SignalContext): RiskSignal | undefined {
  const distinctUserCount = context.input.session.distinct_user_count;
  const weights = context.config.multipleUsersOnSession;
  if (distinctUserCount < 2) {
    return undefined;
  }
  const weight =
    distinctUserCount >= 3 ? weights.weightForThreeOrMoreUsers : weights.weightForTwoUsers;

  return riskSignal('MULTIPLE_USERS_ON_SESSION', weight, {
    distinct_user_count: distinctUserCount,
  });
}
