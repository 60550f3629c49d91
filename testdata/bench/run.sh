#!/bin/sh
# Side-by-side timing of ingest against the floor program and openpyxl,
# whole process, median of RUNS runs (default 30), with hyperfine.
# Run from the repository root:  sh testdata/bench/run.sh [RUNS]
# Needs: go, hyperfine, a python3 with openpyxl (PYTHON=... to choose).
set -eu
runs=${1:-30}
py=${PYTHON:-python3}
"$py" -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import openpyxl' || { echo "no python3 with openpyxl (set PYTHON)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/ismapcheck" ./cmd/ismapcheck
go build -o "$tmp/floor" ./testdata/bench/floor
go build -o "$tmp/fill" ./testdata/bench/fill

# 1× : the demo's CSP answers, 234 requirement rows.
"$tmp/ismapcheck" demo -o "$tmp/demo" >/dev/null
w1="$tmp/demo/02-checklist-csp-round1.xlsx"

# 10× : a synthetic catalogue of 2,340 requirements, every one answered.
"$py" testdata/bench/synth_catalog.py templates/catalog/2022-04-01.csv 10 "$tmp/x10.csv"
"$tmp/ismapcheck" generate --catalog "$tmp/x10.csv" -o "$tmp/x10-blank.xlsx" --date 2023-01-01 \
	--agency Bench --csp Bench --service Bench --service-model SaaS >/dev/null
"$tmp/fill" "$tmp/x10.csv" "$tmp/x10-blank.xlsx" "$tmp/x10.xlsx"

bench() { # name workbook ingest-args…
	name=$1 wb=$2
	shift 2
	# -i: ingest exits 1 when the workbook has validation errors (the
	# demo's does, on purpose).
	hyperfine -N -i -w 3 -r "$runs" --export-json "$tmp/$name.json" \
		-n floor "$tmp/floor $wb" \
		-n ingest "$tmp/ismapcheck ingest $wb --json - --as-of 2023-02-15 $*" \
		-n openpyxl "$py testdata/bench/openpyxl_read.py $wb" >/dev/null
	"$py" - "$tmp/$name.json" "$name" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
med = {k: v["median"] * 1000 for k, v in r.items()}
print("%-4s floor %6.1f ms | ingest %6.1f ms (%.2f× floor) | openpyxl %6.1f ms (ingest %.1f× faster)" % (
    sys.argv[2], med["floor"], med["ingest"], med["ingest"] / med["floor"],
    med["openpyxl"], med["openpyxl"] / med["ingest"]))
PY
}
bench 1x "$w1"
bench 10x "$tmp/x10.xlsx" --catalog "$tmp/x10.csv"
