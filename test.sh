#!/usr/bin/env bash
# Runs every test: the F# engine suite (Expecto), the C# consumer suite (xunit), the GPU backend suite (xunit, on
# ILGPU's CPU accelerator) and its console programs (the suite's own runner, the compiled gpu-check), the C# quickstart
# sample, the NuGet packaging check, the bench tooling's checks (bench/tests/test_tools.py, where python3 is) and every
# lecture script in check mode. Ends with one line "N passed, N failed, N skipped" totalled over all of them; exits
# non-zero on any failure.
# No test reaches the internet: with ../shared/data beside the repository, a loopback server serves it as the data
# mirror (FUNCTIONAL_DATA_MIRROR) into an empty cache; without it, fetching is off (FUNCTIONAL_OFFLINE=1) and what needs
# the data is reported as skipped. FUNCTIONAL_STRICT=1 (CI) makes every skip a failure.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 FUNCTIONAL_CHECK=1
log_dir=out/test-logs
mkdir -p "$log_dir"
passed=0
failed=0
skipped=0

# add_counts P F [S]: adds to the totals.
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + ${3:-0})); }

# CI's formatting check, when it ran, counts as one test.
case "${FUNCTIONAL_FORMAT_CHECK:-}" in
  passed) add_counts 1 0 ;;
  failed) add_counts 0 1 ;;
esac

echo "== build (Release)"
dotnet build Functional.sln -c Release -nologo -v q > "$log_dir/build.log" 2>&1
build_rc=$?
grep -E " error | warning " "$log_dir/build.log" | sort -u | head -n 20
if [ "$build_rc" -ne 0 ]; then
  echo "build failed (see $log_dir/build.log)"
  echo "$passed passed, $((failed + 1)) failed, $skipped skipped"
  exit 1
fi

echo "== lecture data"
# The tests' data: ../shared/data served on loopback as the mirror, into a cache of this run's own.
shared_data=$(cd .. && pwd)/shared/data
cache_dir=$(mktemp -d "${TMPDIR:-/tmp}/functional-test-cache.XXXXXX")
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$cache_dir"; }
trap cleanup EXIT
if [ -d "$shared_data" ]; then
  dotnet tests/DataServer/bin/Release/net10.0/DataServer.dll "$shared_data" "$cache_dir/mirror.url" \
    > "$log_dir/data-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$cache_dir/mirror.url" ] && break; sleep 0.1; done
  if [ ! -s "$cache_dir/mirror.url" ]; then
    echo "the data server did not start (see $log_dir/data-server.log)"; echo "$passed passed, $((failed + 1)) failed, $skipped skipped"; exit 1
  fi
  export FUNCTIONAL_DATA_MIRROR=$(cat "$cache_dir/mirror.url") FUNCTIONAL_DATA="$cache_dir/cache"
  echo "serving $shared_data at $FUNCTIONAL_DATA_MIRROR (cache $FUNCTIONAL_DATA)"
else
  export FUNCTIONAL_OFFLINE=1
  echo "no ../shared/data beside the repository: fetching is off (FUNCTIONAL_OFFLINE=1); what needs lecture data is skipped"
fi

echo "== F# tests (Expecto)"
dotnet run --project tests/Functional.Tests -c Release --no-build -- --no-spinner 2>&1 |
  sed 's/\x1b\[[0-9;]*m//g' > "$log_dir/fsharp.log"   # Expecto colours its summary; logs keep plain text
rc=${PIPESTATUS[0]}
tail -n 5 "$log_dir/fsharp.log"
# Counts past 999 print with a thousands separator (1,047): keep the commas in the match, drop them after.
line=$(grep -Eo '[0-9,]+ passed, [0-9,]+ ignored, [0-9,]+ failed, [0-9,]+ errored' "$log_dir/fsharp.log" | tail -n 1)
if [ -n "$line" ]; then
  read -r p _ i _ f _ e _ <<<"$(echo "$line" | tr -d ',')"
  add_counts "$p" $((f + e)) "$i"
  [ "$rc" -ne 0 ] && [ $((f + e)) -eq 0 ] && add_counts 0 1
else
  echo "the Expecto run printed no summary (exit $rc)"; add_counts 0 1
fi

echo "== C# tests (xunit)"
dotnet test tests/Core.CSharp.Tests -c Release --no-build --logger "console;verbosity=minimal" > "$log_dir/csharp.log" 2>&1
rc=$?
grep -E "Passed!|Failed!" "$log_dir/csharp.log" | tail -n 1
line=$(grep -Eo 'Failed: +[0-9,]+, Passed: +[0-9,]+, Skipped: +[0-9,]+' "$log_dir/csharp.log" | tail -n 1 | tr -d ',')
if [ -n "$line" ]; then
  f=$(echo "$line" | grep -Eo 'Failed: +[0-9]+' | grep -Eo '[0-9]+')
  p=$(echo "$line" | grep -Eo 'Passed: +[0-9]+' | grep -Eo '[0-9]+')
  k=$(echo "$line" | grep -Eo 'Skipped: +[0-9]+' | grep -Eo '[0-9]+')
  add_counts "$p" "$f" "$k"
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && add_counts 0 1
else
  echo "the xunit run printed no summary (exit $rc)"; add_counts 0 1
fi

echo "== GPU backend tests (xunit, on ILGPU's CPU accelerator)"
dotnet test tests/Gpu.Tests -c Release --no-build --logger "console;verbosity=minimal" > "$log_dir/gpu.log" 2>&1
rc=$?
grep -E "Passed!|Failed!" "$log_dir/gpu.log" | tail -n 1
line=$(grep -Eo 'Failed: +[0-9,]+, Passed: +[0-9,]+, Skipped: +[0-9,]+' "$log_dir/gpu.log" | tail -n 1 | tr -d ',')
if [ -n "$line" ]; then
  f=$(echo "$line" | grep -Eo 'Failed: +[0-9]+' | grep -Eo '[0-9]+')
  p=$(echo "$line" | grep -Eo 'Passed: +[0-9]+' | grep -Eo '[0-9]+')
  k=$(echo "$line" | grep -Eo 'Skipped: +[0-9]+' | grep -Eo '[0-9]+')
  add_counts "$p" "$f" "$k"
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && add_counts 0 1
else
  echo "the GPU xunit run printed no summary (exit $rc)"; add_counts 0 1
fi

echo "== GPU console programs (what bench/gpu-bundle carries to a GPU machine: the suite's own runner, gpu-check)"
# Two checks: Gpu.Tests run through its Main (xunit in-process, no vstest) on a few tests, and the compiled
# scripts/gpu-check, which without a GPU says so and exits 0.
dotnet tests/Gpu.Tests/bin/Release/net10.0/Gpu.Tests.dll --filter DevicesTests > "$log_dir/gpu-runner.log" 2>&1
rc=$?
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log_dir/gpu-runner.log" | tail -n 1)
if [ "$rc" -eq 0 ] && [ -n "$line" ] && [ "${line%% *}" -gt 0 ]; then
  echo "Gpu.Tests console runner: OK (DevicesTests: ${line%% *} passed)"; add_counts 1 0
else
  echo "Gpu.Tests console runner: failed (exit $rc); last lines:"; tail -n 15 "$log_dir/gpu-runner.log"; add_counts 0 1
fi
dotnet scripts/gpu-check/bin/Release/net10.0/GpuCheck.dll > "$log_dir/gpu-check.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -qE '^CUDA: ' "$log_dir/gpu-check.log"; then
  echo "gpu-check (compiled): OK ($(head -n 1 "$log_dir/gpu-check.log" | cut -c1-100))"; add_counts 1 0
else
  echo "gpu-check (compiled): failed (exit $rc); last lines:"; tail -n 15 "$log_dir/gpu-check.log"; add_counts 0 1
fi

echo "== C# quickstart sample"
dotnet run --project samples/CSharpQuickstart -c Release --no-build > "$log_dir/quickstart.log" 2>&1
rc=$?
# One check: it exits 0 and its last line is OK (it checks each step it printed).
if [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$log_dir/quickstart.log")" = OK ]; then
  echo "quickstart: OK"; add_counts 1 0
else
  echo "quickstart: failed (exit $rc); last lines:"; tail -n 15 "$log_dir/quickstart.log"; add_counts 0 1
fi

echo "== NuGet packages (packed, then restored offline into a C# project and an F# script)"
tests/packaging/check-packages.sh --no-build > "$log_dir/packages.log" 2>&1
rc=$?
grep -E "^FAILED - " -A 25 "$log_dir/packages.log" | head -n 60
line=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$log_dir/packages.log" | tail -n 1)
if [ -n "$line" ]; then
  read -r p _ f _ <<<"$line"
  add_counts "$p" "$f"
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && add_counts 0 1
  echo "packages: $p checks passed, $f failed"
else
  echo "packages: crashed (exit $rc); last lines:"; tail -n 15 "$log_dir/packages.log"; add_counts 0 1
fi

echo "== bench tooling (bench/compare's rules, bench/render-benchmarks on a fixture; no timing, no peers)"
if command -v python3 >/dev/null 2>&1; then
  python3 bench/tests/test_tools.py > "$log_dir/bench-tools.log" 2>&1
  rc=$?
  grep -E "^FAIL " "$log_dir/bench-tools.log" | head -n 20
  line=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$log_dir/bench-tools.log" | tail -n 1)
  if [ -n "$line" ]; then
    read -r p _ f _ <<<"$line"
    add_counts "$p" "$f"
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && add_counts 0 1
    echo "bench tooling: $p checks passed, $f failed"
  else
    echo "bench tooling: crashed (exit $rc); last lines:"; tail -n 15 "$log_dir/bench-tools.log"; add_counts 0 1
  fi
else
  echo "bench tooling: no python3 here, reported as skipped"; add_counts 0 0 1
fi

echo "== FSI quickstart (scripts/quickstart.fsx, the first ten minutes of a new user)"
if dotnet fsi scripts/quickstart.fsx > "$log_dir/quickstart-fsx.log" 2>&1 &&
  [ "$(tail -n 1 "$log_dir/quickstart-fsx.log")" = "quickstart: OK" ]; then
  echo "quickstart.fsx: OK"; add_counts 1 0
else
  echo "quickstart.fsx: failed; last lines:"; tail -n 15 "$log_dir/quickstart-fsx.log"; add_counts 0 1
fi

echo "== lecture scripts (check mode)"
for script in scripts/[0-9]*.fsx; do
  name=$(basename "$script" .fsx)
  dotnet fsi "$script" > "$log_dir/$name.log" 2>&1
  rc=$?
  line=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log_dir/$name.log" | tail -n 1)
  if [ -n "$line" ]; then
    read -r p _ f _ k _ <<<"$(echo "$line" | tr -d ',')"
    add_counts "$p" "$f" "$k"
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && add_counts 0 1
    echo "$name: $p checks passed, $f failed, $k skipped"
    grep -E '^SKIP ' "$log_dir/$name.log" | sed 's/^/  /'
  else
    echo "$name: crashed (exit $rc); last lines:"; tail -n 15 "$log_dir/$name.log"; add_counts 0 1
  fi
done

if [ "$skipped" -gt 0 ]; then
  echo "skipped: $skipped (lecture data absent: see 'SKIP' lines above and the logs in $log_dir)"
  [ "${FUNCTIONAL_STRICT:-}" = 1 ] && echo "strict mode (FUNCTIONAL_STRICT=1): the skipped tests above failed"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
