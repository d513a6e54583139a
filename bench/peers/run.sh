#!/usr/bin/env bash
# kehoach side by side with the peers of shared/bench/peers, in one run_all.sh call
# (same machine conditions). Builds the release binary and the adapter, then:
#   run_all.sh [M] with EXTRA_PEERS='kehoach|kehoach-peer {in} {out}|docx+html' and
#   'kehoach-render|kehoach-peer --render {in} {out}|docx+html'
# Usage: bench/peers/run.sh [M]        (M plans, default 200; RUNS, WARMUP, ONLY, WORK
#                                       as for run_all.sh; PEERS_DIR to point elsewhere)
# Install the peers first: WORK=... bash "$PEERS_DIR/install_peers.sh".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$REPO/../shared/bench/peers}"
[ -d "$PEERS_DIR" ] || PEERS_DIR="$REPO/../../shared/bench/peers"
[ -f "$PEERS_DIR/run_all.sh" ] || { echo "no peer harness at $PEERS_DIR (set PEERS_DIR)" >&2; exit 2; }

(cd "$REPO" && cargo build --release --bin kehoach --example kehoach-peer >&2)
ADAPTER="$REPO/target/release/examples/kehoach-peer"
export KEHOACH="$REPO/target/release/kehoach"
# Two lines: `kehoach export` (archive, manifest, registers too), and the same pipeline
# in process writing only the two files a plan, as the peers do (`--render`).
EXTRA_PEERS="kehoach|$(printf %q "$ADAPTER") {in} {out}|docx+html
kehoach-render|$(printf %q "$ADAPTER") --render {in} {out}|docx+html" \
  exec bash "$PEERS_DIR/run_all.sh" "$@"
