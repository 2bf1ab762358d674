# shellcheck shell=bash
#
# Hopscope kernel lab: reusable helpers to build small Linux network labs out of
# network namespaces (a "node" netns, CNI-style pod netns on a bridge, an
# underlay), load real iptables/nftables state into them, send test traffic
# between them and ask the kernel what it did (nft monitor trace, conntrack).
#
# Source it from bash (not executed on its own):
#
#   . "$(dirname "$0")/lib.sh"
#   lab_init pod-to-clusterip          # lock, temp dir, cleanup trap
#   lab_ns_add hs-node-1               # every netns made here is registered...
#   ...                                # ...and deleted again on EXIT/INT/TERM
#
# Rules followed by every helper:
#   * Only namespaces registered through lab_ns_add are ever deleted.
#   * Only processes started through lab_bg are ever killed, by PID.
#   * Traffic only ever flows between the lab's own namespaces.
#
# Requirements: root, iproute2, iptables (nf_tables backend), nftables,
# conntrack-tools, awk, flock; python3 only for lab_tcp_responder.
#
# Optional settings (environment or shell variables, read when used):
#   LAB_NO_DAD=1   lab_ns_add turns IPv6 duplicate address detection off in each new netns
#                  before any interface exists, so addresses are never "tentative" and
#                  nothing has to wait for DAD (the kernel conformance suite uses this).

LAB_NAMESPACES=()    # registered netns, in creation order
LAB_PIDS=()          # registered background PIDs
LAB_TMP=""           # private temp dir, removed on cleanup
LAB_NAME="lab"
LAB_PYTHON=${LAB_PYTHON:-$(command -v /usr/bin/python3 || command -v python3 || true)}
LAB_TRACE_TABLE=${LAB_TRACE_TABLE:-hopscope_trace}

lab_log() { printf '[lab %s] %s\n' "$LAB_NAME" "$*" >&2; }
lab_die() { printf '[lab %s] ERROR: %s\n' "$LAB_NAME" "$*" >&2; exit 1; }

lab_require_root() {
  [ "$(id -u)" -eq 0 ] || lab_die "must run as root (network namespaces)"
}

lab_require_cmds() {
  local c missing=""
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || missing="$missing $c"; done
  [ -z "$missing" ] || lab_die "missing commands:$missing (apt-get install -y iptables nftables iproute2 conntrack tcpdump netcat-openbsd ipset)"
}

# lab_init NAME: take a per-lab lock (two runs of the same lab would fight over
# the same netns names), make a temp dir and install the cleanup trap.
lab_init() {
  LAB_NAME=$1
  lab_require_root
  lab_require_cmds ip iptables iptables-save iptables-restore nft conntrack awk flock
  exec 9>"/tmp/hopscope-lab-${LAB_NAME}.lock"
  flock -n 9 || lab_die "another run of lab ${LAB_NAME} holds /tmp/hopscope-lab-${LAB_NAME}.lock"
  LAB_TMP=$(mktemp -d "/tmp/hopscope-lab-${LAB_NAME}.XXXXXX")
  trap lab_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# lab_cleanup: kill registered processes, delete registered namespaces (newest
# first), remove the temp dir (copied to $LAB_KEEP_TMP first if that is set, for
# debugging), then exit with the script's status. Installed by lab_init as the
# EXIT trap; runs once.
lab_cleanup() {
  local rc=$? i pid ns
  trap - EXIT
  for ((i = ${#LAB_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${LAB_PIDS[i]}
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${LAB_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  LAB_PIDS=()
  for ((i = ${#LAB_NAMESPACES[@]} - 1; i >= 0; i--)); do
    ns=${LAB_NAMESPACES[i]}
    if [ -e "/run/netns/$ns" ]; then
      ip netns del "$ns" 2>/dev/null || lab_log "warning: could not delete netns $ns"
    fi
  done
  LAB_NAMESPACES=()
  if [ -n "$LAB_TMP" ] && [ -d "$LAB_TMP" ]; then
    if [ -n "${LAB_KEEP_TMP:-}" ]; then
      rm -rf "$LAB_KEEP_TMP" && cp -a "$LAB_TMP" "$LAB_KEEP_TMP" && lab_log "kept temp files in $LAB_KEEP_TMP"
    fi
    rm -rf "$LAB_TMP"
  fi
  LAB_TMP=""
  exit "$rc"
}

# lab_ns_add NAME: (re)create a netns. A stale netns of the same name (left by
# a killed earlier run of this lab) is deleted first. Brings lo up, as the CNI
# loopback plugin / systemd would.
lab_ns_add() {
  local ns=$1
  if [ -e "/run/netns/$ns" ]; then
    lab_log "deleting stale netns $ns"
    ip netns del "$ns"
  fi
  ip netns add "$ns"
  LAB_NAMESPACES+=("$ns")
  if [ -n "${LAB_NO_DAD:-}" ]; then
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.accept_dad=0 >/dev/null
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.default.accept_dad=0 >/dev/null
  fi
  ip -n "$ns" link set lo up
}

lab_ns_del() {
  local ns=$1 i
  ip netns del "$ns"
  for i in "${!LAB_NAMESPACES[@]}"; do
    [ "${LAB_NAMESPACES[i]}" = "$ns" ] && unset 'LAB_NAMESPACES[i]'
  done
  LAB_NAMESPACES=("${LAB_NAMESPACES[@]}")
}

lab_exec() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

lab_sysctl() { # NS KEY VALUE
  ip netns exec "$1" sysctl -q -w "$2=$3" >/dev/null
}

# lab_bg NS LOGFILE CMD...: start CMD in NS in the background, register its PID.
# (ip netns exec execs CMD, so $! is CMD's own PID.)
lab_bg() {
  local ns=$1 log=$2; shift 2
  ip netns exec "$ns" "$@" >"$log" 2>&1 &
  LAB_BG_PID=$!
  LAB_PIDS+=("$LAB_BG_PID")
}

# lab_stop PID: stop one process started by lab_bg.
lab_stop() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for i in "${!LAB_PIDS[@]}"; do
    [ "${LAB_PIDS[i]}" = "$pid" ] && unset 'LAB_PIDS[i]'
  done
  LAB_PIDS=("${LAB_PIDS[@]}")
}

# --- links ------------------------------------------------------------------

# lab_veth_pair NS_A IF_A NS_B IF_B MTU [MAC_A] [MAC_B]: veth created inside
# NS_A with its peer created directly in NS_B, so each end takes the next free
# ifindex of its own netns (as the CNI plugins do).
lab_veth_pair() {
  local nsa=$1 ifa=$2 nsb=$3 ifb=$4 mtu=$5 maca=${6:-} macb=${7:-}
  ip -n "$nsa" link add "$ifa" mtu "$mtu" ${maca:+address "$maca"} type veth \
    peer name "$ifb" netns "$nsb" mtu "$mtu" ${macb:+address "$macb"}
}

# lab_bridge_add NS BR CIDR MTU [MAC]: a Linux bridge with the gateway address
# (CNI bridge plugin, isGateway=true).
lab_bridge_add() {
  local ns=$1 br=$2 cidr=$3 mtu=$4 mac=${5:-}
  ip -n "$ns" link add "$br" mtu "$mtu" ${mac:+address "$mac"} type bridge
  ip -n "$ns" addr add "$cidr" dev "$br"
  ip -n "$ns" link set "$br" up
}

# lab_vxlan_add NS DEV VNI LOCAL_IP UNDERLAY_DEV DSTPORT MTU MAC CIDR:
# flannel's vxlan backend device (nolearning; fdb/neigh entries added by
# lab_vxlan_peer, as flanneld does for each remote node lease).
lab_vxlan_add() {
  local ns=$1 dev=$2 vni=$3 local_ip=$4 udev=$5 port=$6 mtu=$7 mac=$8 cidr=$9
  ip -n "$ns" link add "$dev" mtu "$mtu" address "$mac" type vxlan id "$vni" \
    local "$local_ip" dev "$udev" dstport "$port" nolearning
  ip -n "$ns" addr add "$cidr" dev "$dev"
  ip -n "$ns" link set "$dev" up
}

# lab_vxlan_peer NS DEV REMOTE_VTEP_MAC REMOTE_PUBLIC_IP REMOTE_SUBNET_ADDR REMOTE_SUBNET:
# flannel per-node entries: neigh (permanent), fdb, and the onlink route.
lab_vxlan_peer() {
  local ns=$1 dev=$2 mac=$3 pubip=$4 gw=$5 subnet=$6
  ip -n "$ns" neigh replace "$gw" lladdr "$mac" dev "$dev" nud permanent
  bridge -n "$ns" fdb append "$mac" dev "$dev" dst "$pubip" self permanent
  ip -n "$ns" route replace "$subnet" via "$gw" dev "$dev" onlink
}

# lab_pod_add NODE_NS BRIDGE POD_NS HOST_IF POD_CIDR GW MTU HOST_MAC POD_MAC [ROUTE...]
# What the CNI bridge plugin (hairpinMode=true, isDefaultGateway=true) plus
# host-local IPAM do: netns (registered), veth eth0 <-> HOST_IF, HOST_IF into
# the bridge with hairpin on, address, default route, extra IPAM routes.
lab_pod_add() {
  local node=$1 br=$2 pod=$3 hif=$4 cidr=$5 gw=$6 mtu=$7 hmac=$8 pmac=$9
  shift 9
  local r
  lab_ns_add "$pod"
  lab_veth_pair "$pod" eth0 "$node" "$hif" "$mtu" "$pmac" "$hmac"
  ip -n "$node" link set "$hif" master "$br"
  ip -n "$node" link set "$hif" type bridge_slave hairpin on
  ip -n "$node" link set "$hif" up
  ip -n "$pod" addr add "$cidr" dev eth0
  ip -n "$pod" link set eth0 up
  ip -n "$pod" route add default via "$gw" dev eth0
  for r in "$@"; do
    ip -n "$pod" route add "$r" via "$gw" dev eth0
  done
}

# lab_wait_dad NS...: wait (max ~10 s) until no IPv6 address is tentative, so
# dumps show settled addresses as on a long-running node.
lab_wait_dad() {
  local ns i
  for ns in "$@"; do
    for ((i = 0; i < 100; i++)); do
      [ -z "$(ip -n "$ns" -6 addr show tentative)" ] && break
      sleep 0.1
    done
  done
}

# --- dumps --------------------------------------------------------------------

# lab_exec_named_view NS GLOB CMD...: run CMD in NS while /run/netns (in a
# private mount namespace) only shows the netns names matching GLOB. iproute2
# prints "link-netns NAME" for peers it can name and "link-netnsid N" for the
# others, so this reproduces what a real node prints: containerd's cni-<uuid>
# pod netns are named in /run/netns, the host netns is not. Nothing is
# rewritten: the output is iproute2's own.
lab_exec_named_view() {
  local ns=$1 glob=$2; shift 2
  local view
  view=$(mktemp -d "$LAB_TMP/netns-view.XXXXXX")
  # shellcheck disable=SC2016
  ip netns exec "$ns" sh -c '
    view=$1; glob=$2; shift 2
    for f in /run/netns/$glob; do
      [ -e "$f" ] || continue
      b=${f##*/}; : >"$view/$b"
      mount --bind "$f" "$view/$b" || exit 1
    done
    mount --rbind "$view" /run/netns || exit 1
    exec "$@"' sh "$view" "$glob" "$@"
  local rc=$?
  rm -rf "$view"
  return $rc
}

# lab_scrub_nic IFACE: filter for `ip -d addr` output. In a lab, a node's NIC is
# a veth to an underlay netns; on a real node it is a NIC. In IFACE's stanza,
# drop the "@ifN" peer suffix and " link-netnsid N"/" link-netns NAME", and
# fold the veth kind line ("    veth numtxqueues ...") into the link line,
# which is where iproute2 prints those attributes for a device without a kind.
# Other stanzas pass unchanged.
lab_scrub_nic() {
  awk -v dev="$1" '
    /^[0-9]+: / { in_dev = ($2 ~ ("^" dev "(@|:)")) }
    in_dev && /^[0-9]+: / { sub(" " dev "@[^:]*:", " " dev ":") }
    in_dev && /^    link\/ether / { sub(/ link-netnsid [0-9]+/, ""); sub(/ link-netns [^ ]+/, ""); held = $0; next }
    held != "" {
      if ($0 ~ /^    veth /) { line = $0; sub(/^    veth /, "", line); print held line; held = ""; next }
      print held; held = ""
    }
    { print }
    END { if (held != "") print held }'
}

# --- traffic ------------------------------------------------------------------

# lab_tcp_responder NS PORT NAME LOG: a TCP server on 0.0.0.0:PORT that answers
# each connection with "NAME\n", logs "NAME accepted IP:PORT" and closes first
# (so the client side never sits in TIME_WAIT and can reuse its fixed port).
lab_tcp_responder() {
  local ns=$1 port=$2 name=$3 log=$4
  [ -n "$LAB_PYTHON" ] || lab_die "python3 not found (needed by lab_tcp_responder)"
  lab_bg "$ns" "$log" "$LAB_PYTHON" -u -c '
import socket, sys
name, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", port))
s.listen(128)
print("listening", flush=True)
while True:
    c, a = s.accept()
    print("%s accepted %s:%d" % (name, a[0], a[1]), flush=True)
    c.sendall((name + "\n").encode())
    c.close()
' "$name" "$port"
  local i
  for ((i = 0; i < 50; i++)); do
    grep -q listening "$log" 2>/dev/null && return 0
    sleep 0.1
  done
  lab_die "responder $name in $ns did not start: $(cat "$log")"
}

# lab_tcp_connect NS SPORT DST DPORT: one TCP connection with a fixed source
# port (nc -w 1: stays under the ~1 s SYN retransmission). Prints the reply.
lab_tcp_connect() {
  local ns=$1 sport=$2 dst=$3 dport=$4
  ip netns exec "$ns" nc -n -w 1 -p "$sport" "$dst" "$dport" </dev/null
}

# --- kernel's record: nft trace -----------------------------------------------

# lab_trace_start NS OUTFILE MATCH...: add our own table (family ip) with base
# chains at priority -350 on prerouting and output, one rule per MATCH doing
# "MATCH meta nftrace set 1", then start `nft -a monitor trace` into OUTFILE.
# The rules under test are not touched.
lab_trace_start() {
  local ns=$1 out=$2; shift 2
  local m rules=""
  for m in "$@"; do rules="$rules        $m meta nftrace set 1
"; done
  ip netns exec "$ns" nft -f - <<EOF
table ip $LAB_TRACE_TABLE {
    chain pre {
        type filter hook prerouting priority -350; policy accept;
$rules    }
    chain out {
        type filter hook output priority -350; policy accept;
$rules    }
}
EOF
  lab_bg "$ns" "$out" nft -a monitor trace
  LAB_TRACE_PID=$LAB_BG_PID
  sleep 0.5   # let the monitor subscribe before traffic starts
}

lab_trace_stop() {
  local ns=$1
  sleep 0.3
  lab_stop "$LAB_TRACE_PID"
  ip netns exec "$ns" nft delete table ip "$LAB_TRACE_TABLE" 2>/dev/null || true
}

# lab_trace_select_packets TRACEFILE AWK_COND: print the trace lines belonging to
# packets whose "packet:" line matches AWK_COND (an awk regex-or-expression on
# $0, e.g. '/tcp sport 40000/ && /tcp flags == syn/'). Trace ids are reused
# across hooks and packets, so the decision is taken per "packet:" line and
# applies to the lines of that id that follow it.
lab_trace_select_packets() {
  local file=$1 cond=$2
  awk "
    /^trace id / {
      id = \$3
      if (\$0 ~ / packet: /) { keep[id] = ($cond) ? 1 : 0 }
      if (keep[id]) print
    }" "$file"
}

# lab_trace_map NS SAVEFILE TRACELINES [SKIP_TABLE]: turn selected trace lines
# into "table chain line: rule -> verdict" entries. Each "rule ... # handle N"
# is mapped through `nft -a list table ip T` (handle -> position in chain) to
# the -A line of that chain inside the *T section of SAVEFILE (the
# iptables-save text), reported with its line number in SAVEFILE. Base chain
# entries ("packet:") and policies are reported too. Lines of SKIP_TABLE (the
# trace table itself) are left out.
lab_trace_map() {
  local ns=$1 save=$2 lines=$3 skip=${4:-$LAB_TRACE_TABLE}
  local handles="$LAB_TMP/handles.$$"
  : >"$handles"
  local t
  for t in $(awk '/^\*/{print substr($0,2)}' "$save"); do
    ip netns exec "$ns" nft -a list table ip "$t" 2>/dev/null | awk -v t="$t" '
      /^\tchain / { chain = $2; pos = 0; next }
      /# handle [0-9]+$/ && chain != "" && !/^\t\t(type|policy) / {
        if ($0 ~ /^\t\t/) { pos++; print t, chain, $NF, pos }
      }' >>"$handles"
  done
  awk -v skip="$skip" '
    FNR == NR { pos[$1 " " $2 " " $3] = $4; next }      # handles file
    FILENAME == ARGV[2] {                                 # iptables-save text
      if ($0 ~ /^\*/) { tbl = substr($0, 2); delete n }
      else if ($1 == "-A") { k = tbl " " $2; n[k]++; line[k " " n[k]] = FNR; text[k " " n[k]] = $0 }
      next
    }
    {
      # trace line: trace id ID ip TABLE CHAIN ...
      tbl = $5; ch = $6
      if (tbl == skip) next
      if ($7 == "packet:") {
        rest = $0; sub(/^.* packet: /, "", rest)
        printf "%s %s (base chain entered): %s\n", tbl, ch, rest
      } else if ($7 == "rule") {
        h = $0; sub(/.*# handle /, "", h); sub(/ .*/, "", h)
        v = $0; sub(/.*\(verdict /, "", v); sub(/\)$/, "", v)
        p = pos[tbl " " ch " " h]
        key = tbl " " ch " " p
        if (p == "" || line[key] == "") printf "%s %s ?: handle %s not mapped -> %s\n", tbl, ch, h, v
        else printf "%s %s %d: %s -> %s\n", tbl, ch, line[key], text[key], v
      } else if ($7 == "policy") {
        printf "%s %s (policy) -> %s\n", tbl, ch, $8
      } else if ($7 == "verdict") {
        printf "%s %s (end of chain) -> %s\n", tbl, ch, $8 ($9 != "" ? " " $9 : "")
      }
    }' "$handles" "$save" "$lines"
}
