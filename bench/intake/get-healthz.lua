-- wrk script: GET /healthz, the baseline for bench/run-intake.sh.
--
-- It has the same shape as post-offer.lua on purpose: a request() function called per request and a
-- response() hook (which makes wrk hand every response to Lua), so both runs pay the same load-generator
-- overhead and the ratio compares the portal's work, not two differently expensive wrk modes.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

sent = 0
expected = 0
other = {}   -- status -> count, for everything that is not 200

function request()
  sent = sent + 1
  return wrk.format("GET", "/healthz")
end

function response(status, headers, body)
  if status == 200 then
    expected = expected + 1
  else
    other[status] = (other[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total_sent, total_expected, statuses = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_expected = total_expected + thread:get("expected")
    for status, count in pairs(thread:get("other")) do
      statuses[status] = (statuses[status] or 0) + count
    end
  end

  local total_other = 0
  for status, count in pairs(statuses) do
    io.write(string.format("INTAKE status_%d %d\n", status, count))
    total_other = total_other + count
  end
  local e = summary.errors
  io.write(string.format("INTAKE rps %.2f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("INTAKE answered %d\n", summary.requests))
  io.write(string.format("INTAKE sent %d\n", total_sent))
  io.write(string.format("INTAKE expected %d\n", total_expected))
  io.write(string.format("INTAKE unexpected %d\n", total_other))
  io.write(string.format("INTAKE socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
end
