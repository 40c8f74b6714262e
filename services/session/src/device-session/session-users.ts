import {
  DeviceSessionState,
  UserAssociation,
  UserClearedBy,
  UserSetBy,
} from './device-session.types';

/**
 * Makes `userId` the session's current user. A different current user is cleared first as
 * `replaced`; setting the current user again changes nothing.
 */
export function setCurrentUser(
  session: DeviceSessionState,
  userId: string,
  setBy: UserSetBy,
  at: Date,
): DeviceSessionState {
  if (session.current_user_id === userId) {
    return session;
  }
  const cleared = clearCurrentUser(session, 'replaced', at);
  const association: UserAssociation = { user_id: userId, set_at: at, set_by: setBy };

  return {
    ...cleared,
    current_user_id: userId,
    user_history: [...cleared.user_history, association],
  };
}

/** Ends the current user's association, if there is one, and leaves the session without a user. */
export function clearCurrentUser(
  session: DeviceSessionState,
  clearedBy: UserClearedBy,
  at: Date,
): DeviceSessionState {
  if (session.current_user_id === null) {
    return session;
  }
  const history = session.user_history.map((association) =>
    isOpenAssociationOf(association, session.current_user_id)
      ? { ...association, cleared_at: at, cleared_by: clearedBy }
      : association,
  );

  return { ...session, current_user_id: null, user_history: history };
}

/** Counts the distinct users ever set on the session, the current one included. */
export function countDistinctUsers(session: DeviceSessionState): number {
  return new Set(session.user_history.map((association) => association.user_id)).size;
}

function isOpenAssociationOf(association: UserAssociation, userId: string | null): boolean {
  return association.user_id === userId && association.cleared_at === undefined;
}
