import { AttributeMap } from '../core/attributes';

/** One telemetry event as the gateway takes it. */
export interface TelemetryEvent {
  type: string;
  /** The device's clock, epoch milliseconds. */
  device_time: number;
  attributes?: AttributeMap;
}

/** The gateway takes 1 to 100 events per telemetry call. */
export const TELEMETRY_BATCH_MAX_EVENTS = 100;
