-- The refresh grant as clients use it: each connection refreshes, takes the rotated refresh token
-- from the answer and uses it next. Every token is valid once, so this thread keeps a pool: its
-- share of BENCH_TOKENS to start with, refilled from each answer. A failed refresh loses a token.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local pool = {}
local client = "&client_id=" .. os.getenv("BENCH_CLIENT_ID") .. "&client_secret=" .. os.getenv("BENCH_CLIENT_SECRET")
-- Sesame's token endpoint unless told otherwise (the django-oauth-toolkit peer serves /o/token/).
local path = os.getenv("BENCH_TOKEN_PATH") or "/oauth2/token"

function init(args)
    pool = share(os.getenv("BENCH_TOKENS"))
end

function request()
    local token = table.remove(pool) or "mar_poolIsEmpty"
    return wrk.format("POST", path, headers, "grant_type=refresh_token&refresh_token=" .. token .. client)
end

function on_response(status, body)
    if status == 200 then
        local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
        if token then pool[#pool + 1] = token end
    end
end
