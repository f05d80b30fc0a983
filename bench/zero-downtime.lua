-- wrk script for bench/zero-downtime: keep-alive GET and POST load on /api/v1/books.
--
-- Each connection cycles GET list, POST a book, GET list, DELETE the book a POST created (taken
-- from the 201's Location header; a plain GET when none is waiting). Deleting what it created keeps
-- the catalogue, and so every GET and every write, small however long the load runs.
-- Arguments after `--`: DELAY_MS (pause before each request, bounds the rate; default 10).
-- done() prints machine-readable lines starting with "ZD " (per-thread counters summed):
--   ZD requests N / ZD errors connect N read N write N timeout N / ZD status CODE N /
--   ZD release RELEASE N / ZD failure EPOCH_S STATUS RELEASE BODY (the first 20 per thread) /
--   ZD second EPOCH_S N (answers in each second) / ZD latency p50 MS p99 MS max MS ms

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local path = "/api/v1/books"
local post_headers = { ["Content-Type"] = "application/json" }
local post_body = '{"title":"t","author":"a"}'
local delay_ms = 10
local turn = 0
local waiting = {}        -- Location paths of created books, to delete

function init(args)
  if args[1] then delay_ms = tonumber(args[1]) end
  statuses = {}           -- globals, so done() can read them with thread:get
  releases = {}
  failures = {}
  nfailures = 0
  seconds = {}            -- epoch second -> answers in it
end

function delay()
  return delay_ms
end

function request()
  turn = turn % 4 + 1
  if turn == 2 then
    return wrk.format("POST", path, post_headers, post_body)
  elseif turn == 4 and #waiting > 0 then
    return wrk.format("DELETE", table.remove(waiting, 1))
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local release, location = "-", nil
  for name, value in pairs(headers) do
    local lower = string.lower(name)
    if lower == "x-release" then release = value
    elseif lower == "location" then location = value end
  end
  local now = os.time()
  seconds[now] = (seconds[now] or 0) + 1
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  releases[release] = (releases[release] or 0) + 1
  if status == 201 and location then
    table.insert(waiting, (string.gsub(location, "^https?://[^/]+", "")))
  end
  if (status < 200 or status > 299) and nfailures < 20 then
    nfailures = nfailures + 1
    local snippet = string.gsub(string.sub(body or "", 1, 120), "%s+", " ")
    failures[nfailures] = now .. " " .. status .. " " .. release .. " " .. snippet
  end
end

function done(summary, latency, requests)
  local statuses_all, releases_all, seconds_all = {}, {}, {}
  io.write(string.format("ZD requests %d\n", summary.requests))
  io.write(string.format("ZD errors connect %d read %d write %d timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("statuses") or {}) do statuses_all[k] = (statuses_all[k] or 0) + v end
    for k, v in pairs(thread:get("releases") or {}) do releases_all[k] = (releases_all[k] or 0) + v end
    for _, line in ipairs(thread:get("failures") or {}) do io.write("ZD failure " .. line .. "\n") end
    for k, v in pairs(thread:get("seconds") or {}) do seconds_all[k] = (seconds_all[k] or 0) + v end
  end
  for k, v in pairs(statuses_all) do io.write(string.format("ZD status %s %d\n", k, v)) end
  for k, v in pairs(releases_all) do io.write(string.format("ZD release %s %d\n", k, v)) end
  local keys = {}
  for k in pairs(seconds_all) do table.insert(keys, k) end
  table.sort(keys)
  for _, k in ipairs(keys) do io.write(string.format("ZD second %d %d\n", k, seconds_all[k])) end
  io.write(string.format("ZD latency p50 %.1f p99 %.1f max %.1f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
