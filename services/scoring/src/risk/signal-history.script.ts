/**
 * Lua script that records what the history signals need beyond action counts, and reads it, in
 * one call. It runs in the same pipeline as `RECORD_ACTION_SCRIPT`, so an action costs one round
 * trip.
 *
 * KEYS ('' when the action has no user, IP or country):
 * 1 device failed results, 2 user failed results (sorted sets of action ids scored by time),
 * 3 device users (user id scored by its first action in the last day), 4 user devices (device
 * id scored likewise), 5 session IPs (IP scored by first action), 6 user countries (country
 * scored by first action), 7 user last location (hash), 8 device label, 9 user label, 10 IP
 * label (strings), 11 device actions (written by `RECORD_ACTION_SCRIPT` just before it, for the
 * time the action was first recorded).
 * ARGV: 1 action id, 2 action time in epoch ms, 3 device id, 4 user id, 5 IP, 6 country,
 * 7 TTL of 24-hour keys in ms, 8 TTL of user profile keys in ms, 9 maximum members of a set.
 *
 * Every set is trimmed to the last day or to ARGV[9] members, so no key grows without bound.
 * A replayed action is read at the time it was first recorded, and every count and list covers
 * members up to that time, so a replay returns what the first call did, unless late events
 * landed before it. A member of keys 3 and 4 keeps the score of its first action and is trimmed
 * a day later even when it acted since; it counts again from its next action.
 *
 * Returns: 1-3 device failed results and 4-6 user failed results in the last minute, hour and
 * day; 7 device user count and 8 user device count in the last day; 9 session IPs; 10 the user's
 * countries, oldest first; 11 whether the country is new to the user (0 or 1); 12 the previous
 * location (action id, country, time) or an empty table; 13-15 the labels' JSON or false.
 */
export const SIGNAL_HISTORY_SCRIPT = `
local actionId, deviceId, userId, ip, country = ARGV[1], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local recorded = redis.call('ZSCORE', KEYS[11], actionId)
local at = tonumber(recorded or ARGV[2])
local replay = recorded ~= false and tonumber(recorded) ~= tonumber(ARGV[2])
local dayTtl, profileTtl, maxMembers = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local MINUTE, HOUR, DAY = 60000, 3600000, 86400000
local function ms(value) return string.format('%.0f', value) end
local function after(value) return '(' .. ms(value) end

local function failures(key)
  if key == '' then return {0, 0, 0} end
  return {
    redis.call('ZCOUNT', key, after(at - MINUTE), ms(at)),
    redis.call('ZCOUNT', key, after(at - HOUR), ms(at)),
    redis.call('ZCOUNT', key, after(at - DAY), ms(at)),
  }
end

local function cap(key)
  redis.call('ZREMRANGEBYRANK', key, 0, -(maxMembers + 1))
end

local function lastDayMembers(key, member)
  if key == '' or member == '' then return 0 end
  redis.call('ZADD', key, 'NX', ms(at), member)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ms(at - DAY))
  cap(key)
  redis.call('PEXPIRE', key, dayTtl)
  return redis.call('ZCOUNT', key, after(at - DAY), ms(at))
end

local result = {}
for _, count in ipairs(failures(KEYS[1])) do table.insert(result, count) end
for _, count in ipairs(failures(KEYS[2])) do table.insert(result, count) end
table.insert(result, lastDayMembers(KEYS[3], userId))
table.insert(result, lastDayMembers(KEYS[4], deviceId))

local sessionIps = {}
if KEYS[5] ~= '' then
  redis.call('ZADD', KEYS[5], 'NX', ms(at), ip)
  cap(KEYS[5])
  redis.call('PEXPIRE', KEYS[5], dayTtl)
  sessionIps = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', ms(at))
end
table.insert(result, sessionIps)

local countries, newCountry = {}, 0
if KEYS[6] ~= '' then
  redis.call('ZADD', KEYS[6], 'NX', ms(at), country)
  local firstSeen = tonumber(redis.call('ZSCORE', KEYS[6], country))
  cap(KEYS[6])
  redis.call('PEXPIRE', KEYS[6], profileTtl)
  countries = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', ms(at))
  if firstSeen == at and #countries > 1 then newCountry = 1 end
end
table.insert(result, countries)
table.insert(result, newCountry)

local previous = {}
if KEYS[7] ~= '' then
  local stored = redis.call('HMGET', KEYS[7], 'action_id', 'country', 'at', 'previous')
  if stored[1] == actionId then
    if stored[4] then previous = cjson.decode(stored[4]) end
  elseif not replay then
    if stored[1] then previous = {stored[1], stored[2], stored[3]} end
    redis.call('HSET', KEYS[7], 'action_id', actionId, 'country', country, 'at', ms(at),
      'previous', cjson.encode(previous))
  end
  redis.call('PEXPIRE', KEYS[7], profileTtl)
end
table.insert(result, previous)

for index = 8, 10 do
  if KEYS[index] == '' then table.insert(result, false)
  else table.insert(result, redis.call('GET', KEYS[index])) end
end
return result
`;

/**
 * Lua script that records one failed action result. KEYS: 1 device, 2 user ('' without a user).
 * ARGV: 1 action id, 2 result time in epoch ms, 3 TTL in ms, 4 maximum members.
 */
export const RECORD_FAILED_RESULT_SCRIPT = `
local at = tonumber(ARGV[2])
for index = 1, 2 do
  local key = KEYS[index]
  if key ~= '' then
    redis.call('ZADD', key, 'NX', string.format('%.0f', at), ARGV[1])
    redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', at - 86400000))
    redis.call('ZREMRANGEBYRANK', key, 0, -(tonumber(ARGV[4]) + 1))
    redis.call('PEXPIRE', key, tonumber(ARGV[3]))
  end
end
return 1
`;
