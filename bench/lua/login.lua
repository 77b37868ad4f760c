-- Password logins over many accounts: each thread walks the account list from its own offset.
-- BENCH_ACCOUNTS names a file of "identifier<TAB>password" lines.
local accounts = {}
local next_index = 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_ACCOUNTS")) do
    local id, pw = line:match("^([^\t]+)\t(.+)$")
    if id then accounts[#accounts + 1] = '{"identifier":"' .. id .. '","password":"' .. pw .. '"}' end
  end
  next_index = (offset or 0) % #accounts + 1
end

function request()
  local body = accounts[next_index]
  next_index = next_index % #accounts + 1
  return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"}, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
