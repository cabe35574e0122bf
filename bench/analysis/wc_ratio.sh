#!/usr/bin/env bash
# Compares `huddle analyze --json`'s engine (bytes -> parse -> analyze ->
# JSON, BenchmarkAnalyzeEndToEnd) with `wc -w` over the same real corpus
# transcripts, on one core, by CPU time, taking the best of three runs of
# each so that a busy machine skews both alike. Usage:
#
#	bench/analysis/wc_ratio.sh [ITERATIONS]
set -euo pipefail

iters=${1:-200}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$root/../shared/corpus/transcripts
files=(
	zoom_vtt_ethereum_pm/acde233_2026-03-26_transcript.vtt
	zoom_vtt_ethereum_pm/oneoff1971_2026-03-17_transcript.vtt
	zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript.vtt
	zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript_corrected.vtt
	zoom_vtt_ethereum_pm/focil032_2026-04-07_transcript.vtt
	zoom_vtt_ethereum_pm/allwalletdevs039_2026-05-20_transcript.vtt
	qmsum/ES2004a.json
	qmsum/ES2004d.json
	qmsum/Bmr006.json
	qmsum/covid_2.json
)
paths=()
for f in "${files[@]}"; do paths+=("$corpus/$f"); done
bytes=$(cat "${paths[@]}" | wc -c)

# cpu_seconds CMD... prints the user+system CPU seconds CMD takes.
cpu_seconds() {
	local t
	t=$( { /usr/bin/env TIMEFORMAT='%U %S' bash -c 'time "$@" >/dev/null' _ "$@"; } 2>&1 | tail -1)
	awk '{print $1 + $2}' <<<"$t"
}

# best CMD... prints the least CPU time of three runs of CMD.
best() {
	local a b c
	a=$(cpu_seconds "$@")
	b=$(cpu_seconds "$@")
	c=$(cpu_seconds "$@")
	printf '%s\n' "$a" "$b" "$c" | sort -g | head -1
}

# wc -w over every file, ITERATIONS times (one wc process per pass).
wc_cpu=$(best bash -c 'for ((i = 0; i < '"$iters"'; i++)); do wc -w "$@"; done' _ "${paths[@]}")

bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
(cd "$root" && go test -c -o "$bin" ./internal/analysis/)
go_cpu=$(cd "$root/internal/analysis" && best env GOMAXPROCS=1 "$bin" -test.run='^$' -test.bench='^BenchmarkAnalyzeEndToEnd$' -test.benchtime="${iters}x")

awk -v b="$bytes" -v n="$iters" -v w="$wc_cpu" -v g="$go_cpu" 'BEGIN {
	wc = b * n / w / 1e6; go = b * n / g / 1e6
	printf "corpus: %d bytes x %d iterations\n", b, n
	printf "wc -w:            %7.1f MB/s (%.2f s CPU)\n", wc, w
	printf "huddle end to end: %6.1f MB/s (%.2f s CPU)\n", go, g
	printf "ratio huddle / wc -w: %.2f\n", go / wc
}'
