/**
 * Lua script that records one action and reads its history in one round trip.
 *
 * KEYS: 1 session actions, 2 device actions, 3 user actions, 4 IP actions, 5 user devices hash
 * (device id -> id of the user's first action on it), 6 user devices sorted set (device id scored
 * by first use). Keys 3 to 6 are '' when the action has no user or no IP.
 * ARGV: 1 action id, 2 action time in epoch ms, 3 device id, 4 TTL of action keys in ms,
 * 5 TTL of user device keys in ms.
 *
 * Action sets are sorted sets scored by time with the action id as member, so recording an id
 * twice keeps one member. A replayed action is read at the time it was first recorded with (its
 * score in the device set), which makes the counts of a replay equal to the first ones unless
 * late events landed in its windows since.
 *
 * Returns 15 integers: session, device, user and IP counts for the last minute, hour and day,
 * then user-known-device (0 or 1), user device count and previous user action count.
 */
export const RECORD_ACTION_SCRIPT = `
local actionId = ARGV[1]
local deviceId = ARGV[3]
local actionTtl = tonumber(ARGV[4])
local deviceTtl = tonumber(ARGV[5])
local MINUTE, HOUR, DAY = 60000, 3600000, 86400000

local recordedAt = redis.call('ZSCORE', KEYS[2], actionId)
local at = tonumber(recordedAt or ARGV[2])
local function ms(value) return string.format('%.0f', value) end
local function after(value) return '(' .. ms(value) end

local function record(key)
  if key == '' then return {0, 0, 0} end
  redis.call('ZADD', key, 'NX', ms(at), actionId)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ms(at - DAY))
  redis.call('PEXPIRE', key, actionTtl)
  return {
    redis.call('ZCOUNT', key, after(at - MINUTE), ms(at)),
    redis.call('ZCOUNT', key, after(at - HOUR), ms(at)),
    redis.call('ZCOUNT', key, after(at - DAY), ms(at)),
  }
end

local result = {}
for index = 1, 4 do
  for _, count in ipairs(record(KEYS[index])) do table.insert(result, count) end
end

local knownDevice, deviceCount, previousCount = 0, 0, 0
if KEYS[5] ~= '' then
  redis.call('HSETNX', KEYS[5], deviceId, actionId)
  if redis.call('HGET', KEYS[5], deviceId) ~= actionId then knownDevice = 1 end
  redis.call('ZADD', KEYS[6], 'NX', ms(at), deviceId)
  deviceCount = redis.call('ZCOUNT', KEYS[6], '-inf', ms(at))
  previousCount = redis.call('ZCOUNT', KEYS[3], after(at - DAY), after(at))
  redis.call('PEXPIRE', KEYS[5], deviceTtl)
  redis.call('PEXPIRE', KEYS[6], deviceTtl)
end
table.insert(result, knownDevice)
table.insert(result, deviceCount)
table.insert(result, previousCount)
return result
`;
