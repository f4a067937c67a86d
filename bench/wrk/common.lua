-- Shared by every bench script: counts 2xx and other answers per thread, and prints one line
-- `BENCH ok=… other=… seconds=… p50_ms=… p99_ms=… errors=…` that scripts/bench.sh parses.
local threads = {}
local nextID = 0

function setup(thread)
    thread:set("id", nextID)
    nextID = nextID + 1
    table.insert(threads, thread)
end

ok, bad = 0, 0

function response(status, headers, body)
    if status >= 200 and status < 300 then
        ok = ok + 1
    else
        -- The first refusal of each thread goes to the log, to tell a real error from a spent token.
        if bad == 0 then io.stderr:write("first non-2xx: ", status, " ", body or "", "\n") end
        bad = bad + 1
    end
    if on_response then on_response(status, body) end
end

function done(summary, latency, requests)
    local good, other, inactive = 0, 0, 0
    for _, thread in ipairs(threads) do
        good = good + thread:get("ok")
        other = other + thread:get("bad")
        inactive = inactive + (thread:get("inactive") or 0)
    end
    local e = summary.errors
    io.write(string.format("BENCH ok=%d other=%d inactive=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
        good, other, inactive, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        e.connect + e.read + e.write + e.timeout))
end

-- The non-empty lines of a file.
function lines(path)
    local all = {}
    for line in io.lines(path) do
        if #line > 0 then all[#all + 1] = line end
    end
    return all
end

-- This thread's share of a file's lines (thread `id` of BENCH_THREADS takes every n-th line).
function share(path)
    local all, mine, n = lines(path), {}, tonumber(os.getenv("BENCH_THREADS") or "2")
    for i, line in ipairs(all) do
        if (i - 1) % n == id then mine[#mine + 1] = line end
    end
    return mine
end

