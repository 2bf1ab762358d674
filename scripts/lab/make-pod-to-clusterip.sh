#!/usr/bin/env bash
#
# Rebuild the kernel lab for scenario pod-to-clusterip and rewrite its dump
# files from what the tools print, then ask the kernel what it does with the
# scenario packet. Idempotent; every netns and process it makes is removed on
# exit, also on failure or Ctrl-C.
#
#   sudo scripts/lab/make-pod-to-clusterip.sh [N_CONNECTIONS]   (default 40)
#
# Lab = one node of a 3-node flannel (vxlan) cluster, kube-proxy 1.29 in
# iptables mode (see pod-to-clusterip.rules):
#   hs-node-1    node-1's root netns: eth0 192.168.56.11/24, flannel.1, cni0
#                10.244.1.1/24, ip_forward=1, bridge-nf-call-iptables=1
#   hs-underlay  the 192.168.56.0/24 segment: gateway .1, node-0 .10, node-2 .12
#   cni-<uuid>   pod netns named as containerd names them (/run/netns/cni-...):
#                client 10.244.1.2 (default/client), web-1 10.244.1.5 and
#                web-2 10.244.1.6 (default/web, TCP 8080)
#
# Writes:
#   scenarios/pod-to-clusterip/node-1/{iptables-save,ip-addr,ip-route}.txt
#   scenarios/pod-to-clusterip/{client,web-1,web-2}/{ip-addr,ip-route}.txt
#   scripts/lab/pod-to-clusterip.kernel.md
#
# What is (and is not) post-processed -- everything else is the tools' output:
#   * netns names: nothing is rewritten. Dumps run with a /run/netns view that
#     only holds the cni-* names (lab_exec_named_view), so iproute2 itself
#     prints "link-netns cni-..." for pod peers (as on a containerd node) and
#     "link-netnsid N" for the unnamed host netns seen from a pod.
#   * node-1 eth0 (underlay only): in the lab it is a veth to hs-underlay; on a
#     real node it is a NIC. In node-1/ip-addr.txt the eth0 stanza loses the
#     "@ifN" peer suffix, the " link-netnsid N" of its link line and the "veth"
#     kind word of its -d line (see scrub_underlay_eth0). Its MAC is set to a
#     VirtualBox-style 08:00:27:.. (192.168.56.0/24 is VirtualBox's host-only
#     net) and its root qdisc to fq_codel (pfifo_fast if the kernel lacks
#     fq_codel), both real settings, not edits.
#   * iptables-save output: not touched (header and all).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

N_CONN=${1:-40}
OUT="$REPO/scenarios/pod-to-clusterip"
RULES="$HERE/pod-to-clusterip.rules"
KERNEL_MD="$HERE/pod-to-clusterip.kernel.md"

NODE=hs-node-1
UNDERLAY=hs-underlay
declare -A POD_NS=(
  [client]=cni-3f1c2a9e-6b7d-4e85-a1f0-9c2d4b6e8a71
  [web-1]=cni-8a4e7d21-0c5b-4f39-b6e2-1d7a9f3c5e04
  [web-2]=cni-c51b9f36-2e8a-4d17-9b4c-6f0e3a8d2b95
)
declare -A POD_IP=([client]=10.244.1.2 [web-1]=10.244.1.5 [web-2]=10.244.1.6)
declare -A POD_HOSTIF=([client]=veth3a9f1c2e [web-1]=veth7d04b6a1 [web-2]=vethe25c8f93)
declare -A POD_HOSTMAC=([client]=5e:c8:2b:91:0e:47 [web-1]=b6:1d:74:e9:25:c3 [web-2]=ce:93:08:b2:6d:71)
declare -A POD_MAC=([client]=2a:6f:d0:13:b8:59 [web-1]=8e:04:5a:c7:f1:2d [web-2]=12:e7:9c:40:5b:a8)
PODS=(client web-1 web-2)

CLIENT_SPORT=40000
SVC_IP=10.96.0.100
SVC_PORT=80
EP_PORT=8080

lab_init pod-to-clusterip

build_lab() {
  lab_log "building namespaces"
  lab_ns_add "$NODE"
  lab_ns_add "$UNDERLAY"

  # eth0 <-> underlay (node-1's NIC on 192.168.56.0/24). ifindex 2 in the node.
  lab_veth_pair "$UNDERLAY" underlay0 "$NODE" eth0 1500 0a:00:27:00:00:00 08:00:27:5e:a1:3c
  ip -n "$UNDERLAY" addr add 192.168.56.1/24 dev underlay0
  ip -n "$UNDERLAY" addr add 192.168.56.10/24 dev underlay0   # node-0
  ip -n "$UNDERLAY" addr add 192.168.56.12/24 dev underlay0   # node-2
  ip -n "$UNDERLAY" link set underlay0 up
  ip -n "$NODE" addr add 192.168.56.11/24 dev eth0
  # a NIC's root qdisc (fq_codel where the kernel has it, else pfifo_fast); a veth has none
  ip netns exec "$NODE" tc qdisc replace dev eth0 root fq_codel 2>/dev/null ||
    ip netns exec "$NODE" tc qdisc replace dev eth0 root pfifo_fast
  ip -n "$NODE" link set eth0 up
  ip -n "$NODE" route add default via 192.168.56.1 dev eth0

  # flanneld (vxlan backend): flannel.1 first (flanneld starts before any pod).
  lab_vxlan_add "$NODE" flannel.1 1 192.168.56.11 eth0 8472 1450 6e:3a:1f:c4:92:07 10.244.1.0/32
  lab_vxlan_peer "$NODE" flannel.1 a2:7f:3b:e0:14:9d 192.168.56.10 10.244.0.0 10.244.0.0/24
  lab_vxlan_peer "$NODE" flannel.1 f6:0c:85:2d:a7:31 192.168.56.12 10.244.2.0 10.244.2.0/24

  # kubelet / kube-proxy sysctls
  lab_sysctl "$NODE" net.ipv4.ip_forward 1
  lab_sysctl "$NODE" net.ipv4.conf.all.route_localnet 1
  if ip netns exec "$NODE" test -e /proc/sys/net/bridge/bridge-nf-call-iptables; then
    lab_sysctl "$NODE" net.bridge.bridge-nf-call-iptables 1
  else
    lab_log "warning: no /proc/sys/net/bridge in $NODE (br_netfilter missing)"
  fi

  # CNI bridge plugin: cni0 on first pod, then one veth per pod.
  lab_bridge_add "$NODE" cni0 10.244.1.1/24 1450 9a:52:e3:41:7c:0d
  local p
  for p in "${PODS[@]}"; do
    lab_pod_add "$NODE" cni0 "${POD_NS[$p]}" "${POD_HOSTIF[$p]}" "${POD_IP[$p]}/24" \
      10.244.1.1 1450 "${POD_HOSTMAC[$p]}" "${POD_MAC[$p]}" 10.244.0.0/16
  done

  lab_log "loading $RULES"
  ip netns exec "$NODE" iptables-restore <"$RULES"

  lab_wait_dad "$NODE" "${POD_NS[@]}"
}

# Underlay-only scrub of the eth0 stanza of `ip -d addr` (see header): drop
# the "@ifN" peer suffix and " link-netnsid N", and fold the veth kind line
# ("    veth numtxqueues ...") into the link line, which is where iproute2 prints
# those attributes for a device without a kind (compare lo).
scrub_underlay_eth0() {
  awk '
    /^[0-9]+: / { in_eth0 = ($2 ~ /^eth0(@|:)/) }
    in_eth0 && /^[0-9]+: / { sub(/ eth0@[^:]*:/, " eth0:") }
    in_eth0 && /^    link\/ether / { sub(/ link-netnsid [0-9]+/, ""); held = $0; next }
    held != "" {
      if ($0 ~ /^    veth /) { line = $0; sub(/^    veth /, "", line); print held line; held = ""; next }
      print held; held = ""
    }
    { print }
    END { if (held != "") print held }'
}

take_dumps() {
  lab_log "taking dumps"
  STAGE="$LAB_TMP/out"
  mkdir -p "$STAGE/node-1"
  ip netns exec "$NODE" iptables-save >"$STAGE/node-1/iptables-save.txt"
  lab_exec_named_view "$NODE" 'cni-*' ip -d addr | scrub_underlay_eth0 >"$STAGE/node-1/ip-addr.txt"
  ip netns exec "$NODE" ip route >"$STAGE/node-1/ip-route.txt"
  local p
  for p in "${PODS[@]}"; do
    mkdir -p "$STAGE/$p"
    lab_exec_named_view "${POD_NS[$p]}" 'cni-*' ip -d addr >"$STAGE/$p/ip-addr.txt"
    ip netns exec "${POD_NS[$p]}" ip route >"$STAGE/$p/ip-route.txt"
  done
  # the lab must not show up in what a user would paste
  if grep -nE '^[0-9]+: eth0@|link-netnsid' "$STAGE/node-1/ip-addr.txt"; then lab_die "underlay details left in node-1/ip-addr.txt"; fi
  if grep -l 'hs-\|underlay' "$STAGE"/*/*.txt; then lab_die "lab names leaked into dumps"; fi
}

start_responders() {
  local p
  for p in web-1 web-2; do
    lab_tcp_responder "${POD_NS[$p]}" "$EP_PORT" "$p" "$LAB_TMP/$p.log"
  done
}

which_pod() { # ip -> pod name
  local p
  for p in "${PODS[@]}"; do [ "${POD_IP[$p]}" = "$1" ] && { echo "$p"; return; }; done
  echo "?"
}

# One traced connection, written to $LAB_TMP/t<attempt>/. Its conntrack entry is
# deleted first so that the SYN is the first packet of a new flow (the
# distribution runs below exercise the TIME_WAIT re-open path instead).
traced_connection() { # attempt -> sets T_DIR, T_REPLY
  local n=$1 c=${POD_IP[client]}
  T_DIR="$LAB_TMP/t$n"
  mkdir -p "$T_DIR"
  ip netns exec "$NODE" conntrack -D -p tcp --orig-src "$c" --orig-port-src "$CLIENT_SPORT" >/dev/null 2>&1 || true
  lab_bg "$NODE" "$T_DIR/ct-events.txt" conntrack -E -p tcp --orig-src "$c" --orig-port-src "$CLIENT_SPORT"
  local ct_pid=$LAB_BG_PID
  lab_trace_start "$NODE" "$T_DIR/trace.txt" \
    "ip saddr $c tcp sport $CLIENT_SPORT" "ip daddr $c tcp dport $CLIENT_SPORT"
  T_REPLY=$(lab_tcp_connect "${POD_NS[client]}" "$CLIENT_SPORT" "$SVC_IP" "$SVC_PORT" || true)
  ip netns exec "$NODE" conntrack -L -p tcp --orig-src "$c" --orig-port-src "$CLIENT_SPORT" \
    2>/dev/null >"$T_DIR/ct-list.txt" || true
  lab_trace_stop "$NODE"
  lab_stop "$ct_pid"
  [ -n "$T_REPLY" ] || lab_die "traced connection $n got no reply"
  echo "$T_REPLY" >"$T_DIR/reply.txt"
  grep accepted "$LAB_TMP/$T_REPLY.log" | tail -n 1 >"$T_DIR/accepted.txt"

  lab_trace_select_packets "$T_DIR/trace.txt" \
    "/ tcp sport $CLIENT_SPORT / && / tcp flags == syn /" >"$T_DIR/trace-syn.txt"
  lab_trace_select_packets "$T_DIR/trace.txt" \
    "/ tcp dport $CLIENT_SPORT / && / tcp flags == (0x12|\\(syn \\| ack\\)) /" >"$T_DIR/trace-synack.txt"
  lab_trace_map "$NODE" "$STAGE/node-1/iptables-save.txt" "$T_DIR/trace-syn.txt" >"$T_DIR/syn-mapped.txt"
  lab_trace_map "$NODE" "$STAGE/node-1/iptables-save.txt" "$T_DIR/trace-synack.txt" >"$T_DIR/synack-mapped.txt"
  [ -s "$T_DIR/syn-mapped.txt" ] || lab_die "empty trace for the SYN: $(head -50 "$T_DIR/trace.txt")"
  if grep -q 'not mapped' "$T_DIR"/*-mapped.txt; then lab_die "unmapped trace rule in $T_DIR"; fi
  grep -q ' -j DNAT .* -> accept$' "$T_DIR/syn-mapped.txt" || lab_die "no DNAT in the SYN trace: $(cat "$T_DIR/syn-mapped.txt")"
}

# Trace connections until the SYN has been seen going to each endpoint (the
# statistic match picks one at random), at most 16 tries.
trace_scenario_packet() {
  lab_log "tracing ${POD_IP[client]}:$CLIENT_SPORT -> $SVC_IP:$SVC_PORT until both endpoints are seen"
  TRACED=()   # dirs, first one per endpoint, in the order seen
  TRACE_TRIES=0
  local n seen=" "
  for ((n = 1; n <= 16; n++)); do
    traced_connection "$n"
    TRACE_TRIES=$n
    case "$seen" in *" $T_REPLY "*) ;; *) seen="$seen$T_REPLY "; TRACED+=("$T_DIR") ;; esac
    [ "${#TRACED[@]}" -ge 2 ] && break
  done
  [ "${#TRACED[@]}" -ge 2 ] || lab_log "warning: only one endpoint seen in $TRACE_TRIES traced connections"
}

distribution() {
  lab_log "$N_CONN connections from ${POD_IP[client]}:$CLIENT_SPORT"
  DIST_1=0 DIST_2=0 DIST_OTHER=0
  local i r
  for ((i = 1; i <= N_CONN; i++)); do
    r=$(lab_tcp_connect "${POD_NS[client]}" "$CLIENT_SPORT" "$SVC_IP" "$SVC_PORT" || true)
    case "$r" in
      web-1) DIST_1=$((DIST_1 + 1)) ;;
      web-2) DIST_2=$((DIST_2 + 1)) ;;
      *) DIST_OTHER=$((DIST_OTHER + 1)) ;;
    esac
  done
  ip netns exec "$NODE" conntrack -L -p tcp --orig-src "${POD_IP[client]}" --orig-port-src "$CLIENT_SPORT" \
    2>/dev/null >"$LAB_TMP/ct-after-dist.txt" || true
}

# field N (1-based) among the key=value tokens named KEY of a conntrack line
ct_field() { # file key n
  awk -v k="$2=" -v want="$3" '{ n = 0; for (i = 1; i <= NF; i++) if (index($i, k) == 1 && ++n == want) { print substr($i, length(k) + 1); exit } }' "$1"
}

write_traced() { # dir index
  local d=$1 i=$2 ep_ip ep_port pod
  ep_ip=$(ct_field "$d/ct-list.txt" src 2)
  ep_port=$(ct_field "$d/ct-list.txt" sport 2)
  pod=$(which_pod "$ep_ip")
  echo "## SYN traced to $pod ($ep_ip:$ep_port)"
  echo
  echo "Traced connection ${d##*/t} of $TRACE_TRIES. Matched base chains and rules in node-1, in order:"
  echo
  echo '```'
  cat "$d/syn-mapped.txt"
  echo '```'
  echo
  echo "Final destination: the SYN left node-1 on cni0 as \`${POD_IP[client]}:$CLIENT_SPORT -> $ep_ip:$ep_port\`"
  echo "(DNAT only, no SNAT); $pod answered \`$(cat "$d/reply.txt")\` and logged \`$(cat "$d/accepted.txt")\`."
  echo
  echo "conntrack events in node-1 (\`conntrack -E\`) during the connection:"
  echo
  echo '```'
  cat "$d/ct-events.txt"
  echo '```'
  echo
  echo "\`conntrack -L\` in node-1 right after it:"
  echo
  echo '```'
  cat "$d/ct-list.txt"
  echo '```'
  echo
  echo "Reply (SYN-ACK from $pod) in node-1, for reference: bridged pod-to-pod on cni0, yet it runs the"
  echo "ip hooks because bridge-nf-call-iptables=1; conntrack un-DNATs its source at POSTROUTING; nat"
  echo "chains are not traversed (not the first packet of the connection):"
  echo
  echo '```'
  cat "$d/synack-mapped.txt"
  echo '```'
  echo
  echo "<details><summary>Raw <code>nft -a monitor trace</code> lines of the SYN</summary>"
  echo
  echo '```'
  cat "$d/trace-syn.txt"
  echo '```'
  echo
  echo "</details>"
  echo
}

write_kernel_md() {
  {
    echo "# pod-to-clusterip: what the kernel did"
    echo
    echo "Generated by \`scripts/lab/make-pod-to-clusterip.sh\` on $(date -u '+%Y-%m-%d %H:%M:%S UTC'); do not edit by hand."
    echo "Kernel $(uname -r), $(ip netns exec "$NODE" iptables --version), $(nft --version | head -1), $(conntrack --version 2>&1 | head -1)."
    echo "Rules loaded into node-1: \`scripts/lab/pod-to-clusterip.rules\`. Line numbers are lines of"
    echo "\`scenarios/pod-to-clusterip/node-1/iptables-save.txt\` (the text \`iptables-save\` printed after loading),"
    echo "found from each traced rule's nft handle via \`nft -a list table ip <table>\` (handle -> position in chain)."
    echo
    echo "## Packet"
    echo
    echo "From pod default/client (eth0 ${POD_IP[client]}, netns ${POD_NS[client]}), TCP"
    echo "\`${POD_IP[client]}:$CLIENT_SPORT -> $SVC_IP:$SVC_PORT\` (\`nc -n -w 1 -p $CLIENT_SPORT $SVC_IP $SVC_PORT\`, SYN first);"
    echo "web-1 (${POD_IP[web-1]}) and web-2 (${POD_IP[web-2]}) listen on TCP $EP_PORT and answer with their name."
    echo "Traced in node-1 with \`nft -a monitor trace\` and a separate table \`ip $LAB_TRACE_TABLE\` (priority -350 on"
    echo "prerouting and output, \`meta nftrace set 1\` for the flow in both directions), whose own lines are left out."
    echo "Before each traced connection the flow's conntrack entry is deleted, so the SYN starts a new flow."
    echo "Connections were traced until the SYN had been seen going to each endpoint."
    echo
    echo "Format of the lists: \`table chain line: rule -> verdict\`. Only rules that matched appear: a rule that"
    echo "was evaluated without matching (e.g. the statistic rule when the other endpoint is chosen) leaves no"
    echo "line, and a user chain left by falling off its end (KUBE-PROXY-FIREWALL, KUBE-FORWARD, ...) prints no"
    echo "return line: the next rule of the calling chain is the only sign. \"base chain entered\" lines show the"
    echo "packet as that hook saw it, in nft's notation; \"(policy)\" is the base chain's policy verdict."
    echo
    local i=0 d
    for d in "${TRACED[@]}"; do
      i=$((i + 1))
      write_traced "$d" "$i"
    done
    echo "## Endpoint distribution"
    echo
    echo "$N_CONN further connections, each again \`${POD_IP[client]}:$CLIENT_SPORT -> $SVC_IP:$SVC_PORT\`, back to back and"
    echo "without deleting conntrack entries (each SYN re-opens the previous flow's TIME_WAIT entry, which conntrack"
    echo "replaces with a new one, so the nat rules and the statistic match run again every time):"
    echo
    echo "| endpoint | connections |"
    echo "| --- | --- |"
    echo "| web-1 10.244.1.5:8080 | $DIST_1 |"
    echo "| web-2 10.244.1.6:8080 | $DIST_2 |"
    echo "| no reply | $DIST_OTHER |"
    echo
    echo "\`conntrack -L\` in node-1 after the last one:"
    echo
    echo '```'
    cat "$LAB_TMP/ct-after-dist.txt"
    echo '```'
  } >"$STAGE/kernel.md"
}

# Only a complete run replaces the committed files.
publish() {
  local p f
  for p in node-1 "${PODS[@]}"; do
    mkdir -p "$OUT/$p"
    for f in "$STAGE/$p"/*.txt; do cp "$f" "$OUT/$p/"; done
  done
  cp "$STAGE/kernel.md" "$KERNEL_MD"
  lab_log "wrote $OUT/{node-1,client,web-1,web-2}/*.txt and $KERNEL_MD"
}

build_lab
take_dumps
start_responders
trace_scenario_packet
distribution
write_kernel_md
publish
lab_log "done: traced ${#TRACED[@]} endpoint(s) in $TRACE_TRIES connection(s); web-1=$DIST_1 web-2=$DIST_2 none=$DIST_OTHER of $N_CONN"
