#!/usr/bin/env bash
# Packs Functional.Core and Functional under a unique prerelease version, checks their metadata, and restores them
# offline into a fresh C# console project and a fresh F# script that each train a tiny network and check its answer.
# Usage: tests/packaging/check-packages.sh [--no-build]   (--no-build: the Release build is already there, as in
# test.sh). Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
passed=0
failed=0

# check NAME COMMAND...: runs the command quietly and counts it; on failure shows what it printed.
check() {
  local name=$1; shift
  local output step=$SECONDS
  if output=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok - $name ($((SECONDS - step)) s)"
  else
    failed=$((failed + 1)); echo "FAILED - $name"; echo "$output" | tail -n 25 | sed 's/^/    /'
  fi
}

# A fresh prerelease version per run, so a package cached by an earlier run is never what gets tested.
version="0.1.0-local.$(date -u +%s).$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/functional-packages.XXXXXX")
feed="$work/feed"
# The default global packages folder (or NUGET_PACKAGES, if CI sets one): every dependency is already there after the
# solution build; only the two test packages get added, and they are removed again at the end.
global=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
global=${global%/}

# fsi remembers each #r "nuget:" resolution in a cache file named by a hash; ours name the test version.
fsi_cache="$HOME/.packagemanagement/nuget/Cache"

cleanup() {
  rm -rf "$work"
  rm -rf "$global/functional/$version" "$global/functional.core/$version"
  rmdir "$global/functional" "$global/functional.core" 2>/dev/null
  local paths
  for paths in $(grep -lF -- "$version" "$fsi_cache"/*.resolvedReferences.paths 2>/dev/null); do
    rm -f "${paths%.resolvedReferences.paths}".*
  done
  return 0
}
trap cleanup EXIT

installed() { find "$global" -mindepth 2 -maxdepth 2 -type d | sed "s|^$global/||" | sort; }
before=$(installed)

echo "== packaging check, version $version"
start=$SECONDS

# --- Pack -----------------------------------------------------------------------------------------------------------
pack() {
  if [ "${1:-}" != "--no-build" ]; then
    dotnet build src/Functional.FSharp -c Release -nologo -v q || return 1
  fi
  # PackageVersion (not Version) names the packages only, so the Release build stays up to date.
  for project in src/Core.CSharp src/Functional.FSharp; do
    dotnet pack "$project" -c Release --no-build --no-restore -o "$feed" -p:PackageVersion="$version" -nologo -v q ||
      return 1
  done
  for id in Functional.Core Functional; do
    for ext in nupkg snupkg; do
      [ -s "$feed/$id.$version.$ext" ] || { echo "missing $id.$version.$ext"; return 1; }
    done
  done
}
check "dotnet pack makes Functional.Core and Functional, each .nupkg + .snupkg" pack "${1:-}"

# The version Directory.Packages.props pins for a package.
pinned() {
  sed -n "s|.*<PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*|\1|p" Directory.Packages.props
}

# metadata ID PROJECT [EXTRA_DEPENDENCY...]: the nuspec has the license, readme, every PackageReference of the
# project as a dependency at its pinned version (plus the extras, "id=version"), and the package holds the assembly,
# its XML docs and the README.
metadata() {
  local id=$1 project=$2; shift 2
  local package="$feed/$id.$version.nupkg"
  local nuspec files
  nuspec=$(unzip -p "$package" "$id.nuspec") || return 1
  files=$(unzip -Z1 "$package") || return 1
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || { echo "no MIT license expression"; return 1; }
  grep -q '<readme>PACKAGE.md</readme>' <<<"$nuspec" || { echo "no readme element"; return 1; }
  grep -q '<repository type="git"' <<<"$nuspec" || { echo "no repository type"; return 1; }
  for file in PACKAGE.md "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    grep -qx "$file" <<<"$files" || { echo "$file is not in the package"; return 1; }
  done
  local expected=("$@") reference
  for reference in $(sed -n 's|.*<PackageReference Include="\([^"]*\)".*|\1|p' "$project"); do
    expected+=("$reference=$(pinned "$reference")")
  done
  local pair
  for pair in "${expected[@]}"; do
    grep -q "<dependency id=\"${pair%%=*}\" version=\"${pair#*=}\"" <<<"$nuspec" ||
      { echo "no dependency ${pair%%=*} ${pair#*=} in:"; echo "$nuspec"; return 1; }
  done
  # Nothing beyond them either.
  local count
  count=$(grep -c '<dependency ' <<<"$nuspec")
  [ "$count" -eq "${#expected[@]}" ] ||
    { echo "$count dependencies, expected ${#expected[@]}:"; echo "$nuspec"; return 1; }
}
check "Functional.Core: MIT, README, XML docs, dependencies as pinned" \
  metadata Functional.Core src/Core.CSharp/Core.CSharp.csproj
check "Functional: MIT, README, XML docs, Functional.Core $version and every dependency as pinned" \
  metadata Functional src/Functional.FSharp/Functional.FSharp.fsproj "Functional.Core=$version"

symbols() {
  local id files
  for id in Functional.Core Functional; do
    files=$(unzip -Z1 "$feed/$id.$version.snupkg") || return 1
    grep -qx "lib/net10.0/$id.pdb" <<<"$files" || { echo "no $id.pdb in $id.$version.snupkg"; return 1; }
  done
}
check "the symbol packages hold both PDBs" symbols

# --- Consumers: sources are the new packages and the global packages folder, nothing online ------------------------
cat > "$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="functional-local" value="$feed" />
    <add key="global-packages" value="$global" />
  </packageSources>
</configuration>
XML
# A dead proxy as well: any attempt to reach a server fails loudly instead of quietly downloading. (No build servers
# below: a reused MSBuild node would keep the proxy settings it started with.)
offline=(env http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9
  HTTPS_PROXY=http://127.0.0.1:9 no_proxy= NO_PROXY=)

# y = 2x + 1 on four points: one linear neuron should predict 21 at x = 10. The learning curve is drawn too, because
# ScottPlot renders through SkiaSharp's native library, which only the package dependencies bring.
mkdir -p "$work/csharp"
cat > "$work/csharp/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Functional" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/csharp/Program.cs" <<'CS'
using System.Globalization;
using Functional;
using Functional.Core.Tensors;
using Functional.CSharp;
using Functional.Nn;

var x = Tensor.FromArray(new double[] { 0, 1, 2, 3 }, new[] { 4, 1 });
var y = Tensor.FromArray(new double[] { 1, 3, 5, 7 }, new[] { 4, 1 });
var model = new Linear(1, 1, new Random(0), dtype: DType.Float64);
var history = model.Fit(x, y, Losses.Mse, new Adam(0.1),
    new FitSettings { Epochs = 500, BatchSize = 0, Progress = ProgressMode.Silent });
double at10 = model.Predict(Tensor.FromArray(new double[] { 10 }, new[] { 1, 1 })).ToFloatArray()[0];
Console.WriteLine("prediction at 10: " + at10.ToString("0.000", CultureInfo.InvariantCulture));
string png = Plot.LearningCurve(Plot.Defaults, history.Losses.ToArray(), Path.Combine(args[0], "csharp-loss.png"));
Console.WriteLine(Math.Abs(at10 - 21) < 0.1 && new FileInfo(png).Length > 1000 ? "OK" : "FAILED");
CS

check "a fresh C# console project restores Functional $version offline and builds" \
  "${offline[@]}" dotnet build "$work/csharp" -c Release --disable-build-servers -nologo -v q
# ends_ok LOG COMMAND...: runs the command with its output in LOG; passes when it exits 0 and its last line is OK.
ends_ok() {
  local log=$1; shift
  "$@" > "$log" 2>&1
  local rc=$?
  cat "$log"
  [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$log")" = OK ]
}
check "the C# program trains y = 2x + 1, predicts 21 at 10 and draws its loss (prints OK)" \
  ends_ok "$work/csharp.log" dotnet "$work/csharp/bin/Release/net10.0/Consumer.dll" "$work"
sed -n 's/^prediction/    C#: prediction/p' "$work/csharp.log"
native() {
  local arch lib
  case $(uname -m) in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  for lib in libSkiaSharp.so libHarfBuzzSharp.so; do
    [ -s "$work/csharp/bin/Release/net10.0/runtimes/linux-$arch/native/$lib" ] ||
      { echo "no runtimes/linux-$arch/native/$lib in the consumer's output"; return 1; }
  done
}
check "SkiaSharp's and HarfBuzzSharp's Linux native libraries reach the consumer" native

cat > "$work/consumer.fsx" <<FSX
#i "nuget: $feed"
#r "nuget: Functional, $version"

open System
open Functional
open Functional.Core.Tensors
open Functional.Nn

let x = Tensor.ofList2D [ [ 0.0 ]; [ 1.0 ]; [ 2.0 ]; [ 3.0 ] ]
let y = Tensor.ofList2D [ [ 1.0 ]; [ 3.0 ]; [ 5.0 ]; [ 7.0 ] ]
let model = Linear(1, 1, Random 0, dtype = DType.Float64)
let settings = FitSettings(Epochs = 500, BatchSize = 0, Progress = ProgressMode.Silent)
let history = Train.fit model Loss.mse (Adam 0.1) settings x y
let at10 = (Model.predict model (Tensor.ofList2D [ [ 10.0 ] ])).ToFloatArray()[0]
printfn "prediction at 10: %.3f" at10
let png = Plot.learningCurve Plot.defaults (Seq.toArray history.Losses) "$work/fsharp-loss.png"
printfn "%s" (if abs (at10 - 21.0) < 0.1 && IO.FileInfo(png).Length > 1000L then "OK" else "FAILED")
FSX
check "a fresh F# script restores Functional $version offline, trains y = 2x + 1 and draws its loss (prints OK)" \
  ends_ok "$work/fsharp.log" "${offline[@]}" bash -c 'cd "$1" && dotnet fsi consumer.fsx' _ "$work"
sed -n 's/^prediction/    F#: prediction/p' "$work/fsharp.log"

downloads() {
  local added
  added=$(comm -13 <(echo "$before") <(installed) | grep -vx -e "functional/$version" -e "functional.core/$version")
  [ -z "$added" ] || { echo "new in $global:"; echo "$added"; return 1; }
}
check "nothing was downloaded: the global packages folder gained only the two test packages" downloads

echo "packaging check took $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
