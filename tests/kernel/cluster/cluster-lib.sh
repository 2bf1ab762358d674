# shellcheck shell=bash
#
# Kernel conformance suite, cross-node cases: the lab steps, on top of the colleague's
# multi-node lab (scripts/lab/cluster/lib-cluster.sh, which sources scripts/lab/lib.sh).
# tests/kernel/cluster/lab.ts writes small bash scripts that source this file:
#
#   build.sh      builds the cluster ONCE per test file (underlay switch, 3 flannel nodes,
#                 7 pods on cni0, the outside client, kube-proxy rules from
#                 scripts/lab/cluster/node-N.rules), warms it up, takes the dumps, starts the
#                 receivers and one `nft monitor trace` per node, and leaves all of it running
#                 (hkc_keep); on failure everything it made is removed (lib.sh's EXIT trap).
#   case-*.sh     one case: its setup (extra rules, a deleted FDB entry, ...), fresh node dumps,
#                 the traced packet (hkc_attempt, repeated until the wanted endpoint answered
#                 when the case asks for one), then the restore of its setup -- also when it
#                 fails (EXIT trap), because the next case reuses the lab.
#   teardown.sh   stops every process the build started (by PID) and deletes the namespaces.
#
# Namespaces: "hkc-<owner pid>-<role>" (HKC_PREFIX, owner = the vitest worker). A run that was
# killed (SIGKILL, no teardown) is cleaned up by the next build: hkc_sweep_stale deletes the
# hkc-<pid>-* namespaces whose owner pid is gone, after stopping the processes inside them
# (only this suite starts processes in hkc- namespaces).
#
# Traffic only ever flows between the lab's own namespaces.

HKC_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HKC_REPO=$(cd "$HKC_HERE/../../.." && pwd)
# shellcheck source=../../../scripts/lab/cluster/lib-cluster.sh
. "$HKC_REPO/scripts/lab/cluster/lib-cluster.sh"

HKC_AGENT="$HKC_REPO/scripts/lab/kernel-agent.mjs"
HKC_NODE_BIN=${HKC_NODE_BIN:-$(command -v node || true)}
HKC_PREFIX=${HKC_PREFIX:?HKC_PREFIX (hkc-<owner pid>-) must be set}
HKC_STATE=${HKC_STATE:?HKC_STATE (the lab folder) must be set}
HKC_NODES=${HKC_NODES:-"node-0 node-1 node-2"}
LAB_NO_DAD=1

hkc_ns() { printf '%s%s' "$HKC_PREFIX" "$1"; }

# hkc_init NAME: lib.sh's lab_init (root, tools, temp dir, EXIT trap) with a lock of its own
# per process, removed again on exit.
hkc_init() {
  [ -n "$HKC_NODE_BIN" ] || lab_die "node not found"
  lab_init "kernel-cluster-$1-$$"
  lab_require_cmds tcpdump bridge
  HKC_EXIT_HOOK=""
  trap hkc_exit EXIT
}

hkc_exit() {
  local rc=$?
  set +e # nothing may stop the cleanup
  if [ -n "$HKC_EXIT_HOOK" ]; then
    local hook=$HKC_EXIT_HOOK
    HKC_EXIT_HOOK=""
    "$hook"
  fi
  rm -f "/tmp/hopscope-lab-kernel-cluster-"*"-$$.lock"
  (exit "$rc")
  lab_cleanup
}

# Namespaces of killed runs: hkc-PID-* whose PID is gone.
hkc_sweep_stale() {
  local ns pid p
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case "$ns" in hkc-*) ;; *) continue ;; esac
    pid=${ns#hkc-}
    pid=${pid%%-*}
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null && continue
    lab_log "deleting stale netns $ns (owner pid $pid is gone)"
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  # lock files and temp dirs of killed steps (lib.sh names them kernel-cluster-STEP-PID)
  local f
  for f in /tmp/hopscope-lab-kernel-cluster-*; do
    [ -e "$f" ] || continue
    pid=${f##*-}
    pid=${pid%%.*}
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null || rm -rf "$f"
  done
}

# --- build ----------------------------------------------------------------------------------

# hkc_resolve NS IP: one TCP connect to the closed port 9 makes the kernel resolve the
# neighbour (as scripts/lab/cluster/make-cluster.sh's warm-up does); no waiting for REACHABLE.
hkc_resolve() {
  ip netns exec "$1" timeout 2 bash -c "exec 3<>/dev/tcp/$2/9" 2>/dev/null || true
}

# hkc_dump_node ROLE DIR VIEWMAP: a node's dumps, as make-cluster.sh takes them (eth0 scrubbed
# to a NIC, the pods' netns under their containerd names), plus `nft -a list ruleset` for
# mapping traced rule handles to iptables-save lines (not given to the engine).
hkc_dump_node() {
  local ns d=$2
  ns=$(hkc_ns "$1")
  mkdir -p "$d"
  ip netns exec "$ns" iptables-save >"$d/iptables-save.txt"
  cl_exec_view "$ns" "$3" ip -d addr | lab_scrub_nic eth0 >"$d/ip-addr.txt"
  ip netns exec "$ns" ip route >"$d/ip-route.txt"
  ip netns exec "$ns" ip neigh >"$d/ip-neigh.txt"
  ip netns exec "$ns" bridge fdb show >"$d/bridge-fdb.txt"
  ip netns exec "$ns" nft -a list ruleset >"$d/nft-handles.txt"
}

hkc_dump_host() { # ROLE DIR SCRUB(0|1)
  local ns d=$2
  ns=$(hkc_ns "$1")
  mkdir -p "$d"
  if [ "$3" = 1 ]; then
    cl_exec_view "$ns" "" ip -d addr | lab_scrub_nic eth0 >"$d/ip-addr.txt"
  else
    cl_exec_view "$ns" "" ip -d addr >"$d/ip-addr.txt"
  fi
  ip netns exec "$ns" ip route >"$d/ip-route.txt"
}

# hkc_listen ROLE NAME SPEC...: a receiver (kernel-agent.mjs serve) logging to
# $HKC_STATE/recv-NAME.log one JSON line per connection or datagram.
hkc_listen() {
  local role=$1 name=$2 i log
  shift 2
  log="$HKC_STATE/recv-$name.log"
  lab_bg "$(hkc_ns "$role")" "$log" "$HKC_NODE_BIN" "$HKC_AGENT" serve "$name" "$@"
  for ((i = 0; i < 100; i++)); do
    grep -q '"listening"' "$log" 2>/dev/null && return 0
    sleep 0.05
  done
  lab_die "receiver $name in $role did not start: $(cat "$log")"
}

# hkc_trace_install ROLE: the trace table (family ip, priority -350 on prerouting and output,
# like lib.sh's lab_trace_start) marks EVERY IPv4 packet of the node, and one `nft -a monitor
# trace` runs for the whole test file into $HKC_STATE/trace-ROLE.txt. The lab carries no other
# traffic than the cases' own; each case takes its slice of the file between two probes
# (hkc_trace_mark) and picks its packets by IP id (tests/kernel/cluster/kernel.ts). The table is
# not one of iptables' tables: iptables-save never shows it.
hkc_trace_install() {
  local role=$1 ns
  ns=$(hkc_ns "$role")
  ip netns exec "$ns" nft -f - <<EOF
table ip $LAB_TRACE_TABLE {
    chain pre {
        type filter hook prerouting priority -350; policy accept;
        meta nftrace set 1
    }
    chain out {
        type filter hook output priority -350; policy accept;
        meta nftrace set 1
    }
}
EOF
  : >"$HKC_STATE/trace-$role.txt"
  lab_bg "$ns" "$HKC_STATE/trace-$role.txt" nft -a monitor trace
  hkc_trace_mark "$role" >/dev/null
}

# hkc_trace_mark ROLE: sends probe datagrams (node -> 127.0.0.1:9) until the monitor has printed
# one after the current end of its file; prints the file size at that point. Every trace event
# of a packet sent before the probe is then in the file before that offset.
hkc_trace_mark() {
  local role=$1 ns f size i j
  ns=$(hkc_ns "$role")
  f="$HKC_STATE/trace-$role.txt"
  size=$(stat -c %s "$f")
  for ((i = 0; i < 60; i++)); do
    ip netns exec "$ns" bash -c 'echo probe >/dev/udp/127.0.0.1/9' 2>/dev/null || true
    for ((j = 0; j < 5; j++)); do
      # (grep without -q reads all its input: no SIGPIPE for tail under pipefail)
      if tail -c +"$((size + 1))" "$f" | grep ' packet: .* udp dport 9 ' >/dev/null; then
        stat -c %s "$f"
        return 0
      fi
      sleep 0.02
    done
  done
  lab_die "nft monitor trace in $role printed no probe"
}

# hkc_keep: the build succeeded; record what has to be stopped and deleted at teardown and
# take it out of lib.sh's EXIT cleanup, so the lab outlives this script.
hkc_keep() {
  printf '%s\n' "${LAB_PIDS[@]}" >"$HKC_STATE/pids"
  printf '%s\n' "${LAB_NAMESPACES[@]}" >"$HKC_STATE/namespaces"
  LAB_PIDS=()
  LAB_NAMESPACES=()
}

hkc_teardown() {
  local p ns i
  if [ -f "$HKC_STATE/pids" ]; then
    while read -r p; do [ -n "$p" ] && kill "$p" 2>/dev/null; done <"$HKC_STATE/pids"
    for ((i = 0; i < 50; i++)); do
      local alive=0
      while read -r p; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1; done <"$HKC_STATE/pids"
      [ "$alive" = 0 ] && break
      sleep 0.05
    done
    rm -f "$HKC_STATE/pids"
  fi
  if [ -f "$HKC_STATE/namespaces" ]; then
    tac "$HKC_STATE/namespaces" | while read -r ns; do
      [ -n "$ns" ] && [ -e "/run/netns/$ns" ] && { ip netns del "$ns" || lab_log "warning: could not delete $ns"; }
    done
    rm -f "$HKC_STATE/namespaces"
  fi
  # anything of this owner still there (a build that died half-way past hkc_keep)
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case "$ns" in "$HKC_PREFIX"*) ;; *) continue ;; esac
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}

# --- one case -------------------------------------------------------------------------------

hkc_flush_conntrack() {
  local n
  for n in $HKC_NODES; do ip netns exec "$(hkc_ns "$n")" conntrack -F 2>/dev/null || true; done
}

# hkc_attempt DIR CLIENT_ROLE CLIENT_IF PROTO SRC SPORT DST DPORT TIMEOUT_MS
#   One traced packet (TCP: one connection; UDP: one datagram and its answer), everything
#   recorded in DIR:
#     <node>.trace       that node's nft trace events of this attempt (between two probes)
#     <node>.conntrack   conntrack -L on that node afterwards
#     underlay.pcap/.txt tcpdump on the underlay switch (-v -T vxlan: outer and inner headers)
#     client.pcap/.txt   tcpdump at the client: the reply, ICMP errors, resets
#     client.json        the client's result (kernel-agent.mjs connect)
#     arrivals.txt       what the receivers logged during the attempt
#   Conntrack is flushed on every node first, so the packet starts a new flow everywhere.
hkc_attempt() {
  local d=$1 crole=$2 cif=$3 proto=$4 src=$5 sport=$6 dst=$7 dport=$8 tmo=$9
  local n f cns
  cns=$(hkc_ns "$crole")
  mkdir -p "$d"
  hkc_flush_conntrack
  for f in "$HKC_STATE"/recv-*.log; do
    printf '%s %s\n' "$f" "$(wc -l <"$f")"
  done >"$d/recv-offsets"
  cl_capture_start "$(hkc_ns underlay)" br0 "$d/underlay.pcap" ip
  cl_capture_start "$cns" "$cif" "$d/client.pcap" "(icmp and not host 127.0.0.1) or port $sport"
  declare -A start=()
  for n in $HKC_NODES; do start[$n]=$(hkc_trace_mark "$n"); done
  ip netns exec "$cns" "$HKC_NODE_BIN" "$HKC_AGENT" connect "$proto" "$src" "$sport" "$dst" "$dport" "$tmo" >"$d/client.json" ||
    lab_die "client failed: $(cat "$d/client.json")"
  sleep 0.3
  while read -r f off; do
    tail -n +"$((off + 1))" "$f" | grep '^{"name"' || true
  done <"$d/recv-offsets" >"$d/arrivals.txt"
  for n in $HKC_NODES; do ip netns exec "$(hkc_ns "$n")" conntrack -L >"$d/$n.conntrack" 2>/dev/null || true; done
  local end
  for n in $HKC_NODES; do
    end=$(hkc_trace_mark "$n")
    head -c "$end" "$HKC_STATE/trace-$n.txt" | tail -c +"$((start[$n] + 1))" >"$d/$n.trace"
  done
  cl_capture_stop
  tcpdump -r "$d/underlay.pcap" -nn -v -T vxlan >"$d/underlay.txt" 2>/dev/null || true
  tcpdump -r "$d/client.pcap" -nn >"$d/client.txt" 2>/dev/null || true
}

# hkc_arrived DIR NAME: did receiver NAME get the attempt's packet?
hkc_arrived() { grep -q "^{\"name\":\"$2\"" "$1/arrivals.txt"; }

# --- case setups ------------------------------------------------------------------------------

# hkc_rules_with_services SPECS: every node's kube-proxy rules regenerated with more Services
# (gen-rules.sh --print with CL_EXTRA_SERVICES, one spec per line) and loaded with
# iptables-restore, as kube-proxy's full sync would; hkc_rules_restore loads the committed ones.
hkc_rules_with_services() {
  local n
  for n in $HKC_NODES; do
    CL_EXTRA_SERVICES=$1 "$HKC_REPO/scripts/lab/cluster/gen-rules.sh" --print "${n#node-}" >"$LAB_TMP/$n.rules"
    ip netns exec "$(hkc_ns "$n")" iptables-restore <"$LAB_TMP/$n.rules" || lab_die "iptables-restore of $n with extra services failed"
  done
}

hkc_rules_restore() {
  local n
  for n in $HKC_NODES; do
    ip netns exec "$(hkc_ns "$n")" iptables-restore <"$HKC_REPO/scripts/lab/cluster/$n.rules"
  done
}

# hkc_in ROLE CMD...: run CMD in ROLE's namespace.
hkc_in() { local role=$1; shift; ip netns exec "$(hkc_ns "$role")" "$@"; }
