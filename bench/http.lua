-- bench/http.lua - wrk's script for bench/http.sh: cycles through a file
-- of queries (one q a line, as bench/http-queries.sh writes them), asking
-- GET /search?q=QUERY&SUFFIX, and prints one line of figures at the end.
--
--   wrk -t2 -c2 -d10s -s bench/http.lua URL -- QUERIES [SUFFIX]
--
-- Each thread starts at another place in the list, so that two
-- connections do not send the same query at the same moment.

local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
end

local function encode(s)
   return (s:gsub("[^%w%-%._~]", function(c)
      return string.format("%%%02X", string.byte(c))
   end))
end

local requests = {}
local next_one = 1

function init(args)
   local suffix = args[2] or ""
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(requests, wrk.format("GET", "/search?q=" ..
                                           encode(line) .. suffix))
      end
   end
   if #requests == 0 then
      error("bench/http.lua: no queries in " .. args[1])
   end
   next_one = 1 + (id * 7919) % #requests
end

function request()
   local r = requests[next_one]
   next_one = next_one % #requests + 1
   return r
end

function done(summary, latency, requests)
   -- Microseconds; one line for bench/http.sh to read.  No response()
   -- here: defining one makes wrk hand every body to Lua, which costs the
   -- client CPU that the server should have; errors.status counts the
   -- answers of status 400 and above.
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50=%d p95=%d p99=%d " ..
      "max=%d status_errors=%d socket_errors=%d\n",
      summary.requests, summary.duration / 1e6,
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, summary.errors.status,
      summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout))
end
