# shellcheck shell=bash
#
# Hopscope kernel conformance suite: the per-case lab steps, on top of lib.sh.
# tests/kernel/harness/lab.ts writes one bash script per case (saved next to the
# case's results as case.sh, so a failing case can be re-run by hand) that
# sources this file and calls the kc_* functions below in order:
#
#   kc_init OUTDIR                    lock, temp dir, cleanup trap (lib.sh lab_init);
#                                     netns names are "hsk-<pid of this script>-ROLE"
#   kc_ns ROLE / kc_pod ... / kc_veth ... / kc_ip ROLE ARGS...   build the topology
#   kc_ipsets ROLE FILE               ipset restore FILE in ROLE (kc_dump_ipsets: ipset save)
#   kc_rules ROLE FILE                iptables-restore FILE in ROLE
#   kc_dump ROLE DIR RULES(0|1) [NIC...]   the real dumps into OUTDIR/dumps/DIR
#   kc_listen ROLE NAME SPEC...       receivers (kernel-agent.mjs serve)
#   kc_capture ROLE IFACE             tcpdump of ICMP and TCP RST arriving at the client
#   kc_trace ROLE MATCH...            nft trace table (as lib.sh lab_trace_start) in the node,
#                                     ready once a probe packet shows up in the monitor
#   kc_send ROLE PROTO SRC SPORT DST DPORT TIMEOUT_MS   the packet (kernel-agent.mjs connect)
#   kc_collect PROTO SPORT SAVEFILE   stop trace/capture; conntrack -L; select and map the
#                                     trace of the first packet sent
#   kc_many ROLE DST DPORT N          N TCP connections for distribution cases
#
# Everything a case leaves in OUTDIR is read by the TypeScript harness:
#   dumps/*/{iptables-save,ip-addr,ip-route}.txt, recv-NAME.log, client.json,
#   arrivals.txt (receiver lines at kc_collect time),
#   capture.txt, trace-raw.txt, trace-request.txt, trace-mapped.txt, conntrack.txt,
#   many.json, lab.log (stderr of this script).
#
# Every netns is deleted and every process stopped on exit, also on failure
# (lib.sh's EXIT trap). Namespaces left by a run that was killed with SIGKILL
# (no trap) are deleted by the next run's kc_init once their owner pid is gone.

KC_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$KC_HERE/lib.sh"

KC_NODE_BIN=${KC_NODE_BIN:-$(command -v node || true)}
KC_AGENT="$KC_HERE/kernel-agent.mjs"
# KC_NS_BASE: the netns prefix (hsk for the suite; scripts/lab/scenarios uses hss).
KC_NS_BASE=${KC_NS_BASE:-hsk}
KC_PREFIX="$KC_NS_BASE-$$-"
KC_OUT=""
KC_TRACE_NS=""
KC_CAPTURE_PID=""
LAB_NO_DAD=1

# Deletes hsk-PID-* namespaces whose PID is no longer running (left by a killed run), and
# that run's lock file and temp dir.
kc_sweep_stale() {
  local ns pid
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case "$ns" in "$KC_NS_BASE"-*) ;; *) continue ;; esac
    pid=${ns#"$KC_NS_BASE"-}
    pid=${pid%%-*}
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    if ! kill -0 "$pid" 2>/dev/null; then
      lab_log "deleting stale netns $ns (owner pid $pid is gone)"
      ip netns del "$ns" 2>/dev/null || true
    fi
  done
  # lock files and temp dirs of such runs (lib.sh names them after the lab: kernel-suite-PID)
  local f
  for f in /tmp/hopscope-lab-kernel-suite-*; do
    [ -e "$f" ] || continue
    pid=${f#/tmp/hopscope-lab-kernel-suite-}
    pid=${pid%%.*}
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null || rm -rf "$f"
  done
}

kc_init() {
  KC_OUT=$1
  mkdir -p "$KC_OUT/dumps"
  [ -n "$KC_NODE_BIN" ] || lab_die "node not found"
  lab_init "kernel-suite-$$"
  # lab_init's lock file is per pid here (nothing to share): remove it on exit too.
  trap kc_cleanup EXIT
  lab_require_cmds tcpdump
  kc_sweep_stale
}

kc_cleanup() {
  local rc=$?
  set +e # inside the EXIT trap nothing may stop the cleanup
  rm -f "/tmp/hopscope-lab-kernel-suite-$$.lock"
  (exit "$rc") # hand the script's status on to lab_cleanup, which exits with it
  lab_cleanup
}

kc_ns_name() { printf '%s%s' "$KC_PREFIX" "$1"; }

kc_ns() { lab_ns_add "$(kc_ns_name "$1")"; }

kc_ip() { local role=$1; shift; ip -n "$(kc_ns_name "$role")" "$@"; }

kc_exec() { local role=$1; shift; ip netns exec "$(kc_ns_name "$role")" "$@"; }

kc_sysctl() { lab_sysctl "$(kc_ns_name "$1")" "$2" "$3"; }

# kc_veth ROLE_A IF_A ROLE_B IF_B MTU [MAC_A] [MAC_B]
kc_veth() {
  lab_veth_pair "$(kc_ns_name "$1")" "$2" "$(kc_ns_name "$3")" "$4" "$5" "${6:-}" "${7:-}"
}

# kc_bridge ROLE BR CIDR MTU [MAC]
kc_bridge() { lab_bridge_add "$(kc_ns_name "$1")" "$2" "$3" "$4" "${5:-}"; }

# kc_pod NODE_ROLE BRIDGE POD_ROLE HOST_IF POD_CIDR GW MTU HOST_MAC POD_MAC HAIRPIN(on|off) [ROUTE...]
kc_pod() {
  local node=$1 br=$2 pod=$3 hif=$4 cidr=$5 gw=$6 mtu=$7 hmac=$8 pmac=$9 hairpin=${10}
  shift 10
  lab_pod_add "$(kc_ns_name "$node")" "$br" "$(kc_ns_name "$pod")" "$hif" "$cidr" "$gw" "$mtu" "$hmac" "$pmac" "$@"
  [ "$hairpin" = on ] || ip -n "$(kc_ns_name "$node")" link set "$hif" type bridge_slave hairpin off
}

kc_br_netfilter() { # ROLE 0|1
  local ns
  ns=$(kc_ns_name "$1")
  ip netns exec "$ns" test -e /proc/sys/net/bridge/bridge-nf-call-iptables ||
    lab_die "no /proc/sys/net/bridge in $ns (is the br_netfilter module loaded? modprobe br_netfilter)"
  lab_sysctl "$ns" net.bridge.bridge-nf-call-iptables "$2"
}

kc_rules() { # ROLE FILE
  ip netns exec "$(kc_ns_name "$1")" iptables-restore <"$2" || lab_die "iptables-restore of $2 failed"
}

kc_ipsets() { # ROLE FILE: ipset restore FILE in ROLE (before the rules that use the sets)
  ip netns exec "$(kc_ns_name "$1")" ipset restore <"$2" || lab_die "ipset restore of $2 failed"
}

kc_dump_ipsets() { # ROLE DIR: ipset save into OUTDIR/dumps/DIR/ipset-save.txt
  mkdir -p "$KC_OUT/dumps/$2"
  ip netns exec "$(kc_ns_name "$1")" ipset save >"$KC_OUT/dumps/$2/ipset-save.txt"
}

# kc_dump ROLE DIR RULES(0|1) [NIC...]: iptables-save (if RULES=1), ip -d addr
# (each NIC's stanza scrubbed by lab_scrub_nic), ip route (with KC_ROUTES=all:
# ip route show table all, and ip rule into ip-rule.txt).
kc_dump() {
  local role=$1 dir=$2 rules=$3 ns nic
  shift 3
  ns=$(kc_ns_name "$role")
  mkdir -p "$KC_OUT/dumps/$dir"
  if [ "$rules" = 1 ]; then
    ip netns exec "$ns" iptables-save >"$KC_OUT/dumps/$dir/iptables-save.txt"
  fi
  ip netns exec "$ns" ip -d addr >"$KC_OUT/dumps/$dir/ip-addr.txt.raw"
  for nic in "$@"; do
    lab_scrub_nic "$nic" <"$KC_OUT/dumps/$dir/ip-addr.txt.raw" >"$KC_OUT/dumps/$dir/ip-addr.txt.tmp"
    mv "$KC_OUT/dumps/$dir/ip-addr.txt.tmp" "$KC_OUT/dumps/$dir/ip-addr.txt.raw"
  done
  mv "$KC_OUT/dumps/$dir/ip-addr.txt.raw" "$KC_OUT/dumps/$dir/ip-addr.txt"
  if [ "${KC_ROUTES:-main}" = all ]; then
    # policy routing: every table, and the rules that choose between them
    ip netns exec "$ns" ip route show table all >"$KC_OUT/dumps/$dir/ip-route.txt"
    ip netns exec "$ns" ip rule >"$KC_OUT/dumps/$dir/ip-rule.txt"
  else
    ip netns exec "$ns" ip route >"$KC_OUT/dumps/$dir/ip-route.txt"
  fi
}

# kc_listen ROLE NAME SPEC...: a receiver (tcp:PORT / udp:PORT) logging to recv-NAME.log.
kc_listen() {
  local role=$1 name=$2 i log
  shift 2
  log="$KC_OUT/recv-$name.log"
  lab_bg "$(kc_ns_name "$role")" "$log" "$KC_NODE_BIN" "$KC_AGENT" serve "$name" "$@"
  for ((i = 0; i < 100; i++)); do
    grep -q '"listening"' "$log" 2>/dev/null && return 0
    sleep 0.05
  done
  lab_die "receiver $name in $role did not start: $(cat "$log")"
}

# kc_capture ROLE IFACE: what comes back to the client that is not ordinary data:
# ICMP errors and TCP resets.
kc_capture() {
  local role=$1 ifc=$2 i log="$KC_OUT/capture.txt"
  lab_bg "$(kc_ns_name "$role")" "$log" tcpdump -i "$ifc" -nn -l -U 'icmp or (tcp[tcpflags] & tcp-rst != 0)'
  KC_CAPTURE_PID=$LAB_BG_PID
  for ((i = 0; i < 100; i++)); do
    grep -q 'listening on' "$log" 2>/dev/null && return 0
    sleep 0.05
  done
  lab_die "tcpdump in $role did not start: $(cat "$log")"
}

# kc_trace ROLE MATCH...: lib.sh's trace table (priority -350 on prerouting and output,
# "MATCH meta nftrace set 1" per MATCH) plus a probe match, then `nft -a monitor trace`.
# Instead of a fixed sleep, a probe datagram (node -> 127.0.0.1:9 from port 9) is sent until
# the monitor prints it: from then on the monitor is certainly subscribed.
KC_PROBES=0
kc_trace() {
  local role=$1 m rules=""
  shift
  KC_TRACE_NS=$(kc_ns_name "$role")
  for m in "$@" "ip daddr 127.0.0.1 udp sport 9 udp dport 9"; do rules="$rules        $m meta nftrace set 1
"; done
  ip netns exec "$KC_TRACE_NS" nft -f - <<EOF
table ip $LAB_TRACE_TABLE {
    chain pre {
        type filter hook prerouting priority -350; policy accept;
$rules    }
    chain out {
        type filter hook output priority -350; policy accept;
$rules    }
}
EOF
  lab_bg "$KC_TRACE_NS" "$KC_OUT/trace-raw.txt" nft -a monitor trace
  LAB_TRACE_PID=$LAB_BG_PID
  kc_trace_probe
}

kc_probe_count() { grep -c ' packet: .* udp sport 9 udp dport 9 ' "$KC_OUT/trace-raw.txt" 2>/dev/null || true; }

# Sends probe datagrams until the monitor has printed one more probe than before.
kc_trace_probe() {
  local i j want=$(($(kc_probe_count) + 1))
  for ((i = 0; i < 60; i++)); do
    ip netns exec "$KC_TRACE_NS" "$KC_NODE_BIN" -e '
      const s = require("dgram").createSocket("udp4");
      s.bind(9, "127.0.0.1", () => s.send("probe", 9, "127.0.0.1", () => s.close()));' 2>/dev/null || true
    for ((j = 0; j < 5; j++)); do
      [ "$(kc_probe_count)" -ge "$want" ] && return 0
      sleep 0.02
    done
  done
  lab_die "nft monitor trace did not report the probe packet"
}

# kc_send ROLE PROTO SRC SPORT DST DPORT TIMEOUT_MS (SRC "-": the kernel picks)
kc_send() {
  local role=$1
  shift
  ip netns exec "$(kc_ns_name "$role")" "$KC_NODE_BIN" "$KC_AGENT" connect "$@" >"$KC_OUT/client.json" ||
    lab_die "client failed: $(cat "$KC_OUT/client.json")"
}

# kc_many ROLE DST DPORT N: N TCP connections from ephemeral ports (distribution).
kc_many() {
  local role=$1 dst=$2 dport=$3 n=$4
  ip netns exec "$(kc_ns_name "$role")" "$KC_NODE_BIN" "$KC_AGENT" many tcp "$dst" "$dport" "$n" 2000 >"$KC_OUT/many.json" ||
    lab_die "many failed: $(cat "$KC_OUT/many.json")"
}

# kc_select_first_packet TRACEFILE PROTO SPORT: the trace lines of the first packet
# sent from SPORT (for TCP its SYN), at every hook it passed. A "packet:" line
# decides for the lines of its trace id that follow (ids are reused across hooks
# and packets); only packets with the IP id of the first one are kept, so a
# retransmission could never be mixed in.
kc_select_first_packet() {
  local file=$1 proto=$2 sport=$3
  awk -v proto="$proto" -v sport="$sport" '
    /^trace id / {
      id = $3
      if ($0 ~ / packet: /) {
        keep[id] = 0
        ok = index($0, " " proto " sport " sport " ") > 0
        if (ok && proto == "tcp") ok = ($0 ~ / tcp flags == syn /)
        if (ok) {
          ipid = $0; sub(/.* ip id /, "", ipid); sub(/ .*/, "", ipid)
          if (want == "") want = ipid
          keep[id] = (ipid == want)
        }
      }
      if (keep[id]) print
    }' "$file"
}

# kc_collect PROTO SPORT SAVEFILE: stop capture and trace, read conntrack, select and map
# the trace of the first packet against SAVEFILE (the node's iptables-save text).
kc_collect() {
  local proto=$1 sport=$2 save=$3 f
  sleep 0.2
  # What the receivers got so far (kc_many may add more to their logs afterwards).
  for f in "$KC_OUT"/recv-*.log; do
    [ -e "$f" ] && grep '^{"name"' "$f" || true
  done >"$KC_OUT/arrivals.txt"
  if [ -n "$KC_CAPTURE_PID" ]; then lab_stop "$KC_CAPTURE_PID"; KC_CAPTURE_PID=""; fi
  if [ -n "$KC_TRACE_NS" ]; then
    ip netns exec "$KC_TRACE_NS" conntrack -L 2>/dev/null >"$KC_OUT/conntrack.txt" || true
    # A last probe: once it is printed, every trace event before it has been printed too.
    kc_trace_probe
    lab_stop "$LAB_TRACE_PID"
    ip netns exec "$KC_TRACE_NS" nft delete table ip "$LAB_TRACE_TABLE" 2>/dev/null || true
    kc_select_first_packet "$KC_OUT/trace-raw.txt" "$proto" "$sport" >"$KC_OUT/trace-request.txt"
    lab_trace_map "$KC_TRACE_NS" "$save" "$KC_OUT/trace-request.txt" >"$KC_OUT/trace-mapped.txt"
  fi
}
