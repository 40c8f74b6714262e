/**
 * Telemetry attributes that the scoring service's signals read. When a device session contains
 * more attributes than an action event may carry (`ATTRIBUTE_MAX_KEYS`), the session service
 * keeps these first, so that a client's own attributes never push them out.
 */
export const SCORED_ATTRIBUTE_KEYS: readonly string[] = [
  'user_agent',
  'platform',
  'screen_width',
  'screen_height',
  'time_zone',
  'timezone',
  'timezone_offset_minutes',
  'timezone_offset',
  'max_touch_points',
  'touch_points',
  'private_browsing',
  'incognito',
  'webdriver',
  'headless',
  'selenium',
  'phantom',
  'nightmare',
  'domautomation',
  'chromedriver',
  'bot_detected',
  'bot_kind',
  'interaction_key_presses',
  'interaction_pastes',
  'interaction_key_interval_mean_ms',
  'interaction_key_interval_stdev_ms',
];
