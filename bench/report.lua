-- wrk reporter: one JSON line with the figures bench/run.py needs (wrk prints no p95).

-- BENCH_UNIQUE=1 (the "cold" scenarios): every request gets its own query string (_n=1, 2,
-- ...), so no cache keyed on the URL can answer it and the page is rendered every time.
if os.getenv("BENCH_UNIQUE") == "1" then
  local counter = 0
  request = function()
    counter = counter + 1
    local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. sep .. "_n=" .. counter)
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors": %d, ' ..
    '"status_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
