-- Authorization-code exchange: each code in BENCH_TOKENS is used once; when this thread's share runs
-- out it sends a spent code, which is counted as "other" (the bench then reports a lower bound).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local codes = {}
local rest = "&redirect_uri=" .. os.getenv("BENCH_REDIRECT") .. "&code_verifier=" .. os.getenv("BENCH_VERIFIER")
    .. "&client_id=" .. os.getenv("BENCH_CLIENT_ID") .. "&client_secret=" .. os.getenv("BENCH_CLIENT_SECRET")

function init(args)
    codes = share(os.getenv("BENCH_TOKENS"))
end

function request()
    local code = table.remove(codes) or "spent"
    return wrk.format("POST", "/oauth2/token", headers, "grant_type=authorization_code&code=" .. code .. rest)
end
