#!/usr/bin/env bash
# Prints one closing line for the whole `make test` run from the Swift Testing and pytest logs:
# "tests: N passed, M failed".
set -uo pipefail
passed=0
failed=0
for log in "$@"; do
    [ -f "$log" ] || continue
    # Swift Testing: "✔ Test run with 254 tests in 34 suites passed" / "✘ Test run with N tests … failed … with K issues"
    if line=$(grep -E "Test run with [0-9]+ tests" "$log" | tail -n 1); then
        count=$(sed -E 's/.*Test run with ([0-9]+) tests.*/\1/' <<<"$line")
        if grep -q "passed after" <<<"$line"; then passed=$((passed + count)); else failed=$((failed + 1)); fi
    fi
    # pytest: "12 passed, 1 failed in 3.2s" (with -q), or "=== 12 passed in 3.2s ==="
    if line=$(grep -E "^(=+ )?[0-9]+ (passed|failed|error).* in [0-9.]+s" "$log" | tail -n 1); then
        p=$(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+" || echo 0)
        f=$(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+" || echo 0)
        e=$(grep -oE "[0-9]+ error" <<<"$line" | grep -oE "[0-9]+" || echo 0)
        passed=$((passed + p)); failed=$((failed + f + e))
    fi
done
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
