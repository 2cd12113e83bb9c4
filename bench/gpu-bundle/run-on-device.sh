#!/usr/bin/env bash
# The GPU check in one command, on a lent GPU machine that has no .NET (issue 19). From the repository root:
#   bash out/gpu-bundle/run-on-device.sh                    on cuda:0
#   bash out/gpu-bundle/run-on-device.sh --cpu-accelerator  anywhere: the same steps on ILGPU's CPU accelerator (the
#                                                           bundle's own check before a lent machine's minutes go on it)
# The bundle (bench/gpu-bundle/build) sits beside this script. Steps, each with a time limit of its own so that the
# whole run stays inside about 7 minutes on a GPU:
#   0. unpacks functional-gpu-bundle.deb with dpkg -x into a folder ($GPU_BUNDLE_WORK, default
#      /tmp/functional-gpu-bundle; never /), puts its dotnet first on PATH (DOTNET_ROOT), ICU off (invariant
#      globalization), and links libcuda.so to the driver's libcuda.so.1 (ILGPU asks for libcuda.so), then writes what
#      the machine has (GPU, driver, which dotnet runs, torch and CUDA) to env.txt;
#   tests  the GPU backend suite (apps/gpu-tests: FUNCTIONAL_GPU_TESTS=cuda)            -> gpu-tests.log
#   check  the GPU check: MLP and DCGAN steps, CPU vs GPU, largest difference         -> gpu-check.log
#   bench  bench/compare gemm-f32-4096-gpu dcgan-step-gpu, ours (apps/bench) against the PyTorch peer on CUDA, TF32
#          off on its side (bench/peers/torch_cases.py, run by the python3 that has torch) -> bench.log
# and summary.txt, the lines that matter of each (printed as it goes). Everything goes under $OUT (default
# out/gpu-run): 5 files, no folders. Exits 0 when every step passed.
# Settings (environment): GPU_RUN_STEPS (default "tests check bench"), GPU_TESTS_FILTER (a --filter for the suite),
# GPU_RUN_PYTHON (default python3), GPU_BENCH_ROUNDS (default 2), GPU_LIMIT_TESTS, GPU_LIMIT_CHECK, GPU_LIMIT_BENCH
# (seconds; on cuda 170, 90 and 140: with the unpacking, at most about 450 s in all).
set -uo pipefail
bundle=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$PWD
mode=cuda
case "${1:-}" in
  "") ;;
  --cpu-accelerator) mode=cpu-accelerator ;;
  *) echo "usage: bash $0 [--cpu-accelerator]   (from the repository root)"; exit 2 ;;
esac
if [ ! -f "$repo/bench/compare" ] || [ ! -d "$repo/data/mnist" ]; then
  echo "run it from the repository root (no bench/compare or data/mnist in $repo)"; exit 2
fi
deb=$bundle/functional-gpu-bundle.deb
[ -f "$deb" ] || { echo "no $deb: build the bundle first (bench/gpu-bundle/build)"; exit 2; }

out=${OUT:-$repo/out/gpu-run}
mkdir -p "$out"
summary=$out/summary.txt
: >"$summary"
work=${GPU_BUNDLE_WORK:-${TMPDIR:-/tmp}/functional-gpu-bundle}
case "$work" in /|/usr|/usr/*|/bin|/lib|/lib64|/etc) echo "GPU_BUNDLE_WORK=$work: a folder of its own, not $work"; exit 2 ;; esac
steps=${GPU_RUN_STEPS:-tests check bench}
if [ "$mode" = cuda ]; then
  limit_tests=${GPU_LIMIT_TESTS:-170} limit_check=${GPU_LIMIT_CHECK:-90} limit_bench=${GPU_LIMIT_BENCH:-140}
else # the CPU accelerator runs each GPU thread as an OS thread: minutes, not seconds
  limit_tests=${GPU_LIMIT_TESTS:-900} limit_check=${GPU_LIMIT_CHECK:-900} limit_bench=${GPU_LIMIT_BENCH:-300}
fi
started=$SECONDS

note() { echo "$*" | tee -a "$summary"; }

note "gpu-run ($mode) at $(date -u +%Y-%m-%dT%H:%M:%SZ) in $repo; bundle: $(head -n 2 "$bundle/MANIFEST.txt" 2>/dev/null | paste -sd ' ')"

# ---- 0. unpack the runtime and the apps ----
rm -rf "$work"
mkdir -p "$work"
if command -v dpkg >/dev/null 2>&1; then
  dpkg -x "$deb" "$work" || { note "dpkg -x $deb failed"; exit 1; }
else # no dpkg: a .deb is an ar archive whose data.tar.xz holds the files
  python3 - "$deb" "$work" <<'PY' || { note "unpacking $deb failed"; exit 1; }
import io, sys, tarfile
deb, dest = sys.argv[1:]
data = open(deb, "rb").read()
assert data[:8] == b"!<arch>\n", "not an ar archive"
pos = 8
while pos < len(data):
    name, size = data[pos:pos + 16].decode().strip().rstrip("/"), int(data[pos + 48:pos + 58])
    if name.startswith("data.tar"):
        archive = tarfile.open(fileobj=io.BytesIO(data[pos + 60:pos + 60 + size]))
        try:
            archive.extractall(dest, filter="tar")
        except TypeError:
            archive.extractall(dest)
        break
    pos += 60 + size + size % 2
PY
fi
export DOTNET_ROOT=$work/dotnet
export PATH=$DOTNET_ROOT:$PATH
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PYTHONDONTWRITEBYTECODE=1
unset FUNCTIONAL_GPU_TESTS FUNCTIONAL_GPU_CHECK

# ILGPU loads the driver as "cuda" (libcuda.so); a driver mount often has only libcuda.so.1.
libcuda=$(ldconfig -p 2>/dev/null | awk '$1 == "libcuda.so.1" && /x86-64/ { print $NF; exit }')
if [ -z "$libcuda" ]; then
  libcuda=$(find /usr/local/nvidia /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/cuda/compat -name libcuda.so.1 \
    2>/dev/null | head -n 1)
fi
if [ -n "$libcuda" ]; then
  mkdir -p "$work/cuda"
  ln -sf "$libcuda" "$work/cuda/libcuda.so"
  export LD_LIBRARY_PATH="$work/cuda:$(dirname "$libcuda")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
python=$(command -v "${GPU_RUN_PYTHON:-python3}" || true)

{
  echo "== machine"
  uname -a
  echo "cores: $(nproc); memory: $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GiB" }')"
  if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi -L
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,compute_cap --format=csv 2>&1
  else
    echo "nvidia-smi: not found"
  fi
  echo "libcuda.so.1: ${libcuda:-not found}"
  echo "== dotnet (the bundle's; no SDK)"
  echo "dotnet on PATH: $(command -v dotnet) -> $(readlink -f "$(command -v dotnet)")"
  echo "runtimes:"
  dotnet --list-runtimes
  echo "SDKs: $(dotnet --list-sdks | tr '\n' ' ')"
  echo "== python and torch (the peer)"
  echo "python: ${python:-not found}"
  [ -n "$python" ] && "$python" - <<'PY' 2>&1
import sys
try:
    import torch
except Exception as e:
    print(f"torch: not importable ({type(e).__name__}: {e})"); sys.exit(0)
if torch.cuda.is_available():
    p = torch.cuda.get_device_properties(0)
    print(f"torch {torch.__version__} (CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}): "
          f"{p.name}, {p.multi_processor_count} SMs, {p.total_memory >> 20} MiB")
else:
    build = f"a CUDA {torch.version.cuda} build" if torch.version.cuda else "a CPU-only build"
    print(f"torch {torch.__version__}: no CUDA (torch.cuda.is_available() is false; {build})")
PY
} >"$out/env.txt" 2>&1
host=$(readlink -f "$(command -v dotnet)")
note "dotnet host: $host; $(dotnet --list-runtimes | tr '\n' ' '); SDKs: $(dotnet --list-sdks | wc -l)"
case "$host" in "$work"/*) ;; *) note "the dotnet on PATH is not the bundle's: stopping"; exit 1 ;; esac
note "$(grep -E '^GPU |^torch|^libcuda' "$out/env.txt" | awk '{ printf "%s%s", (NR > 1 ? " | " : ""), $0 }')"

# ---- the steps ----
failed_steps=""
run_step() { # NAME LOG LIMIT COMMAND...: runs COMMAND into $out/LOG under LIMIT seconds
  local name=$1 log=$2 limit=$3 start=$SECONDS rc
  shift 3
  note ""
  note "== $name (at most ${limit} s): $*"
  timeout -k 10 "$limit" "$@" >"$out/$log" 2>&1
  rc=$?
  note "$name: exit $rc$([ "$rc" -eq 124 ] && echo " (stopped at its limit)") after $((SECONDS - start)) s (log: $log)"
  [ "$rc" -eq 0 ] || failed_steps="$failed_steps $name"
}

for step in $steps; do
  case "$step" in
    tests)
      if [ "$mode" = cuda ]; then export FUNCTIONAL_GPU_TESTS=cuda; fi
      run_step tests gpu-tests.log "$limit_tests" \
        dotnet "$work/apps/gpu-tests/Gpu.Tests.dll" ${GPU_TESTS_FILTER:+--filter "$GPU_TESTS_FILTER"}
      unset FUNCTIONAL_GPU_TESTS
      grep -E '^Gpu\.Tests|^  Functional\.' "$out/gpu-tests.log" | tee -a "$summary"
      grep -E '^(FAILED|ERROR) ' "$out/gpu-tests.log" | head -n 25 | tee -a "$summary"
      if grep -qE '^(FAILED|ERROR) ' "$out/gpu-tests.log"; then # the first failure's exception, which often says all
        grep -m 1 -A 1 -E '^(FAILED|ERROR) ' "$out/gpu-tests.log" | tail -n 1 | cut -c1-600 | sed 's/^/first failure: /' |
          tee -a "$summary"
      fi
      grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$out/gpu-tests.log" | sed 's/^/tests: /' | tee -a "$summary"
      ;;
    check)
      FUNCTIONAL_GPU_CHECK=$mode run_step check gpu-check.log "$limit_check" \
        dotnet "$work/apps/gpu-check/GpuCheck.dll" "$repo"
      tail -n 12 "$out/gpu-check.log" | tee -a "$summary"
      ;;
    bench)
      if [ -z "$python" ]; then
        note "bench: no ${GPU_RUN_PYTHON:-python3} here"; failed_steps="$failed_steps bench"; continue
      fi
      lock=()
      [ "$mode" = cuda ] || lock=(--no-lock) # here the lock guards someone else's timings, not these n/a cases
      run_step bench bench.log "$limit_bench" \
        "$python" bench/compare --ours "$work/apps/bench/Functional.Bench.dll" --python "$python" \
        --rounds "${GPU_BENCH_ROUNDS:-2}" --timeout 100 "${lock[@]}" gemm-f32-4096-gpu dcgan-step-gpu
      grep -E '^# (gpu|ours|peer)[: ]|^(gemm|dcgan)' "$out/bench.log" | tee -a "$summary"
      # On cuda a case that did not run (n/a: no GPU found) is a failure; here it is what is expected.
      if [ "$mode" = cuda ] && grep -qE '^(gemm|dcgan).*(not run|n/a)' "$out/bench.log"; then
        note "bench: a case did not run on the GPU"; failed_steps="$failed_steps bench"
      fi
      ;;
    *) note "unknown step '$step' (steps: tests check bench)"; failed_steps="$failed_steps $step" ;;
  esac
done

note ""
if [ -n "$failed_steps" ]; then
  note "gpu-run ($mode): $((SECONDS - started)) s; failed:$failed_steps"
  exit 1
fi
note "gpu-run ($mode): $((SECONDS - started)) s; every step passed"
