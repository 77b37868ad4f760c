-- Refresh-token grants: one connection per thread, each following its own rotation chain
-- (every answer carries the next refresh token, which the next request presents).
-- BENCH_TOKENS names a file of refresh tokens, one per line; each thread starts from one.
local counter = 0
local current

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
end

function init(args)
  local tokens = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
  current = tokens[(index - 1) % #tokens + 1]
end

function request()
  return wrk.format("POST", "/api/v1/auth/refresh", {["Content-Type"] = "application/json"},
    '{"refresh_token":"' .. current .. '"}')
end

function response(status, headers, body)
  local next_token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if next_token then current = next_token end
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
