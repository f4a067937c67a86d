-- One fixed request: BENCH_METHOD, BENCH_PATH, optional BENCH_BODY, BENCH_CTYPE, BENCH_AUTH.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.path = os.getenv("BENCH_PATH") or "/"
wrk.body = os.getenv("BENCH_BODY")
if os.getenv("BENCH_CTYPE") then wrk.headers["Content-Type"] = os.getenv("BENCH_CTYPE") end
if os.getenv("BENCH_AUTH") then wrk.headers["Authorization"] = os.getenv("BENCH_AUTH") end
