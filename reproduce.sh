#!/usr/bin/env bash
# Reproduces every lecture: builds, runs each scripts/NNN-*.fsx in full, and leaves figures (PNG) and a numbers
# report per lecture under out/NNN/, gathered into out/REPORT.md.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build Functional.sln -c Release -nologo -v q
mkdir -p out
report=out/REPORT.md.tmp
echo "# Lecture reproduction report ($(date -u +%Y-%m-%d))" > "$report"
status=0
for script in scripts/[0-9]*.fsx; do
  name=$(basename "$script" .fsx)
  echo "== $name"
  if ! dotnet fsi "$script"; then status=1; fi
  lecture=${name%%-*}
  { echo; echo "## $name"; echo; echo '```'; cat "out/$lecture/numbers.txt" 2>/dev/null || echo "(no numbers)"; echo '```'; } >> "$report"
done
mv "$report" out/REPORT.md
echo "figures and numbers: out/ (summary in out/REPORT.md)"
exit $status
