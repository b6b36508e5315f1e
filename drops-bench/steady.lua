-- wrk: POST a reservation with a new Idempotency-Key each time, each call with the next
-- fan's token (TOKENS_FILE), to RESERVE_PATH with RESERVE_BODY; p50 and p99 at the end.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local counter = 0
local prefix = ""
function init(args)
  math.randomseed(os.time() + tid)
  prefix = tostring(math.random(1, 1000000000))
  -- Each wrk thread starts at its own half of the fans.
  counter = (tid - 1) * math.floor(#tokens / 2)
end
function request()
  counter = counter + 1
  return wrk.format("POST", os.getenv("RESERVE_PATH"), {
    ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. "-" .. counter
  }, os.getenv("RESERVE_BODY"))
end
function done(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
