#!/usr/bin/env bash
# Coverage-guided fuzzing of the engine (and, in csharp mode, the analyzer and C# code fix) with SharpFuzz + AFL++
# (Debian package afl++).
# Usage: tests/EgressAnalyzers.Fuzz/run.sh [seconds] [arm|bicep|csharp]
#   (default 1800 s of ARM; findings in tests/EgressAnalyzers.Fuzz/findings, or findings-bicep, findings-csharp)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-1800}"
format="${2:-arm}"
tools="$here/obj/tools"
out="$here/bin/fuzz"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"

# A fresh publish each time: publish keeps a destination file newer than its source, so the assemblies a previous run
# instrumented would stay, and sharpfuzz refuses (and fails on) an instrumented assembly.
rm -rf "$out"
dotnet publish "$here/EgressAnalyzers.Fuzz.csproj" -c Release -o "$out" --nologo -v quiet
# Instrument only our assemblies: the fuzz target, Roslyn and the framework stay uninstrumented.
"$tools/sharpfuzz" "$out/EgressAnalyzers.Engine.dll"
if [ "$format" = csharp ]; then
  "$tools/sharpfuzz" "$out/EgressAnalyzers.dll"
  "$tools/sharpfuzz" "$out/EgressAnalyzers.CodeFixes.dll"
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
# Seeds: the sample hub of the format, and our own files for paths the sample does not reach (ARM rule lists long
# enough to be read item by item, where literal values skip the evaluator; Bicep loops, conditions and a module).
rm -rf "$out/seeds" && mkdir -p "$out/seeds"
if [ "$format" = csharp ]; then
  # Each input is one C# file next to a fixed UDR cluster (Program.cs, CSharpTarget); the target's startup (SDK stubs
  # compiled once) takes seconds, hence the longer fork server timeout.
  cp "$here"/../../samples/PulumiHub/Program.cs "$here"/seeds/*.cs "$out/seeds/"
  dictionary="$here/csharp.dict" findings="$here/findings-csharp" target_args=(--csharp)
  export AFL_FORKSRV_INIT_TMOUT=60000
elif [ "$format" = bicep ]; then
  cp "$here"/../../samples/BicepHub/infra/main.bicep "$out/seeds/"
  cp "$here"/../../samples/BicepHub/infra/modules/*.bicep "$here"/seeds/*.bicep "$out/seeds/"
  dictionary="$here/bicep.dict" findings="$here/findings-bicep" target_args=(--bicep)
else
  cp "$here"/../../samples/ArmHub/infra/*.json "$here"/seeds/*.json "$out/seeds/"
  dictionary="$here/json.dict" findings="$here/findings" target_args=()
fi
timeout --preserve-status "$seconds" afl-fuzz -i "$out/seeds" -o "$findings" -t 10000 -m none -x "$dictionary" -- dotnet "$out/EgressAnalyzers.Fuzz.dll" "${target_args[@]}" || true
echo "crashes: $(find "$findings" -path '*crashes/id*' | wc -l), hangs: $(find "$findings" -path '*hangs/id*' | wc -l)"
echo "replay a finding (uninstrumented build): dotnet build -c Release -o /tmp/replay $here && dotnet /tmp/replay/EgressAnalyzers.Fuzz.dll ${target_args[*]} <file>"
