-- Replays pre-built requests from a file. Each wrk thread takes its own share of the lines
-- (line i goes to thread i mod threads), so a request meant to be sent once (a one-time token,
-- a first completion) is sent once unless a thread runs out and wraps; wraps are reported.
--
-- Line format: METHOD \t PATH \t header lines joined by \x1f \t BODY (empty: no body).
-- Usage: wrk ... -s replay.lua -- <requests file> <threads>

local threads = {}
local created = 0

function setup(thread)
  thread:set("tid", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  reqs, idx, wraps = {}, 0, 0
  local line_no = 0
  for line in io.lines(path) do
    if line_no % nthreads == tid then
      local method, target, hdrs, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {}
      for h in hdrs:gmatch("[^\31]+") do
        local k, v = h:match("^([^:]+):%s*(.*)$")
        headers[k] = v
      end
      if body == "" then body = nil end
      table.insert(reqs, wrk.format(method, target, headers, body))
    end
    line_no = line_no + 1
  end
end

function request()
  idx = idx + 1
  if idx > #reqs then
    idx = 1
    wraps = wraps + 1
  end
  return reqs[idx]
end

function done(summary, latency, requests)
  local wrapped = 0
  for _, t in ipairs(threads) do
    wrapped = wrapped + (t:get("wraps") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    '@@RESULT {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"max_us":%d,"wraps":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    wrapped))
end
