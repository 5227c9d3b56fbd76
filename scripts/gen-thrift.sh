#!/usr/bin/env bash
# Regenerates the committed Java code of thrift-api from strand.thrift.
#   scripts/gen-thrift.sh          rewrite thrift-api/src/main/java
#   scripts/gen-thrift.sh --check  fail (exit 1) if the committed code differs from what the IDL generates
# Needs the `thrift` compiler (Debian: apt-get install thrift-compiler; 0.17.0 is what we pin against).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
idl="$root/thrift-api/src/main/thrift/strand.thrift"
out="$root/thrift-api/src/main/java"
command -v thrift >/dev/null || { echo "gen-thrift: no 'thrift' compiler on PATH (apt-get install thrift-compiler)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# generated_annotations=suppress keeps the output reproducible and free of javax.annotation (gone from Java 11+).
thrift --gen java:generated_annotations=suppress -out "$tmp" "$idl"

if [ "${1:-}" = "--check" ]; then
  if diff -r -q "$tmp/io/strand/api" "$out/io/strand/api" >/dev/null; then
    echo "gen-thrift: generated code is current"
  else
    diff -r -q "$tmp/io/strand/api" "$out/io/strand/api" >&2 || true
    echo "gen-thrift: thrift-api/src/main/java is stale; run scripts/gen-thrift.sh and commit" >&2
    exit 1
  fi
else
  rm -rf "$out/io/strand/api"
  mkdir -p "$out/io/strand"
  cp -r "$tmp/io/strand/api" "$out/io/strand/api"
  echo "gen-thrift: wrote $(find "$out/io/strand/api" -name '*.java' | wc -l) files to $out/io/strand/api"
fi
