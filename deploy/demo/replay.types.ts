import { AttributeMap } from '@vigil/client';

export type TrafficSource = 'rba' | 'bot';

/** One `login` action event to replay. */
export interface LoginAttempt {
  deviceKey: string;
  source: TrafficSource;
  timeMs: number;
  correlationId: string;
  claimedUserId: string;
  /** Whether the login succeeded. A success is reported with the user id, which sets the user. */
  successful: boolean;
  /** Ground truth for the report only: the IP was in a known-attacker list. Never sent. */
  attackIp: boolean;
}

/** A device that starts one device session for the whole replay window. */
export interface ReplayDevice {
  key: string;
  source: TrafficSource;
  userAgent: string;
  ip: string;
  /** Attributes of the one telemetry batch sent after the session starts. Bots have none. */
  profile?: { deviceTimeMs: number; attributes: AttributeMap };
  /** In time order. */
  attempts: LoginAttempt[];
}

/** One row of a count table, e.g. a recommendation type and how often it was issued. */
export interface CountRow {
  label: string;
  count: number;
}

/** Counts the user and device rule yields on the RBA rows. */
export interface AssignmentCounts {
  rows: number;
  users: number;
  devices: number;
  /** One device session per device. */
  sessions: number;
  /** Rows of the shared placeholder user id, kept as one user. */
  placeholderRows: number;
  /** How many users have 1, 2, ... rows. */
  rowsPerUser: CountRow[];
  /** How many devices are used by 1, 2, ... users. */
  usersPerDevice: CountRow[];
}
