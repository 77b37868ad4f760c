-- Authenticated reads: GET /api/v1/me with a valid access token (signature + revocation check).
-- BENCH_TOKENS names a file of access tokens, one per line; each thread takes one.
local counter = 0
local tokens = {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
  local token = tokens[(index - 1) % #tokens + 1]
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  return wrk.format("GET", "/api/v1/me")
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
