-- Synapse's introspection call, cycling through the tokens in BENCH_TOKENS (or BENCH_TOKEN for one).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_MATRIX_SECRET"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-MAS-Supports-Device-Id"] = "1",
}
local tokens, i = {}, 0
-- Sesame's endpoint unless told otherwise (the django-oauth-toolkit peer serves /o/introspect/).
local path = os.getenv("BENCH_INTROSPECT_PATH") or "/oauth2/introspect"

function init(args)
    if os.getenv("BENCH_TOKENS") then tokens = share(os.getenv("BENCH_TOKENS")) else tokens = { os.getenv("BENCH_TOKEN") } end
end

function request()
    i = i % #tokens + 1
    return wrk.format("POST", path, headers, "token=" .. tokens[i] .. "&token_type_hint=access_token")
end

-- An inactive answer is still a 200: count it apart when the bench expects active tokens.
inactive = 0
function on_response(status, body)
    if status == 200 and body:find('"active"%s*:%s*false') then inactive = inactive + 1 end
end
