# shellcheck shell=bash
#
# The nftables cases of the kernel conformance suite (tests/kernel/nft.test.ts): the lab
# steps that differ from the iptables cases, on top of scripts/lab/kernel-lib.sh (whose
# kc_ns/kc_pod/kc_listen/kc_capture/kc_trace/kc_select_first_packet are reused as they are).
#
#   kn_init OUTDIR                  lock, temp dir, cleanup trap; netns names "hkn-<pid>-ROLE"
#   kn_nft ROLE FILE                nft -f FILE in ROLE
#   kn_iptables ROLE FILE           iptables-restore FILE in ROLE (iptables-nft side by side)
#   kn_dump_nft ROLE DIR IPT(0|1)   nft list ruleset (plain, -a, -j) [+ iptables-save]
#   kn_dump_conntrack ROLE DIR      conntrack -L into dumps/DIR/conntrack.txt
#   kn_warmup ROLE PROTO SRC SPORT DST DPORT TIMEOUT_MS   an untraced connection (before the dumps)
#   kn_send ROLE PROTO SRC SPORT DST DPORT TIMEOUT_MS [NEED MAX]
#                                   the traced packet; with NEED/MAX: one connection per source
#                                   port SPORT, SPORT+1, ... until NEED receivers have answered
#                                   (every numgen branch) or MAX connections were made
#   kn_collect PROTO                stop capture and trace, conntrack -L, and the trace lines of
#                                   the first packet of every source port sent from
#
# Files for tests/kernel/nft/lab.ts, in OUTDIR: dumps/DIR/{nft-ruleset.txt,nft-ruleset.json,
# iptables-save.txt,ip-addr.txt,ip-route.txt,conntrack.txt}, nft-ruleset-handles.txt (nft -a,
# for the handle mapping; not a dump the engine gets), sends.txt (one source port a line),
# client-SPORT.json, arrivals-SPORT.txt, trace-SPORT.txt, capture.txt, trace-raw.txt,
# conntrack.txt, many.json.

KN_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../../scripts/lab/kernel-lib.sh
. "$KN_HERE/../../../scripts/lab/kernel-lib.sh"

# This suite's namespaces: hkn-<pid of the case script>-<role> (kernel-lib.sh's kc_ns_name
# reads KC_PREFIX when called).
# KN_NS_BASE: the netns prefix (hkn for the suite; scripts/lab/scenarios uses hss).
KN_NS_BASE=${KN_NS_BASE:-hkn}
KC_PREFIX="$KN_NS_BASE-$$-"
KN_SENT_PORTS=()

# hkn-PID-* namespaces whose PID is gone (a run killed with SIGKILL), and their lock files and
# temp dirs.
kn_sweep_stale() {
  local ns pid f
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case "$ns" in "$KN_NS_BASE"-*) ;; *) continue ;; esac
    pid=${ns#"$KN_NS_BASE"-}
    pid=${pid%%-*}
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    if ! kill -0 "$pid" 2>/dev/null; then
      lab_log "deleting stale netns $ns (owner pid $pid is gone)"
      ip netns del "$ns" 2>/dev/null || true
    fi
  done
  for f in /tmp/hopscope-lab-kernel-nft-*; do
    [ -e "$f" ] || continue
    pid=${f#/tmp/hopscope-lab-kernel-nft-}
    pid=${pid%%.*}
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null || rm -rf "$f"
  done
}

kn_init() {
  KC_OUT=$1
  mkdir -p "$KC_OUT/dumps"
  [ -n "$KC_NODE_BIN" ] || lab_die "node not found"
  lab_init "kernel-nft-$$"
  trap kn_cleanup EXIT
  lab_require_cmds tcpdump
  kn_sweep_stale
}

kn_cleanup() {
  local rc=$?
  set +e # inside the EXIT trap nothing may stop the cleanup
  rm -f "/tmp/hopscope-lab-kernel-nft-$$.lock"
  (exit "$rc")
  lab_cleanup
}

kn_nft() { # ROLE FILE
  ip netns exec "$(kc_ns_name "$1")" nft -f "$2" || lab_die "nft -f $2 failed"
}

kn_iptables() { # ROLE FILE
  ip netns exec "$(kc_ns_name "$1")" iptables-restore <"$2" || lab_die "iptables-restore of $2 failed"
}

# kn_dump_nft ROLE DIR IPT: what a user pastes from the node: `nft list ruleset` (text),
# `nft -j list ruleset`, `iptables-save` when iptables-nft tables exist (IPT=1); plus, for the
# suite only, `nft -a list ruleset` (handles) next to them. Taken back to back, nothing changes
# the ruleset in between (the trace table is added later).
kn_dump_nft() {
  local ns d
  ns=$(kc_ns_name "$1")
  d="$KC_OUT/dumps/$2"
  mkdir -p "$d"
  ip netns exec "$ns" nft list ruleset >"$d/nft-ruleset.txt" 2>"$KC_OUT/nft-list.stderr" || lab_die "nft list ruleset failed"
  ip netns exec "$ns" nft -a list ruleset >"$KC_OUT/nft-ruleset-handles.txt" 2>/dev/null || lab_die "nft -a list ruleset failed"
  ip netns exec "$ns" nft -j list ruleset >"$d/nft-ruleset.json" 2>/dev/null || lab_die "nft -j list ruleset failed"
  if [ "$3" = 1 ]; then
    ip netns exec "$ns" iptables-save >"$d/iptables-save.txt" || lab_die "iptables-save failed"
  fi
}

kn_dump_conntrack() { # ROLE DIR
  mkdir -p "$KC_OUT/dumps/$2"
  ip netns exec "$(kc_ns_name "$1")" conntrack -L >"$KC_OUT/dumps/$2/conntrack.txt" 2>/dev/null || true
}

# kn_arrival_snapshot: "LOG LINES" for every receiver log, to find what arrived after it.
kn_arrival_snapshot() {
  local f
  for f in "$KC_OUT"/recv-*.log; do
    [ -e "$f" ] || continue
    echo "$f $(grep -c '^{"name"' "$f" || true)"
  done
}

# kn_arrivals_since SNAPSHOT: the receiver lines logged after the snapshot.
kn_arrivals_since() {
  local f n
  for f in "$KC_OUT"/recv-*.log; do
    [ -e "$f" ] || continue
    n=$(printf '%s\n' "$1" | awk -v f="$f" '$1 == f { print $2 }')
    grep '^{"name"' "$f" | tail -n +"$((${n:-0} + 1))" || true
  done
}

# kn_warmup ROLE PROTO SRC SPORT DST DPORT TIMEOUT_MS: a connection before the dumps and the
# trace (to fill a dynamic set or create a conntrack entry); its result is kept in warmup-SPORT.json.
kn_warmup() {
  local role=$1 proto=$2 src=$3 sport=$4 dst=$5 dport=$6 timeout=$7
  ip netns exec "$(kc_ns_name "$role")" "$KC_NODE_BIN" "$KC_AGENT" connect "$proto" "$src" "$sport" "$dst" "$dport" "$timeout" \
    >"$KC_OUT/warmup-$sport.json" || lab_die "warmup client failed: $(cat "$KC_OUT/warmup-$sport.json")"
}

kn_send() {
  local role=$1 proto=$2 src=$3 sport=$4 dst=$5 dport=$6 timeout=$7 need=${8:-0} max=${9:-1}
  local i p before seen
  : >"$KC_OUT/sends.txt"
  for ((i = 0; i < max; i++)); do
    p=$((sport + i))
    before=$(kn_arrival_snapshot)
    ip netns exec "$(kc_ns_name "$role")" "$KC_NODE_BIN" "$KC_AGENT" connect "$proto" "$src" "$p" "$dst" "$dport" "$timeout" \
      >"$KC_OUT/client-$p.json" || lab_die "client failed: $(cat "$KC_OUT/client-$p.json")"
    [ "$proto" = udp ] || sleep 0.05
    kn_arrivals_since "$before" >"$KC_OUT/arrivals-$p.txt"
    echo "$p" >>"$KC_OUT/sends.txt"
    KN_SENT_PORTS+=("$p")
    if [ "$need" -gt 0 ]; then
      seen=$(cat "$KC_OUT"/arrivals-*.txt | sed -n 's/^{"name":"\([^"]*\)".*/\1/p' | sort -u | wc -l)
      if [ "$seen" -ge "$need" ]; then break; fi
    fi
  done
}

kn_collect() {
  local proto=$1 p
  sleep 0.2
  if [ -n "$KC_CAPTURE_PID" ]; then lab_stop "$KC_CAPTURE_PID"; KC_CAPTURE_PID=""; fi
  ip netns exec "$KC_TRACE_NS" conntrack -L 2>/dev/null >"$KC_OUT/conntrack.txt" || true
  # A last probe: once it is printed, every trace event before it has been printed too.
  kc_trace_probe
  lab_stop "$LAB_TRACE_PID"
  ip netns exec "$KC_TRACE_NS" nft delete table ip "$LAB_TRACE_TABLE" 2>/dev/null || true
  for p in "${KN_SENT_PORTS[@]}"; do
    kc_select_first_packet "$KC_OUT/trace-raw.txt" "$proto" "$p" >"$KC_OUT/trace-$p.txt"
  done
}
