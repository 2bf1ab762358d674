# shellcheck shell=bash
#
# Hopscope multi-node kernel lab: helpers for a flannel (vxlan) cluster of node namespaces
# on an underlay "switch", built on ../lib.sh (same rules: only registered namespaces are
# deleted, only registered PIDs are killed, traffic only between the lab's namespaces).
#
#   . "$HERE/lib-cluster.sh"      # sources ../lib.sh too
#
# Namespaces are all named hsv-* (lab_ns_add registers them; lab_cleanup deletes them on
# EXIT, also on failure or Ctrl-C). Pods are hsv-<pod>; their containerd names
# (cni-<uuid>) only exist inside the private /run/netns view used for the dumps
# (cl_exec_view), so they never collide with other labs' namespaces.
#
# Functions:
#   cl_underlay_add NS BR GW_CIDR MAC       the underlay segment: a bridge (a switch) with
#                                            the gateway address, no iptables on it
#   cl_node_add NS PORT BR IP/24 MAC        a node: eth0 (a veth whose peer PORT is a port
#                                            of BR in the underlay), default route via .1,
#                                            ip_forward, route_localnet, bridge-nf-call-iptables,
#                                            kube-proxy's conntrack timeouts
#   cl_host_add NS PORT BR IP/24 MAC        a plain machine on the underlay (outside client)
#   cl_exec_view NS "REAL=VIEW ..." CMD...  run CMD in NS with /run/netns showing only the
#                                            netns REAL under the name VIEW (iproute2 then
#                                            prints "link-netns VIEW" by itself)
#   cl_trace_start NS OUT MATCH...          lab_trace_start + probe until the monitor prints
#   cl_trace_stop NS                        stop the monitor of NS, drop the trace table
#   cl_capture_start NS IFACE PCAP FILTER   tcpdump -w (waits until it listens)
#   cl_capture_stop                         stop all captures
#   cl_pcap_text PCAP                       tcpdump -nn -e, VXLAN decoded, one line per frame
#   cl_responder NS PORT NAME LOG           TCP server logging "NAME accepted PEER on LOCAL"
#   cl_hook_path                            filter: selected nft trace lines -> one line per
#                                            hook with interfaces and addresses
#   cl_compact_mapped                       filter: lab_trace_map output with each "base chain
#                                            entered" packet dump shortened to iif/oif/addresses

# shellcheck source=../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

declare -A CL_TRACE_PIDS=()

# --- topology -----------------------------------------------------------------------------

cl_underlay_add() { # NS BR GW_CIDR MAC
  local ns=$1 br=$2 gw=$3 mac=$4
  lab_ns_add "$ns"
  ip -n "$ns" link add "$br" address "$mac" type bridge
  ip -n "$ns" addr add "$gw" dev "$br"
  ip -n "$ns" link set "$br" up
  # a switch, not a router or a firewall: no iptables for frames crossing it
  if ip netns exec "$ns" test -e /proc/sys/net/bridge/bridge-nf-call-iptables; then
    lab_sysctl "$ns" net.bridge.bridge-nf-call-iptables 0
    lab_sysctl "$ns" net.bridge.bridge-nf-call-ip6tables 0
    lab_sysctl "$ns" net.bridge.bridge-nf-call-arptables 0
  fi
}

# The machine's NIC: a veth created in the underlay (port PORT of BR) whose peer is created
# directly in NS as eth0 (ifindex 2, right after lo). Root qdisc fq_codel (pfifo_fast if the
# kernel has no fq_codel), as on a NIC; a veth has none.
cl_nic_add() { # NS PORT BR IP/24 MAC UNDERLAY_NS
  local ns=$1 port=$2 br=$3 cidr=$4 mac=$5 uns=$6
  lab_veth_pair "$uns" "$port" "$ns" eth0 1500 "" "$mac"
  ip -n "$uns" link set "$port" master "$br"
  ip -n "$uns" link set "$port" up
  ip -n "$ns" addr add "$cidr" dev eth0
  ip netns exec "$ns" tc qdisc replace dev eth0 root fq_codel 2>/dev/null ||
    ip netns exec "$ns" tc qdisc replace dev eth0 root pfifo_fast
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add default via "${CL_GATEWAY:-192.168.56.1}" dev eth0
}

cl_host_add() { # NS PORT BR IP/24 MAC  (uses $CL_UNDERLAY)
  lab_ns_add "$1"
  cl_nic_add "$1" "$2" "$3" "$4" "$5" "$CL_UNDERLAY"
}

cl_node_add() { # NS PORT BR IP/24 MAC  (uses $CL_UNDERLAY)
  local ns=$1
  lab_ns_add "$ns"
  cl_nic_add "$ns" "$2" "$3" "$4" "$5" "$CL_UNDERLAY"
  # kubelet / kube-proxy sysctls
  lab_sysctl "$ns" net.ipv4.ip_forward 1
  lab_sysctl "$ns" net.ipv4.conf.all.route_localnet 1
  if ip netns exec "$ns" test -e /proc/sys/net/bridge/bridge-nf-call-iptables; then
    lab_sysctl "$ns" net.bridge.bridge-nf-call-iptables 1
  else
    lab_log "warning: no /proc/sys/net/bridge in $ns (br_netfilter missing)"
  fi
  # kube-proxy 1.29 defaults: conntrack.tcpEstablishedTimeout 24h, tcpCloseWaitTimeout 1h
  # (nf_conntrack_max is global, not settable from a netns: left alone)
  lab_sysctl "$ns" net.netfilter.nf_conntrack_tcp_timeout_established 86400 2>/dev/null ||
    lab_log "warning: could not set nf_conntrack_tcp_timeout_established in $ns"
  lab_sysctl "$ns" net.netfilter.nf_conntrack_tcp_timeout_close_wait 3600 2>/dev/null || true
  if [ -n "${CL_RP_FILTER:-}" ]; then
    lab_sysctl "$ns" net.ipv4.conf.all.rp_filter "$CL_RP_FILTER"
    lab_sysctl "$ns" net.ipv4.conf.default.rp_filter "$CL_RP_FILTER"
    lab_sysctl "$ns" net.ipv4.conf.eth0.rp_filter "$CL_RP_FILTER"
  fi
}

# --- dumps --------------------------------------------------------------------------------

# cl_exec_view NS "REAL=VIEW ..." CMD...: like lib.sh's lab_exec_named_view, but the names in
# the view are chosen: /run/netns (private to this command's mount namespace) holds exactly
# the given netns, REAL bind-mounted as VIEW. The kernel objects are the lab's own; iproute2
# resolves "link-netns" names itself from that directory.
cl_exec_view() {
  local ns=$1 map=$2; shift 2
  local view
  view=$(mktemp -d "$LAB_TMP/netns-view.XXXXXX")
  # shellcheck disable=SC2016
  ip netns exec "$ns" sh -c '
    view=$1; map=$2; shift 2
    for pair in $map; do
      real=${pair%%=*}; name=${pair#*=}
      [ -e "/run/netns/$real" ] || { echo "no netns $real" >&2; exit 1; }
      : >"$view/$name"
      mount --bind "/run/netns/$real" "$view/$name" || exit 1
    done
    mount --rbind "$view" /run/netns || exit 1
    exec "$@"' sh "$view" "$map" "$@"
  local rc=$?
  rm -rf "$view"
  return $rc
}

# --- kernel's record ------------------------------------------------------------------------

# cl_trace_start NS OUT MATCH...: lib.sh's trace table and monitor (lab_trace_start), plus a
# probe rule; a probe datagram (node -> 127.0.0.1:9) is sent until the monitor has printed
# it, so the monitor is certainly subscribed before the test traffic. The probe's conntrack
# entry is flushed by the caller before the traffic.
cl_trace_start() {
  local ns=$1 out=$2; shift 2
  lab_trace_start "$ns" "$out" "$@" "ip daddr 127.0.0.1 udp dport 9"
  CL_TRACE_PIDS[$ns]=$LAB_TRACE_PID
  local i
  for ((i = 0; i < 50; i++)); do
    ip netns exec "$ns" bash -c 'echo probe >/dev/udp/127.0.0.1/9' 2>/dev/null || true
    grep -q ' packet: .* udp dport 9 ' "$out" 2>/dev/null && return 0
    sleep 0.1
  done
  lab_die "nft monitor trace in $ns printed no probe"
}

cl_trace_stop() { # NS
  local ns=$1
  sleep 0.3
  lab_stop "${CL_TRACE_PIDS[$ns]}"
  unset 'CL_TRACE_PIDS[$ns]'
  ip netns exec "$ns" nft delete table ip "$LAB_TRACE_TABLE" 2>/dev/null || true
}

CL_CAPTURE_PIDS=()
cl_capture_start() { # NS IFACE PCAP FILTER
  local ns=$1 ifc=$2 pcap=$3 filter=$4 i
  lab_bg "$ns" "$pcap.log" tcpdump -i "$ifc" -nn -U --immediate-mode -s 256 -w "$pcap" "$filter"
  CL_CAPTURE_PIDS+=("$LAB_BG_PID")
  for ((i = 0; i < 50; i++)); do
    grep -q 'listening on' "$pcap.log" 2>/dev/null && return 0
    sleep 0.1
  done
  lab_die "tcpdump in $ns did not start: $(cat "$pcap.log")"
}

cl_capture_stop() { # stops every capture started by cl_capture_start
  local pid
  sleep 0.2
  for pid in "${CL_CAPTURE_PIDS[@]}"; do lab_stop "$pid"; done
  CL_CAPTURE_PIDS=()
}

# cl_pcap_text PCAP: the capture as `tcpdump -nn -e -ttttt -T vxlan` prints it (relative
# time stamps; UDP 8472 decoded as VXLAN -- tcpdump would otherwise call port 8472 "OTV"),
# one record per line: a VXLAN frame's outer and inner lines are joined with " | ".
cl_pcap_text() {
  tcpdump -r "$1" -nn -e -ttttt -T vxlan 2>/dev/null | awk '
    /^ / { if (rec != "") print rec; rec = substr($0, 2); next }
    { rec = rec " | " $0 }
    END { if (rec != "") print rec }'
}

# cl_responder NS PORT NAME LOG: a TCP server on 0.0.0.0:PORT; per connection it logs
# "NAME accepted PEER_IP:PEER_PORT on LOCAL_IP:LOCAL_PORT" (what the listener saw), answers
# "NAME\n" and closes first (the client never sits in TIME_WAIT and can reuse its port).
cl_responder() {
  local ns=$1 port=$2 name=$3 log=$4 i
  [ -n "$LAB_PYTHON" ] || lab_die "python3 not found (needed by cl_responder)"
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
    l = c.getsockname()
    print("%s accepted %s:%d on %s:%d" % (name, a[0], a[1], l[0], l[1]), flush=True)
    c.sendall((name + "\n").encode())
    c.close()
' "$name" "$port"
  for ((i = 0; i < 50; i++)); do
    grep -q listening "$log" 2>/dev/null && return 0
    sleep 0.1
  done
  lab_die "responder $name in $ns did not start: $(cat "$log")"
}

# cl_hook_path: reads selected `nft monitor trace` lines of ONE packet (lib.sh's
# lab_trace_select_packets output) and prints one line per netfilter hook the packet went
# through (first table seen at that hook; the trace table itself is skipped), as
#   HOOK  iif/oif  SRC:SPORT > DST:DPORT  [tcp flags]
# i.e. the headers as that hook saw them (NAT done at an earlier hook already applied).
cl_hook_path() {
  awk -v skip="$LAB_TRACE_TABLE" '
    / packet: / {
      if ($5 == skip) next
      chain = $6
      hook = tolower(chain)
      key = $3 " " hook
      if (key == last) next
      last = key
      iif = ""; oif = ""; src = ""; dst = ""; sp = ""; dp = ""; proto = ""; fl = ""
      for (i = 7; i <= NF; i++) {
        if ($i == "iif") iif = $(i + 1)
        else if ($i == "oif") oif = $(i + 1)
        else if ($i == "ip" && $(i + 1) == "saddr") src = $(i + 2)
        else if ($i == "ip" && $(i + 1) == "daddr") dst = $(i + 2)
        else if (($i == "tcp" || $i == "udp") && $(i + 1) == "sport") { proto = $i; sp = $(i + 2) }
        else if (($i == "tcp" || $i == "udp") && $(i + 1) == "dport") dp = $(i + 2)
        else if ($i == "tcp" && $(i + 1) == "flags" && $(i + 2) == "==") fl = $(i + 3)
      }
      gsub(/"/, "", iif); gsub(/"/, "", oif)
      ifs = (iif != "" ? "iif " iif : "") (iif != "" && oif != "" ? " " : "") (oif != "" ? "oif " oif : "")
      printf "%-12s %-26s %s %s:%s > %s:%s%s\n", hook, ifs, proto, src, sp, dst, dp, (fl != "" ? "  flags " fl : "")
    }'
}

# cl_compact_mapped: lib.sh's lab_trace_map output, with the long nft packet dump of each
# "TABLE CHAIN (base chain entered): ..." line shortened to
#   "-- TABLE CHAIN: iif X oif Y PROTO SRC:SPORT > DST:DPORT [flags F]"
cl_compact_mapped() {
  awk '
    / \(base chain entered\): / {
      split($0, head, " \\(base chain entered\\): ")
      n = split(head[2], f, " ")
      iif = ""; oif = ""; src = ""; dst = ""; sp = ""; dp = ""; proto = ""; fl = ""
      for (i = 1; i <= n; i++) {
        if (f[i] == "iif") iif = f[i + 1]
        else if (f[i] == "oif") oif = f[i + 1]
        else if (f[i] == "ip" && f[i + 1] == "saddr") src = f[i + 2]
        else if (f[i] == "ip" && f[i + 1] == "daddr") dst = f[i + 2]
        else if ((f[i] == "tcp" || f[i] == "udp") && f[i + 1] == "sport") { proto = f[i]; sp = f[i + 2] }
        else if ((f[i] == "tcp" || f[i] == "udp") && f[i + 1] == "dport") dp = f[i + 2]
        else if (f[i] == "tcp" && f[i + 1] == "flags" && f[i + 2] == "==") fl = f[i + 3]
      }
      gsub(/"/, "", iif); gsub(/"/, "", oif)
      printf "-- %s:%s%s %s %s:%s > %s:%s%s\n", head[1], (iif != "" ? " iif " iif : ""), (oif != "" ? " oif " oif : ""), proto, src, sp, dst, dp, (fl != "" ? " flags " fl : "")
      next
    }
    { print }'
}
