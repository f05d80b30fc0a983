-- wrk script for bench/self-heal: keep-alive GETs of the service through a proxy, a pause before each.
-- Arguments after `--`: DELAY_MS (default 10). done() prints, per-thread counters summed:
--   SH answers N / SH non2xx N / SH errors connect N read N write N timeout N / SH status CODE N

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local delay_ms = 10

function init(args)
  if args[1] then delay_ms = tonumber(args[1]) end
  statuses = {}           -- a global, so done() can read it with thread:get
end

function delay()
  return delay_ms
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all, bad = {}, 0
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do all[code] = (all[code] or 0) + n end
  end
  for code, n in pairs(all) do
    io.write(string.format("SH status %d %d\n", code, n))
    if code < 200 or code > 299 then bad = bad + n end
  end
  local e = summary.errors
  io.write(string.format("SH answers %d\nSH non2xx %d\nSH errors connect %d read %d write %d timeout %d\n",
    summary.requests, bad, e.connect, e.read, e.write, e.timeout))
end
