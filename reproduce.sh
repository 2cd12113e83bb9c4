#!/usr/bin/env bash
# Reproduces every lecture: builds, fetches the lecture data the cache lacks (when online), runs each
# scripts/NNN-*.fsx in full, and leaves figures (PNG) and a numbers report per lecture under out/NNN/, gathered into
# out/REPORT.md with a table of what ran and what was skipped (and the command that fetches what is missing).
# ./reproduce.sh --strict exits non-zero when anything was skipped.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
case "${1:-}" in
  "") ;;
  --strict) export FUNCTIONAL_STRICT=1 ;;
  *) echo "usage: ./reproduce.sh [--strict]"; exit 2 ;;
esac
dotnet build Functional.sln -c Release -nologo -v q || exit 1
mkdir -p out

echo "== lecture data (scripts/fetch-data.fsx)"
dotnet fsi scripts/fetch-data.fsx > out/fetch-data.log 2>&1
grep -E '^(cache|ok|MISSING) |files in the cache' out/fetch-data.log | cut -c1-150

status=0
rows=()
skips=()
total_skipped=0
for script in scripts/[0-9]*.fsx; do
  name=$(basename "$script" .fsx)
  lecture=${name%%-*}
  echo "== $name"
  rm -f "out/$lecture/sections.tsv"
  dotnet fsi "$script" 2>&1 | tee "out/$lecture.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  counts=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "out/$lecture.log" | tail -n 1)
  [ -n "$counts" ] || counts="crashed (see out/$lecture.log)"
  ran=0; skipped_sections=0
  if [ -f "out/$lecture/sections.tsv" ]; then
    while IFS=$'\t' read -r section did checks reason fix; do
      if [ "$did" = True ]; then ran=$((ran + 1)); else
        skipped_sections=$((skipped_sections + 1)); total_skipped=$((total_skipped + checks))
        skips+=("| $name | $section | $checks | $reason | \`$fix\` |")
      fi
    done < <(tail -n +2 "out/$lecture/sections.tsv")
  fi
  rows+=("| $name | $ran / $skipped_sections | $counts |")
done

report=out/REPORT.md.tmp
{
  echo "# Lecture reproduction report ($(date -u +%Y-%m-%d))"
  echo
  echo "| lecture | data sections run / skipped | checks |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  if [ "${#skips[@]}" -gt 0 ]; then
    echo "**Skipped: $total_skipped checks in ${#skips[@]} sections.** Each needs data the cache lacks:"
    echo
    echo "| lecture | section | checks | reason | to run it |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${skips[@]}"
  else
    echo "Nothing was skipped."
  fi
  for script in scripts/[0-9]*.fsx; do
    name=$(basename "$script" .fsx)
    lecture=${name%%-*}
    echo; echo "## $name"; echo; echo '```'
    cat "out/$lecture/numbers.txt" 2>/dev/null || echo "(no numbers)"
    echo '```'
  done
} > "$report"
mv "$report" out/REPORT.md

echo
sed -n '3,/^## /p' out/REPORT.md | sed '$d'
echo "figures and numbers: out/ (report in out/REPORT.md)"
if [ "${FUNCTIONAL_STRICT:-}" = 1 ] && [ "${#skips[@]}" -gt 0 ]; then
  echo "--strict: ${#skips[@]} sections were skipped"; status=1
fi
exit $status
