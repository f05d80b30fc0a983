-- Gantry's routing for nginx + lua-nginx-module (Debian 12: libnginx-mod-http-lua, lua-resty-core).
-- The route table lives in a shared dict, read on every request, so Gantry replaces it with one
-- admin request and no reload: no connection is closed and no worker restarts. docs/proxy-nginx.md
--
-- Route table text, one route per line ('#' starts a comment line):
--   <service> <host|*> <path-prefix> <ip:port> [<ip:port> ...]
-- A request takes the route of its Host with the longest matching prefix, else the route for any
-- host ('*') with the longest matching prefix, else it gets 404.
local balancer = require "ngx.balancer"
local routes_dict = ngx.shared.gantry            -- "routes" (text) and "version" (counter)
local inflight = ngx.shared.gantry_inflight      -- requests in flight per backend address
local requests = ngx.shared.gantry_requests      -- "lines": one per answered request, until gantry server takes them
local REQUESTS_KEPT = 50000                      -- beyond, a request is not told (gantry server is not taking them)
local REQUESTS_TAKEN = 10000                     -- the most lines one GET /_gantry/requests takes
local _M = {}
local cache_version, cache = -1, {}              -- this worker's parsed copy of the table
local cursor = {}                                -- this worker's round-robin position per service

local NOT_FOUND = "No service is routed for this host and path.\n"

local function fields(line)
  local f = {}
  for word in line:gmatch("%S+") do f[#f + 1] = word end
  return f
end

local function peer(address)
  local a, b, c, d, port = address:match("^(%d+)%.(%d+)%.(%d+)%.(%d+):(%d+)$")
  if not a then return nil end
  for _, octet in ipairs({ a, b, c, d }) do
    if tonumber(octet) > 255 then return nil end
  end
  port = tonumber(port)
  if port < 1 or port > 65535 then return nil end
  return { a .. "." .. b .. "." .. c .. "." .. d, port, address }
end

local function parse(text)                       -- the routes, most specific first; or nil, error
  local routes, owner = {}, {}
  local n = 0
  for line in text:gmatch("[^\n]+") do
    n = n + 1
    if line:find("%S") and not line:find("^%s*#") then
      local f = fields(line)
      if #f < 4 then return nil, "line " .. n .. ": need <service> <host|*> <path-prefix> <ip:port>...: " .. line end
      if f[3]:sub(1, 1) ~= "/" then return nil, "line " .. n .. ": the path prefix must start with /: " .. f[3] end
      local peers = {}
      for i = 4, #f do
        peers[#peers + 1] = peer(f[i])
        if not peers[#peers] then return nil, "line " .. n .. ": not an IPv4 address and port: " .. f[i] end
      end
      local key = f[2] .. " " .. f[3]
      if owner[key] then
        return nil, "line " .. n .. ": services " .. owner[key] .. " and " .. f[1] .. " both route host "
          .. f[2] .. " path " .. f[3]
      end
      owner[key] = f[1]
      routes[#routes + 1] = { service = f[1], host = f[2], prefix = f[3], length = #f[3], peers = peers }
    end
  end
  table.sort(routes, function(a, b)
    if (a.host == "*") ~= (b.host == "*") then return b.host == "*" end
    return a.length > b.length
  end)
  return routes
end

local function store(text)                       -- all or nothing; returns the new version
  local routes, err = parse(text)
  if not routes then return nil, err end
  local ok, set_err = routes_dict:safe_set("routes", text)
  if not ok then return nil, "cannot store the table: " .. set_err end
  return routes_dict:incr("version", 1, 0)       -- after the text: a reader that sees it re-parses
end

function _M.init(path)                           -- master process, at start and at every reload
  if routes_dict:get("version") then return end  -- the dict survives a reload: keep the live table
  local file = io.open(path, "r")
  if not file then return end
  local text = file:read("*a")
  file:close()
  local version, err = store(text)
  if not version then error(path .. ": " .. err) end
end

local function current()
  local version = routes_dict:get("version") or 0
  if version ~= cache_version then
    cache = parse(routes_dict:get("routes") or "") or {}
    cache_version = version
  end
  return cache
end

function _M.route()                              -- rewrite phase: choose the route once per request
  local uri, host = ngx.var.uri, ngx.var.host
  for _, r in ipairs(current()) do
    if (r.host == "*" or r.host == host) and uri:sub(1, r.length) == r.prefix then
      ngx.ctx.route = r
      return
    end
  end
  ngx.status = ngx.HTTP_NOT_FOUND
  ngx.header["Content-Type"] = "text/plain; charset=utf-8"
  ngx.header["Content-Length"] = #NOT_FOUND
  ngx.print(NOT_FOUND)
  return ngx.exit(ngx.HTTP_OK)                   -- ends the request with the body above
end

function _M.balance()                            -- balancer phase: round-robin, next replica on retry
  local ctx = ngx.ctx
  local r = ctx.route
  local n = #r.peers
  local i
  if ctx.index then                              -- the previous replica refused or timed out
    inflight:incr(r.peers[ctx.index][3], -1, 0)
    i = ctx.index % n + 1
  else
    i = (cursor[r.service] or 0) % n + 1
    cursor[r.service] = i
    if n > 1 then balancer.set_more_tries(n - 1) end
  end
  ctx.index = i
  local p = r.peers[i]
  inflight:incr(p[3], 1, 0)
  local ok, err = balancer.set_current_peer(p[1], p[2])
  if not ok then ngx.log(ngx.ERR, "gantry: cannot use backend ", p[3], ": ", err) end
end

function _M.done()                               -- log phase
  local ctx = ngx.ctx
  if not ctx.index then return end
  local address = ctx.route.peers[ctx.index][3]
  inflight:incr(address, -1, 0)
  if (requests:llen("lines") or 0) < REQUESTS_KEPT then   -- the same line as HAProxy's log-format
    requests:rpush("lines", "gantry-request ms=" .. math.floor(tonumber(ngx.var.request_time) * 1000 + 0.5)
      .. " status=" .. ngx.status .. " server=" .. address)
  end
end

function _M.admin_routes()                       -- GET: the table; PUT: replace it, atomically
  local method = ngx.req.get_method()
  if method == "GET" then
    ngx.header["X-Routes-Version"] = routes_dict:get("version") or 0
    return ngx.print(routes_dict:get("routes") or "")
  elseif method == "PUT" then
    ngx.req.read_body()
    if ngx.req.get_body_file() then              -- larger than client_body_buffer_size: refuse
      ngx.status = ngx.HTTP_BAD_REQUEST
      return ngx.say("the table is larger than the admin endpoint's body buffer")
    end
    local body = ngx.req.get_body_data() or ""
    local version, err = store(body)
    if not version then
      ngx.status = ngx.HTTP_BAD_REQUEST
      return ngx.say(err)
    end
    return ngx.say(version)
  end
  return ngx.exit(ngx.HTTP_NOT_ALLOWED)
end

function _M.admin_check()                        -- PUT: parse a table and answer as a PUT would, storing nothing
  if ngx.req.get_method() ~= "PUT" then return ngx.exit(ngx.HTTP_NOT_ALLOWED) end
  ngx.req.read_body()
  if ngx.req.get_body_file() then
    ngx.status = ngx.HTTP_BAD_REQUEST
    return ngx.say("the table is larger than the admin endpoint's body buffer")
  end
  local routes, err = parse(ngx.req.get_body_data() or "")
  if not routes then
    ngx.status = ngx.HTTP_BAD_REQUEST
    return ngx.say(err)
  end
  return ngx.say("valid")
end

function _M.admin_inflight()                     -- "<ip:port> <count>" per backend with requests in flight
  for _, address in ipairs(inflight:get_keys(0)) do
    local count = inflight:get(address)
    if count and count > 0 then ngx.say(address, " ", count) end
  end
end

function _M.admin_requests()                     -- GET: takes the lines of answered requests, oldest first
  local lines = {}
  for _ = 1, REQUESTS_TAKEN do
    local line = requests:lpop("lines")
    if not line then break end
    lines[#lines + 1] = line
  end
  ngx.print(table.concat(lines, "\n"))
end

return _M
