-- wrk script for bench/webhook.sh (X, Meta, LINE): POSTs
-- pre-signed deliveries to a network's webhook, cycling through a file written by that network's
-- payload writer (one line each: the signature header's value, a tab, the JSON body). wrk's Lua
-- cannot compute HMACs, hence the file.
-- Thread t of T sends lines t, t+T, t+2T, ... so threads never send the same delivery until the
-- file wraps around. At the end one line is printed for the script to parse:
--   RESULT sent=.. requests=.. ok=.. stored=.. queued=.. wrapped=.. non2xx=.. socket_errors=.. p50_ms=.. p99_ms=.. max_ms=.. rps=..
-- "stored" sums the "stored" counts of the 200 answers: events stored for the first time; "queued"
-- counts 200 answers {"queued":true} (a delivery kept whole, its events stored after the answer);
-- "wrapped" is 1 when a thread came to the end of its share and resent deliveries; "sent" counts
-- requests written, including those still in flight when wrk stopped (never answered).
-- Usage: wrk ... -s bench/webhook.lua URL -- PAYLOAD_FILE THREADS [SIGNATURE_HEADER [PATH]]
--   (defaults: X's x-twitter-webhooks-signature and /api/channels/x/webhook)

local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local nthreads, index
-- globals, so that done() can read them with thread:get()
ok, stored, queued, wrapped, non2xx, sent = 0, 0, 0, 0, 0, 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  local headers = {["Content-Type"] = "application/json"}
  local signature = args[3] or "x-twitter-webhooks-signature"
  local path = args[4] or "/api/channels/x/webhook"
  for line in file:lines() do
    local tab = line:find("\t", 1, true)
    headers[signature] = line:sub(1, tab - 1)
    requests[#requests + 1] = wrk.format("POST", path, headers, line:sub(tab + 1))
  end
  file:close()
  nthreads = tonumber(args[2] or "1")
  index = tid
end

function request()
  local r = requests[index]
  sent = sent + 1
  index = index + nthreads
  if index > #requests then
    index = index - #requests
    wrapped = 1
  end
  return r
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    local n = body and body:match('"stored":(%d+)')
    if n then
      stored = stored + tonumber(n)
    elseif body and body:find('"queued":true', 1, true) then
      queued = queued + 1
    end
  else
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_stored, total_queued, any_wrapped, total_non2xx, total_sent = 0, 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_stored = total_stored + thread:get("stored")
    total_queued = total_queued + thread:get("queued")
    any_wrapped = math.max(any_wrapped, thread:get("wrapped"))
    total_non2xx = total_non2xx + thread:get("non2xx")
    total_sent = total_sent + thread:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT sent=%d requests=%d ok=%d stored=%d queued=%d wrapped=%d non2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.1f\n",
    total_sent, summary.requests, total_ok, total_stored, total_queued, any_wrapped, total_non2xx, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
