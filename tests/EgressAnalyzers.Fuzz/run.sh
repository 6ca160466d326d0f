#!/usr/bin/env bash
# Coverage-guided fuzzing of the engine with SharpFuzz + AFL++ (Debian package afl++).
# Usage: tests/EgressAnalyzers.Fuzz/run.sh [seconds]   (default 1800; findings in tests/EgressAnalyzers.Fuzz/findings)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-1800}"
tools="$here/obj/tools"
out="$here/bin/fuzz"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"

dotnet publish "$here/EgressAnalyzers.Fuzz.csproj" -c Release -o "$out" --nologo -v quiet
# Instrument only the engine: the fuzz target and the framework stay uninstrumented.
"$tools/sharpfuzz" "$out/EgressAnalyzers.Engine.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
# Seeds: the ARM sample hub, and our own templates for paths the sample does not reach (rule lists long enough to be
# read item by item, which is where literal values skip the evaluator).
rm -rf "$out/seeds" && mkdir -p "$out/seeds" && cp "$here"/../../samples/ArmHub/infra/*.json "$here"/seeds/*.json "$out/seeds/"
timeout --preserve-status "$seconds" afl-fuzz -i "$out/seeds" -o "$here/findings" -t 10000 -m none -x "$here/json.dict" -- dotnet "$out/EgressAnalyzers.Fuzz.dll" || true
echo "crashes: $(find "$here/findings" -path '*crashes/id*' | wc -l), hangs: $(find "$here/findings" -path '*hangs/id*' | wc -l)"
echo "replay a finding (uninstrumented build): dotnet build -c Release -o /tmp/replay $here && dotnet /tmp/replay/EgressAnalyzers.Fuzz.dll <file>"
