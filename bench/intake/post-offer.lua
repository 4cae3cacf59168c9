-- wrk script: POST /api/offers with a valid offer (shared/formats/api-listing.md) and count answers.
--
-- Environment (set by bench/run-intake.sh):
--   INTAKE_AVAILABLE_FROM, INTAKE_EXPIRES_AT  dates (yyyy-mm-dd) computed from today when the run starts;
--                                             the validator rejects dates in the past, so they cannot be fixed here.
--
-- Each wrk thread has its own Lua state, so counters live per thread and done() adds them up via thread:get.
-- The result is printed as "INTAKE key value" lines, which run-intake.sh parses.

local available_from = os.getenv("INTAKE_AVAILABLE_FROM") or error("INTAKE_AVAILABLE_FROM is not set")
local expires_at = os.getenv("INTAKE_EXPIRES_AT") or error("INTAKE_EXPIRES_AT is not set")

-- The body around the title, split once so each request only concatenates three strings (cheap enough
-- that the load generator, which shares the two cores with the portal, does not become the bottleneck).
local body_head = '{"type":"goods","category":"ppe-mask-ffp2","title":"FFP2 masks, intake benchmark '
local body_tail = '","description":"Boxes of 20, EN 149 certified.","quantity":10000,"unit":"piece",'
  .. '"region":"DE60","lat":53.55,"lon":9.99,"radiusKm":300,'
  .. '"availableFrom":"' .. available_from .. '","expiresAt":"' .. expires_at .. '",'
  .. '"certifications":["EN149:FFP2","CE"],'
  .. '"organisation":{"name":"Nordlicht Textil GmbH","cluster":"life-science-nord"},'
  .. '"contact":{"name":"Jana Petersen","email":"jana.petersen@example.org","phone":"+49 40 1234567"},'
  .. '"language":"de"}'
local headers = { ["Content-Type"] = "application/json" }

local threads = {}
local next_thread_id = 0

function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("thread_id", next_thread_id)
  table.insert(threads, thread)
end

-- Per-thread state (these globals exist once per thread's Lua state).
sent = 0
created = 0
other = {}   -- status -> count, for everything that is not 201

function request()
  sent = sent + 1
  -- A different title per request, so the benchmark does not store thousands of identical rows.
  local body = body_head .. tostring(thread_id) .. "-" .. tostring(sent) .. body_tail
  return wrk.format("POST", "/api/offers", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other[status] = (other[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total_sent, total_created, statuses = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_created = total_created + thread:get("created")
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
  io.write(string.format("INTAKE expected %d\n", total_created))
  io.write(string.format("INTAKE unexpected %d\n", total_other))
  io.write(string.format("INTAKE socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
end
