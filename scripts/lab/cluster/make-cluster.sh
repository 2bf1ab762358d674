#!/usr/bin/env bash
#
# Builds the multi-node kernel lab -- a three-node flannel (vxlan) cluster on an underlay
# switch, kube-proxy 1.29 (iptables mode) on every node -- writes the real dumps of the
# cross-node scenarios, sends each scenario's packet and records what the kernel did
# (nft monitor trace on every node involved, tcpdump on the underlay, conntrack, what the
# listener saw). Idempotent; every netns and process it makes is removed on exit, also on
# failure or Ctrl-C. See README.md next to this script.
#
#   sudo scripts/lab/cluster/make-cluster.sh
#
# Environment:
#   CL_OUT=DIR        write the scenario folders under DIR instead of scenarios/ (e.g. a
#                     temp dir, to compare two runs or try a variant)
#   CL_RP_FILTER=N    set net.ipv4.conf.{all,default,eth0}.rp_filter=N on every node
#                     (default: left as the netns inherits it from the host)
#   CL_MAX_TRIES=N    traced connections per Service scenario until both endpoints were
#                     hit (default 16)
#   LAB_KEEP_TMP=DIR  keep all raw files (traces, pcaps, logs) in DIR
#
# Writes (dumps only; scenario.yaml and expected.txt are the lead's and are left alone):
#   scenarios/pod-to-pod-vxlan/      node-1 node-2 client api-1                  + kernel.md
#   scenarios/clusterip-cross-node/  node-1 node-2 client api-1 api-2            + kernel.md
#   scenarios/nodeport-cluster/      outside-client node-1 node-2 api-1 api-2    + kernel.md
#   scenarios/nodeport-local/        outside-client node-1 node-2 api-1 api-2    + kernel.md
# node dirs: iptables-save.txt ip-addr.txt (ip -d addr) ip-route.txt ip-neigh.txt
#            bridge-fdb.txt conntrack.txt (conntrack -L after the scenario's connection)
# pod / outside-client dirs: ip-addr.txt ip-route.txt
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
# shellcheck source=lib-cluster.sh
. "$HERE/lib-cluster.sh"

OUT_ROOT=${CL_OUT:-$REPO/scenarios}
MAX_TRIES=${CL_MAX_TRIES:-16}

# --- the cluster ----------------------------------------------------------------------------

CL_UNDERLAY=hsv-underlay
SWITCH=br0
CL_GATEWAY=192.168.56.1

NODES=(node-0 node-1 node-2)
declare -A NODE_NS=([node-0]=hsv-node-0 [node-1]=hsv-node-1 [node-2]=hsv-node-2)
declare -A NODE_IDX=([node-0]=0 [node-1]=1 [node-2]=2)
declare -A NODE_IP=([node-0]=192.168.56.10 [node-1]=192.168.56.11 [node-2]=192.168.56.12)
# eth0 (VirtualBox-style, 192.168.56.0/24 is VirtualBox's host-only net), flannel.1, cni0
declare -A NODE_MAC=([node-0]=08:00:27:b1:7e:52 [node-1]=08:00:27:5e:a1:3c [node-2]=08:00:27:c4:3d:9a)
declare -A VTEP_MAC=([node-0]=a2:7f:3b:e0:14:9d [node-1]=6e:3a:1f:c4:92:07 [node-2]=f6:0c:85:2d:a7:31)
declare -A CNI_MAC=([node-0]=d6:2b:90:5e:11:c8 [node-1]=9a:52:e3:41:7c:0d [node-2]=3e:a4:71:0b:d9:56)
declare -A NODE_PORT=([node-0]=sw-node-0 [node-1]=sw-node-1 [node-2]=sw-node-2)   # switch ports

OUTSIDE=outside-client
OUTSIDE_NS=hsv-outside
OUTSIDE_IP=192.168.56.100
OUTSIDE_MAC=08:00:27:e8:19:6f

# pods, in creation order per node (node-1's are those of scenarios/pod-to-clusterip)
PODS=(coredns-1 coredns-2 client web-1 web-2 api-1 api-2)
declare -A POD_NODE=([coredns-1]=node-0 [coredns-2]=node-0 [client]=node-1 [web-1]=node-1
  [web-2]=node-1 [api-1]=node-2 [api-2]=node-2)
declare -A POD_IP=([coredns-1]=10.244.0.2 [coredns-2]=10.244.0.3 [client]=10.244.1.2
  [web-1]=10.244.1.5 [web-2]=10.244.1.6 [api-1]=10.244.2.7 [api-2]=10.244.2.8)
# containerd's netns name of each pod (only visible in the dumps' /run/netns view)
declare -A POD_UUID=(
  [coredns-1]=cni-2b9c4e71-58d0-4f3a-a6e2-0c7d19b5f843
  [coredns-2]=cni-a0f61d93-7c25-4e8b-91d4-e5b28c3f6a17
  [client]=cni-3f1c2a9e-6b7d-4e85-a1f0-9c2d4b6e8a71
  [web-1]=cni-8a4e7d21-0c5b-4f39-b6e2-1d7a9f3c5e04
  [web-2]=cni-c51b9f36-2e8a-4d17-9b4c-6f0e3a8d2b95
  [api-1]=cni-5d2e8f14-93a7-4c6b-b0e1-7f4a2c9d8e35
  [api-2]=cni-e7b3a052-1f6d-4a89-9c24-3b8d6e0f71a4
)
declare -A POD_HOSTIF=([coredns-1]=veth91d3a7e4 [coredns-2]=vethc27f05b8 [client]=veth3a9f1c2e
  [web-1]=veth7d04b6a1 [web-2]=vethe25c8f93 [api-1]=veth4c8e21b7 [api-2]=vethb913f6a0)
declare -A POD_HOSTMAC=([coredns-1]=52:6e:0a:f3:88:21 [coredns-2]=e2:17:9b:4d:60:ae
  [client]=5e:c8:2b:91:0e:47 [web-1]=b6:1d:74:e9:25:c3 [web-2]=ce:93:08:b2:6d:71
  [api-1]=7a:91:3e:c2:05:d4 [api-2]=86:2d:c5:74:e0:19)
declare -A POD_MAC=([coredns-1]=6a:d4:2f:85:b0:3c [coredns-2]=9e:83:c1:2a:f7:05
  [client]=2a:6f:d0:13:b8:59 [web-1]=8e:04:5a:c7:f1:2d [web-2]=12:e7:9c:40:5b:a8
  [api-1]=ae:35:60:9b:17:e2 [api-2]=4e:c0:d7:28:93:b1)

pod_ns() { printf 'hsv-%s' "$1"; }

CLIENT_SPORT=40000
API_PORT=8080
VXLAN_PORT=8472

lab_init cluster

"$HERE/gen-rules.sh" --check || lab_die "node rules out of date: run scripts/lab/cluster/gen-rules.sh"

build_lab() {
  local n m p
  lab_log "building the underlay, 3 nodes, 7 pods, the outside client"
  cl_underlay_add "$CL_UNDERLAY" "$SWITCH" "$CL_GATEWAY/24" 0a:00:27:00:00:00
  for n in "${NODES[@]}"; do
    cl_node_add "${NODE_NS[$n]}" "${NODE_PORT[$n]}" "$SWITCH" "${NODE_IP[$n]}/24" "${NODE_MAC[$n]}"
    # flanneld (vxlan backend): flannel.1 first (flanneld starts before any pod) ...
    lab_vxlan_add "${NODE_NS[$n]}" flannel.1 1 "${NODE_IP[$n]}" eth0 $VXLAN_PORT 1450 \
      "${VTEP_MAC[$n]}" "10.244.${NODE_IDX[$n]}.0/32"
  done
  for n in "${NODES[@]}"; do
    # ... then, per other node's lease: neigh (permanent), fdb (dst = node IP), onlink route
    for m in "${NODES[@]}"; do
      [ "$m" = "$n" ] && continue
      lab_vxlan_peer "${NODE_NS[$n]}" flannel.1 "${VTEP_MAC[$m]}" "${NODE_IP[$m]}" \
        "10.244.${NODE_IDX[$m]}.0" "10.244.${NODE_IDX[$m]}.0/24"
    done
  done
  # CNI bridge plugin: cni0 on the node's first pod, then one veth per pod
  for n in "${NODES[@]}"; do
    lab_bridge_add "${NODE_NS[$n]}" cni0 "10.244.${NODE_IDX[$n]}.1/24" 1450 "${CNI_MAC[$n]}"
  done
  for p in "${PODS[@]}"; do
    n=${POD_NODE[$p]}
    lab_pod_add "${NODE_NS[$n]}" cni0 "$(pod_ns "$p")" "${POD_HOSTIF[$p]}" "${POD_IP[$p]}/24" \
      "10.244.${NODE_IDX[$n]}.1" 1450 "${POD_HOSTMAC[$p]}" "${POD_MAC[$p]}" 10.244.0.0/16
  done
  cl_host_add "$OUTSIDE_NS" sw-outside "$SWITCH" "$OUTSIDE_IP/24" "$OUTSIDE_MAC"

  for n in "${NODES[@]}"; do
    lab_log "loading node-${NODE_IDX[$n]}.rules into $n"
    ip netns exec "${NODE_NS[$n]}" iptables-restore <"$HERE/$n.rules"
  done
  local all=("$CL_UNDERLAY" "$OUTSIDE_NS")
  for n in "${NODES[@]}"; do all+=("${NODE_NS[$n]}"); done
  for p in "${PODS[@]}"; do all+=("$(pod_ns "$p")"); done
  lab_wait_dad "${all[@]}"
}

# As on a running cluster: the nodes have talked to each other over the underlay (kubelet,
# apiserver, flanneld) and to their own pods (kubelet probes), so the dumps show resolved
# neighbours, as they would on a real node. One TCP connect to the closed port 9 makes the
# kernel resolve the neighbour (no ping needed) and costs exactly one SYN and one RST (a UDP
# probe would draw ICMP port-unreachables, whose rate limit makes the iptables-save counters
# differ from run to run); the conntrack entries it leaves are flushed before every scenario
# connection.
resolve() { # NS IP
  local i
  ip netns exec "$1" timeout 2 bash -c "exec 3<>/dev/tcp/$2/9" 2>/dev/null || true
  # an entry created STALE by the peer's own ARP request goes through DELAY (5 s) before it is
  # probed and becomes REACHABLE: wait up to 10 s
  for ((i = 0; i < 100; i++)); do
    case "$(ip -n "$1" neigh show to "$2")" in *REACHABLE*) return 0 ;; esac
    sleep 0.1
  done
  lab_die "$1 could not resolve $2: $(ip -n "$1" neigh show to "$2")"
}

warm_up() {
  local n m p
  for n in "${NODES[@]}"; do
    for m in "${NODES[@]}"; do
      [ "$m" = "$n" ] || resolve "${NODE_NS[$n]}" "${NODE_IP[$m]}"
    done
  done
  for p in "${PODS[@]}"; do
    resolve "${NODE_NS[${POD_NODE[$p]}]}" "${POD_IP[$p]}"
  done
  # all still REACHABLE right before the dumps (re-confirmed if one aged meanwhile)
  for n in "${NODES[@]}"; do
    for m in "${NODES[@]}"; do
      [ "$m" = "$n" ] || resolve "${NODE_NS[$n]}" "${NODE_IP[$m]}"
    done
  done
}

# Interfaces that come up send their unsolicited IGMP/MLD membership reports (two each, up to
# ~1 s apart); on a node, cni0's reports may or may not pass through the IPv4 hooks depending on
# which bridge ports exist at that moment, a race that made the iptables-save policy counters
# differ from run to run by one packet. Let those settle, then zero the counters: from here on
# they count the (deterministic) warm-up traffic only.
settle_counters() {
  local n
  sleep 3
  local t
  for n in "${NODES[@]}"; do
    for t in mangle filter nat; do ip netns exec "${NODE_NS[$n]}" iptables -t "$t" -Z; done
  done
}

node_view_map() { # node -> "hsv-pod=cni-... ..." for the pods of that node
  local p map=""
  for p in "${PODS[@]}"; do
    [ "${POD_NODE[$p]}" = "$1" ] && map="$map $(pod_ns "$p")=${POD_UUID[$p]}"
  done
  printf '%s' "${map# }"
}

take_dumps() {
  lab_log "taking dumps"
  STAGE="$LAB_TMP/dumps"
  local n ns p d
  for n in "${NODES[@]}"; do
    ns=${NODE_NS[$n]} d="$STAGE/$n"
    mkdir -p "$d"
    ip netns exec "$ns" iptables-save >"$d/iptables-save.txt"
    cl_exec_view "$ns" "$(node_view_map "$n")" ip -d addr | lab_scrub_nic eth0 >"$d/ip-addr.txt"
    ip netns exec "$ns" ip route >"$d/ip-route.txt"
    ip netns exec "$ns" ip neigh >"$d/ip-neigh.txt"
    ip netns exec "$ns" bridge fdb show >"$d/bridge-fdb.txt"
  done
  for p in "${PODS[@]}"; do
    d="$STAGE/$p"
    mkdir -p "$d"
    cl_exec_view "$(pod_ns "$p")" "" ip -d addr >"$d/ip-addr.txt"
    ip netns exec "$(pod_ns "$p")" ip route >"$d/ip-route.txt"
  done
  d="$STAGE/$OUTSIDE"
  mkdir -p "$d"
  cl_exec_view "$OUTSIDE_NS" "" ip -d addr | lab_scrub_nic eth0 >"$d/ip-addr.txt"
  ip netns exec "$OUTSIDE_NS" ip route >"$d/ip-route.txt"
  # the lab must not show up in what a user would paste
  if grep -nE '^[0-9]+: eth0@|link-netnsid' "$STAGE"/node-*/ip-addr.txt "$STAGE/$OUTSIDE/ip-addr.txt"; then
    lab_die "underlay details left in a machine's ip-addr.txt"
  fi
  if grep -rlE 'hsv-|underlay|sw-node|sw-outside' "$STAGE"; then lab_die "lab names leaked into dumps"; fi
  # pods show their host end as link-netnsid 0, nodes their pods' veths as link-netns cni-...
  for p in "${PODS[@]}"; do
    grep -q "link-netns ${POD_UUID[$p]}" "$STAGE/${POD_NODE[$p]}/ip-addr.txt" ||
      lab_die "${POD_NODE[$p]}/ip-addr.txt does not name $p's netns"
  done
}

start_responders() {
  local p
  for p in api-1 api-2; do
    cl_responder "$(pod_ns "$p")" "$API_PORT" "$p" "$LAB_TMP/$p.log"
  done
}

which_pod() { # ip -> pod name
  local p
  for p in "${PODS[@]}"; do [ "${POD_IP[$p]}" = "$1" ] && { echo "$p"; return; }; done
  echo "?"
}

# --- one traced connection --------------------------------------------------------------------
#
# attempt DIR CLIENT_NS DST DPORT EXPECT NODE:MATCH;MATCH... ...
#   EXPECT reply|drop. For each NODE: nft trace of the given flow matches plus the outer
#   VXLAN packets that carry a TCP SYN or SYN-ACK (raw payload match: inner TCP flags byte
#   at UDP header + 8 VXLAN + 14 Ethernet + 20 IP + 13 = byte 63 = bit 504), conntrack -E,
#   and conntrack -L right after. Conntrack is flushed on every node first, so the SYN starts
#   a new flow everywhere and conntrack.txt holds only this connection. tcpdump on the
#   underlay switch. Sets A_REPLY, A_ACCEPTED.
attempt() {
  local d=$1 cns=$2 dst=$3 dport=$4 expect=$5
  shift 5
  local spec node ns matches m n
  local -a tnodes=()
  mkdir -p "$d"
  for spec in "$@"; do
    node=${spec%%:*}
    matches=${spec#*:}
    tnodes+=("$node")
    local -a ms=()
    IFS=';' read -r -a ms <<<"$matches"
    cl_trace_start "${NODE_NS[$node]}" "$d/$node.trace" "${ms[@]}" \
      "udp dport $VXLAN_PORT @th,504,8 0x02" "udp dport $VXLAN_PORT @th,504,8 0x12"
  done
  echo "${tnodes[*]}" >"$d/nodes"
  # tcpdump on the underlay switch, and at both ends: the client's eth0 and each api pod's eth0
  cl_capture_start "$CL_UNDERLAY" "$SWITCH" "$d/underlay.pcap" ip
  cl_capture_start "$cns" eth0 "$d/client.pcap" tcp
  cl_capture_start "$(pod_ns api-1)" eth0 "$d/api-1.pcap" tcp
  cl_capture_start "$(pod_ns api-2)" eth0 "$d/api-2.pcap" tcp
  for n in "${NODES[@]}"; do ip netns exec "${NODE_NS[$n]}" conntrack -F 2>/dev/null || true; done
  declare -A evpid=()
  for node in "${tnodes[@]}"; do
    lab_bg "${NODE_NS[$node]}" "$d/$node.ct-events" conntrack -E
    evpid[$node]=$LAB_BG_PID
  done
  sleep 0.3
  local before1 before2
  before1=$(wc -l <"$LAB_TMP/api-1.log") before2=$(wc -l <"$LAB_TMP/api-2.log")
  # nc -w 1 stays under the ~1 s SYN retransmission; timeout 0.9 makes sure a dropped SYN
  # is sent exactly once.
  A_REPLY=$(ip netns exec "$cns" timeout 0.9 nc -n -w 1 -p "$CLIENT_SPORT" "$dst" "$dport" </dev/null || true)
  sleep 0.3
  for node in "${tnodes[@]}"; do
    ip netns exec "${NODE_NS[$node]}" conntrack -L 2>/dev/null >"$d/$node.ct-list" || true
  done
  for node in "${tnodes[@]}"; do
    lab_stop "${evpid[$node]}"
    cl_trace_stop "${NODE_NS[$node]}"
  done
  cl_capture_stop
  echo "$A_REPLY" >"$d/reply"
  { tail -n +"$((before1 + 1))" "$LAB_TMP/api-1.log"; tail -n +"$((before2 + 1))" "$LAB_TMP/api-2.log"; } >"$d/accepted"
  A_ACCEPTED=$(cat "$d/accepted")
  case "$expect" in
    reply) [ -n "$A_REPLY" ] || lab_die "no reply in $d" ;;
    drop) [ -z "$A_REPLY" ] || lab_die "unexpected reply '$A_REPLY' in $d" ;;
  esac
  [ "$expect" = drop ] && [ -n "$A_ACCEPTED" ] && lab_die "a listener accepted in drop case $d"

  # the kernel's record, per node: SYN and SYN-ACK, inner and outer
  local syn_outer_src=${NODE_IP[node-1]} synack_outer_src=${NODE_IP[node-2]}
  for node in "${tnodes[@]}"; do
    ns=${NODE_NS[$node]}
    lab_trace_select_packets "$d/$node.trace" \
      "/ tcp flags == syn / || (/ udp dport $VXLAN_PORT / && / ip saddr $syn_outer_src /)" >"$d/$node.syn"
    lab_trace_select_packets "$d/$node.trace" \
      "/ tcp flags == (0x12|\\(syn \\| ack\\)) / || (/ udp dport $VXLAN_PORT / && / ip saddr $synack_outer_src /)" >"$d/$node.synack"
    lab_trace_map "$ns" "$STAGE/$node/iptables-save.txt" "$d/$node.syn" >"$d/$node.syn-mapped"
    lab_trace_map "$ns" "$STAGE/$node/iptables-save.txt" "$d/$node.synack" >"$d/$node.synack-mapped"
    cl_hook_path <"$d/$node.syn" >"$d/$node.syn-path"
    cl_hook_path <"$d/$node.synack" >"$d/$node.synack-path"
    if grep -q 'not mapped' "$d/$node.syn-mapped" "$d/$node.synack-mapped"; then
      lab_die "unmapped trace rule in $d/$node"
    fi
  done
  local c
  for c in underlay client api-1 api-2; do cl_pcap_text "$d/$c.pcap" >"$d/$c.txt"; done
}

# ep_of_attempt DIR NODE: the endpoint pod the connection went to (from the listener logs)
ep_of_attempt() { awk '{ print $1; exit }' "$1/accepted"; }
ep_or_dash() { local e; e=$(ep_of_attempt "$1"); printf '%s' "${e:--}"; }

# run_until_both SCEN CLIENT_NS DST DPORT SPEC...: attempts until api-1 and api-2 were both
# hit (max MAX_TRIES). Sets RUN_DIRS (first attempt per endpoint, in order seen), RUN_TRIES,
# RUN_BY_EP[api-N].
declare -A RUN_BY_EP=()
run_until_both() {
  local scen=$1; shift
  local i ep seen=" "
  RUN_DIRS=() RUN_TRIES=0
  RUN_BY_EP=()
  for ((i = 1; i <= MAX_TRIES; i++)); do
    attempt "$LAB_TMP/$scen/a$i" "$1" "$2" "$3" reply "${@:4}"
    RUN_TRIES=$i
    ep=$(ep_of_attempt "$LAB_TMP/$scen/a$i")
    [ -n "$ep" ] || lab_die "no listener log for $scen attempt $i"
    case "$seen" in *" $ep "*) ;; *) seen="$seen$ep "; RUN_DIRS+=("$LAB_TMP/$scen/a$i"); RUN_BY_EP[$ep]="$LAB_TMP/$scen/a$i" ;; esac
    [ "${#RUN_DIRS[@]}" -ge 2 ] && break
  done
  [ "${#RUN_DIRS[@]}" -ge 2 ] || lab_log "warning: $scen: only one endpoint seen in $RUN_TRIES connections"
  lab_log "$scen: endpoints seen in order: $seen($RUN_TRIES connections)"
}

# --- the scenarios -------------------------------------------------------------------------

c_ip=10.244.1.2
flow_client="ip saddr $c_ip tcp sport $CLIENT_SPORT;ip daddr $c_ip tcp dport $CLIENT_SPORT"
flow_outside="ip saddr $OUTSIDE_IP tcp sport $CLIENT_SPORT;ip daddr $OUTSIDE_IP tcp dport $CLIENT_SPORT"
flow_api="ip daddr { 10.244.2.7, 10.244.2.8 } tcp dport $API_PORT;ip saddr { 10.244.2.7, 10.244.2.8 } tcp sport $API_PORT"

scenario_pod_to_pod() {
  lab_log "pod-to-pod-vxlan: $c_ip:$CLIENT_SPORT -> 10.244.2.7:$API_PORT"
  attempt "$LAB_TMP/pod-to-pod-vxlan/a1" "$(pod_ns client)" 10.244.2.7 "$API_PORT" reply \
    "node-1:$flow_client" "node-2:$flow_client"
  [ "$(ep_of_attempt "$LAB_TMP/pod-to-pod-vxlan/a1")" = api-1 ] || lab_die "pod-to-pod did not reach api-1"
  RUN_DIRS=("$LAB_TMP/pod-to-pod-vxlan/a1") RUN_TRIES=1
  RUN_BY_EP=([api-1]="$LAB_TMP/pod-to-pod-vxlan/a1")
}

scenario_clusterip() {
  lab_log "clusterip-cross-node: $c_ip:$CLIENT_SPORT -> 10.96.0.200:80"
  run_until_both clusterip-cross-node "$(pod_ns client)" 10.96.0.200 80 \
    "node-1:$flow_client" "node-2:$flow_client"
}

scenario_nodeport_cluster() {
  lab_log "nodeport-cluster: $OUTSIDE_IP:$CLIENT_SPORT -> ${NODE_IP[node-1]}:30200"
  # on node-2 the flow arrives SNATed to node-1's flannel.1 address and a random port
  # node-1 sees the SYN-ACK arrive (before its un-SNAT at PREROUTING) as api -> 10.244.1.0:port
  run_until_both nodeport-cluster "$OUTSIDE_NS" "${NODE_IP[node-1]}" 30200 \
    "node-1:$flow_outside;$flow_api" "node-2:$flow_api"
}

scenario_nodeport_local() {
  lab_log "nodeport-local: $OUTSIDE_IP:$CLIENT_SPORT -> ${NODE_IP[node-1]}:30201 (no local endpoint)"
  attempt "$LAB_TMP/nodeport-local/drop" "$OUTSIDE_NS" "${NODE_IP[node-1]}" 30201 drop \
    "node-1:$flow_outside" "node-2:$flow_outside;$flow_api"
  LOCAL_DROP_DIR="$LAB_TMP/nodeport-local/drop"
  grep -q -- '-j DROP -> drop$' "$LOCAL_DROP_DIR/node-1.syn-mapped" ||
    lab_die "node-1 did not DROP the SYN to :30201: $(cat "$LOCAL_DROP_DIR/node-1.syn-mapped")"
  lab_log "nodeport-local: $OUTSIDE_IP:$CLIENT_SPORT -> ${NODE_IP[node-2]}:30201 (local endpoints)"
  run_until_both nodeport-local "$OUTSIDE_NS" "${NODE_IP[node-2]}" 30201 "node-2:$flow_outside"
}

# --- the extra record: outer source port of the same inner 5-tuple, connection after connection

# sport_demo DIR N: N more connections client 10.244.1.2:40000 -> api-1 10.244.2.7:8080
# (conntrack flushed before each, so each is a new flow everywhere), underlay capture only;
# writes "n sport(node-1->node-2) sport(node-2->node-1)" lines to DIR/sports.
sport_demo() {
  local d=$1 n=$2 i r n1 n2
  mkdir -p "$d"
  : >"$d/sports"
  for ((i = 1; i <= n; i++)); do
    cl_capture_start "$CL_UNDERLAY" "$SWITCH" "$d/c$i.pcap" "udp port $VXLAN_PORT"
    for r in "${NODES[@]}"; do ip netns exec "${NODE_NS[$r]}" conntrack -F 2>/dev/null || true; done
    lab_tcp_connect "$(pod_ns client)" "$CLIENT_SPORT" 10.244.2.7 "$API_PORT" >/dev/null || lab_die "sport demo connection $i failed"
    sleep 0.2
    cl_capture_stop
    cl_pcap_text "$d/c$i.pcap" >"$d/c$i.txt"
    n1=$(awk -v ip="${NODE_IP[node-1]}." '$0 ~ " " ip "[0-9]+ > " { for (i = 1; i <= NF; i++) if (index($i, ip) == 1) { sub(ip, "", $i); print $i; exit } }' "$d/c$i.txt")
    n2=$(awk -v ip="${NODE_IP[node-2]}." '$0 ~ " " ip "[0-9]+ > " { for (i = 1; i <= NF; i++) if (index($i, ip) == 1) { sub(ip, "", $i); print $i; exit } }' "$d/c$i.txt")
    echo "$i $n1 $n2" >>"$d/sports"
  done
}

# --- kernel.md ---------------------------------------------------------------------------------

declare -A MAC_NAME=()
name_macs() {
  local n p
  for n in "${NODES[@]}"; do
    MAC_NAME[${NODE_MAC[$n]}]="$n eth0"
    MAC_NAME[${VTEP_MAC[$n]}]="$n flannel.1"
    MAC_NAME[${CNI_MAC[$n]}]="$n cni0"
  done
  for p in "${PODS[@]}"; do
    MAC_NAME[${POD_MAC[$p]}]="$p eth0"
    MAC_NAME[${POD_HOSTMAC[$p]}]="${POD_NODE[$p]} ${POD_HOSTIF[$p]}"
  done
  MAC_NAME[$OUTSIDE_MAC]="$OUTSIDE eth0"
  MAC_NAME[0a:00:27:00:00:00]="underlay gateway"
}
mac() { printf '%s (%s)' "$1" "${MAC_NAME[$1]:-?}"; }

# first capture record with TCP flags FL; KIND any|VXLAN|PLAIN
first_rec() { # FILE FL KIND
  awk -v fl="Flags [$2]," -v kind="${3:-any}" '
    index($0, fl) { v = (index($0, "VXLAN") > 0); if (kind == "any" || (kind == "VXLAN") == v) { print; exit } }' "$1"
}
trim_rec() { sed -E 's/^[0-9:.]+ //; s/(Flags \[[^]]*\]).*$/\1/'; }

obs() { printf '%-14s %-39s %s\n' "$1" "$2" "$3"; }

# walk DIR syn|synack: the packet at every observation point, in path order: tcpdump at the
# sender's eth0, the underlay (plain frames from/to the outside client; VXLAN between the
# nodes), every netfilter hook on every traced node (nft trace), tcpdump at the receiver.
walk() {
  local d=$1 what=$2 fl nodes=() order=() node i p rec line cname
  read -r -a nodes <"$d/nodes"
  cname=client
  [ -s "$d/client.txt" ] && grep -q "$OUTSIDE_IP" "$d/client.txt" && cname=$OUTSIDE
  if [ "$what" = syn ]; then
    fl=S; order=("${nodes[@]}")
    rec=$(first_rec "$d/client.txt" "$fl")
    obs "$cname" "eth0 (tcpdump, as sent)" "$(trim_rec <<<"${rec:-(none)}")"
    rec=$(first_rec "$d/underlay.txt" "$fl" PLAIN)
    [ -n "$rec" ] && obs underlay "switch (tcpdump)" "$(trim_rec <<<"$rec")"
  else
    fl=S.
    for ((i = ${#nodes[@]} - 1; i >= 0; i--)); do order+=("${nodes[i]}"); done
    for p in api-1 api-2; do
      rec=$(first_rec "$d/$p.txt" "$fl")
      [ -n "$rec" ] && obs "$p" "eth0 (tcpdump, as sent)" "$(trim_rec <<<"$rec")"
    done
  fi
  i=0
  for node in "${order[@]}"; do
    if [ -s "$d/$node.$what-path" ]; then
      while IFS= read -r line; do obs "$node" "${line:0:39}" "${line:40}"; done <"$d/$node.$what-path"
    else
      obs "$node" "(no hook saw it)" ""
    fi
    if [ "$i" -eq 0 ]; then
      rec=$(first_rec "$d/underlay.txt" "$fl" VXLAN)
      [ -n "$rec" ] && obs underlay "switch (tcpdump)" "$(trim_rec <<<"$rec")"
    fi
    i=$((i + 1))
  done
  if [ "$what" = syn ]; then
    local got=""
    for p in api-1 api-2; do
      rec=$(first_rec "$d/$p.txt" "$fl")
      [ -n "$rec" ] && { obs "$p" "eth0 (tcpdump, as received)" "$(trim_rec <<<"$rec")"; got=1; }
    done
    [ -n "$got" ] || obs "api-1/2" "eth0 (tcpdump)" "(nothing arrived)"
  else
    rec=$(first_rec "$d/underlay.txt" "$fl" PLAIN)
    [ -n "$rec" ] && obs underlay "switch (tcpdump)" "$(trim_rec <<<"$rec")"
    rec=$(first_rec "$d/client.txt" "$fl")
    obs "$cname" "eth0 (tcpdump, as received)" "$(trim_rec <<<"${rec:-(none)}")"
  fi
}

# outer_table DIR FL: the outer and inner headers of the first VXLAN frame carrying TCP flags FL
outer_table() {
  local d=$1 fl=$2 rec vv
  rec=$(first_rec "$d/underlay.txt" "$fl" VXLAN)
  [ -n "$rec" ] || { echo "(no VXLAN frame)"; return; }
  # the same frame in -vv (records start with the -ttttt time stamp), for TTL / IP id / DF / checksum
  tcpdump -r "$d/underlay.pcap" -nn -e -vv -ttttt -T vxlan 2>/dev/null >"$d/underlay-vv.txt" || true
  vv=$(awk -v fl="Flags [$fl]," '
      function flush() { if (r != "" && !done && index(r, fl) && index(r, "VXLAN")) { print r; done = 1 } }
      /^ [0-9][0-9]:[0-9][0-9]:/ { flush(); r = $0; next } { r = r " " $0 } END { flush() }' "$d/underlay-vv.txt")
  local omac_s omac_d olen osrc odst vni imac_s imac_d ilen isrc idst
  read -r omac_s omac_d olen osrc odst vni imac_s imac_d ilen isrc idst < <(awk '{
      split($0, h, " [|] ")
      n = split(h[1], o, " "); split(h[2], x, " ")
      dm = o[4]; sub(",", "", dm); ol = o[9]; sub(":", "", ol); od = o[12]; sub(":", "", od)
      im = x[3]; sub(",", "", im); il = x[8]; sub(":", "", il); id = x[11]; sub(":", "", id)
      print o[2], dm, ol, o[10], od, o[n], x[1], im, il, x[9], id }' <<<"$rec")
  local -a ip=()
  mapfile -t ip < <(grep -oE 'ttl [0-9]+, id [0-9]+, offset [0-9]+, flags \[[^]]*\]' <<<"$vv")
  local tcs
  tcs=$(grep -oE 'Flags \[[^]]*\], cksum 0x[0-9a-f]+ \([^)]*\)' <<<"$vv" | sed -E -n '1s/^Flags \[[^]]*\], //p')
  echo "| layer | value |"
  echo "| --- | --- |"
  echo "| outer Ethernet | $(mac "$omac_s") > $(mac "$omac_d"), frame $olen bytes |"
  echo "| outer IPv4 | ${osrc%.*} > ${odst%.*}, ${ip[0]:-?} (no DF: the vxlan device's default \`df unset\`) |"
  echo "| outer UDP | source port ${osrc##*.} (flow hash, varies) > destination port ${odst##*.} |"
  echo "| VXLAN | flags [I], VNI $vni |"
  echo "| inner Ethernet | $(mac "$imac_s") > $(mac "$imac_d"), frame $ilen bytes |"
  echo "| inner IPv4 / TCP | ${isrc%.*}:${isrc##*.} > ${idst%.*}:${idst##*.}, ${ip[1]:-?}, TCP flags [$fl], TCP $tcs |"
}

# ct_tuple FILE: "orig_src:sport > orig_dst:dport | reply_src:sport > reply_dst:dport" of the first tcp entry
ct_tuple() {
  awk '$1 == "tcp" { n = 0
      for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "src") s[++n] = kv[2]; else if (kv[1] == "dst") d[n] = kv[2]; else if (kv[1] == "sport") sp[n] = kv[2]; else if (kv[1] == "dport") dp[n] = kv[2] }
      printf "%s:%s > %s:%s | %s:%s > %s:%s\n", s[1], sp[1], d[1], dp[1], s[2], sp[2], d[2], dp[2]; exit }' "$1"
}

code() { echo '```'; cat "$@"; echo '```'; }

write_node_section() { # DIR NODE WHAT(syn|synack)
  local d=$1 node=$2 what=$3
  if [ -s "$d/$node.$what" ]; then
    lab_trace_map "${NODE_NS[$node]}" "$STAGE/$node/iptables-save.txt" "$d/$node.$what" | cl_compact_mapped >"$d/$node.$what-compact"
    echo "$node (\`$node/iptables-save.txt\` line numbers):"
    echo
    code "$d/$node.$what-compact"
  else
    echo "$node: no netfilter hook saw it (nothing in the trace)."
  fi
  echo
}

write_attempt() { # DIR TITLE NOTE_FN
  local d=$1 title=$2 note_fn=${3:-} nodes=() node ep accepted
  read -r -a nodes <"$d/nodes"
  ep=$(ep_of_attempt "$d")
  accepted=$(cat "$d/accepted")
  echo "## $title"
  echo
  if [ -s "$d/reply" ] && [ -n "$(cat "$d/reply")" ]; then
    echo "Traced connection \`${d##*/}\`. Reply received by the client: \`$(cat "$d/reply")\`."
  else
    echo "Traced connection \`${d##*/}\`. The client received nothing (its connect was stopped after 0.9 s)."
  fi
  if [ -n "$accepted" ]; then
    echo "Listener log: \`$accepted\` (peer address/port as the listener's accept() returned it, and the local address it was accepted on)."
  else
    echo "No listener accepted anything."
  fi
  echo
  echo "### Request SYN, hop by hop"
  echo
  echo "One line per observation point, in path order: tcpdump at the sender, tcpdump on the underlay switch,"
  echo "one line per netfilter hook on each node (nft trace: the headers as that hook saw them; a NAT made by a"
  echo "hook's nat chain shows from the next hook on), tcpdump at the receiver."
  echo
  echo '```'
  walk "$d" syn
  echo '```'
  echo
  if [ -n "$(first_rec "$d/underlay.txt" S VXLAN)" ]; then
    echo "Outer headers of the SYN on the underlay (\`tcpdump -nn -e -vv -T vxlan\`):"
    echo
    outer_table "$d" S
    echo
  fi
  echo "### Request SYN: matched rules per node, in order"
  echo
  for node in "${nodes[@]}"; do write_node_section "$d" "$node" syn; done
  if [ -n "$note_fn" ]; then "$note_fn" "$d"; fi
  if [ -n "$(first_rec "$d/client.txt" S.)" ]; then
    echo "### Reply SYN-ACK, hop by hop"
    echo
    echo '```'
    walk "$d" synack
    echo '```'
    echo
    if [ -n "$(first_rec "$d/underlay.txt" S. VXLAN)" ]; then
      echo "Outer headers of the SYN-ACK on the underlay:"
      echo
      outer_table "$d" S.
      echo
    fi
    echo "### Reply SYN-ACK: matched rules per node, in order"
    echo
    local i
    for ((i = ${#nodes[@]} - 1; i >= 0; i--)); do write_node_section "$d" "${nodes[i]}" synack; done
  fi
  echo "### conntrack"
  echo
  for node in "${nodes[@]}"; do
    echo "$node, \`conntrack -L\` right after the connection (conntrack was flushed on every node just before it):"
    echo
    if [ -s "$d/$node.ct-list" ]; then code "$d/$node.ct-list"; else echo '```'; echo "(no entries)"; echo '```'; fi
    echo
    echo "<details><summary>$node, <code>conntrack -E</code> during the connection</summary>"
    echo
    code "$d/$node.ct-events"
    echo
    echo "</details>"
    echo
  done
  echo "<details><summary>Underlay capture of the whole connection (<code>tcpdump -nn -e -ttttt -T vxlan</code>, VXLAN outer | inner)</summary>"
  echo
  if [ -s "$d/underlay.txt" ]; then code "$d/underlay.txt"; else echo "(nothing on the underlay)"; fi
  echo
  echo "</details>"
  echo
}

kernel_md_header() { # SCEN TITLE
  echo "# $1: what the kernel did"
  echo
  echo "Generated by \`scripts/lab/cluster/make-cluster.sh\` on $(date -u '+%Y-%m-%d %H:%M:%S UTC'); do not edit by hand."
  echo "Kernel $(uname -r), $(iptables --version), $(nft --version | sed -n 1p), $(conntrack --version 2>&1 | sed -n 1p), $(tcpdump --version 2>&1 | sed -n 1p)."
  echo
  echo "Lab: \`scripts/lab/cluster\` (README there): three flannel (vxlan) nodes and an outside client on one"
  echo "underlay switch, kube-proxy 1.29 iptables rules from \`scripts/lab/cluster/node-N.rules\` on every node."
  echo "Line numbers are lines of \`scenarios/$1/<node>/iptables-save.txt\` (what \`iptables-save\` printed"
  echo "after loading), found from each traced rule's nft handle via \`nft -a list table ip <table>\`."
  echo
  echo "How it was recorded, per traced connection: conntrack flushed on every node; on each node involved an"
  echo "nft trace table (priority -350, prerouting and output, \`meta nftrace set 1\`) for the flow's packets and"
  echo "for the VXLAN datagrams carrying its SYN or SYN-ACK (raw match on the inner TCP flags byte), read with"
  echo "\`nft -a monitor trace\`; \`conntrack -E\`; tcpdump on the underlay switch, on the client's eth0 and on"
  echo "each api pod's eth0. Rule lists: \`table chain line: rule -> verdict\`, only rules that matched (a user"
  echo "chain left by falling off its end prints no line), \`-- table CHAIN: ...\` = base chain entered with the"
  echo "headers it saw, \`(policy)\` = the base chain's policy verdict. The outer VXLAN datagram is a packet of"
  echo "its own for netfilter: the sending node runs it through OUTPUT and POSTROUTING, the receiving node"
  echo "through PREROUTING and INPUT (to the vxlan UDP socket), then the decapsulated inner packet enters"
  echo "again at PREROUTING with iif flannel.1."
  echo
}

# vxlan_sports FILE SRC_IP: the outer source ports of the VXLAN frames sent by SRC_IP, one per frame
vxlan_sports() {
  awk -v ip="$2." 'index($0, "VXLAN") { for (i = 1; i <= NF; i++) if (index($i, ip) == 1 && $(i + 1) == ">") { sub(ip, "", $i); print $i; break } }' "$1"
}

sports_section() { # DIRS...
  local d s1 s2 n1 n2 f1 f2 same=1
  echo "## Outer UDP source port"
  echo
  echo "The vxlan device has \`srcport 0 0\`: the kernel picks the outer UDP source port from the inner"
  echo "packet's flow hash (\`udp_flow_src_port()\`: \`skb_get_hash()\` scaled into ip_local_port_range,"
  echo "32768-60999 here). The destination port is always 8472. The source port is **not** a function of the"
  echo "addresses: each direction of a connection has its own, and it changes from connection to connection"
  echo "even for the same inner 5-tuple (evidently the hash the skb carries from the sending TCP socket, its"
  echo "random \`sk_txhash\`, not one computed from the 5-tuple). Observed (frames = VXLAN frames of the"
  echo "whole connection in that direction, and how many distinct source ports they used):"
  echo
  echo "| connection | endpoint | node-1 -> node-2 | frames (distinct ports) | node-2 -> node-1 | frames (distinct ports) |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for d in "$@"; do
    s1=$(vxlan_sports "$d/underlay.txt" "${NODE_IP[node-1]}") s2=$(vxlan_sports "$d/underlay.txt" "${NODE_IP[node-2]}")
    f1=$(grep -c . <<<"$s1" || true) f2=$(grep -c . <<<"$s2" || true)
    n1=$(sort -u <<<"$s1" | grep -c . || true) n2=$(sort -u <<<"$s2" | grep -c . || true)
    [ "$n1" -le 1 ] && [ "$n2" -le 1 ] || same=0
    echo "| \`${d##*/}\` | $(ep_of_attempt "$d") | $(sed -n 1p <<<"$s1") | $f1 ($n1) | $(sed -n 1p <<<"$s2") | $f2 ($n2) |"
  done
  echo
  if [ "$same" = 1 ]; then
    echo "Within each connection every frame of one direction used the same source port."
  else
    echo "**Within at least one connection the source port changed** (see the captures)."
  fi
  echo
}

# rule_summary FILE(compact mapped): the matched rules as "HOOK table CHAIN:line > CHAIN:line,line
# (verdict) · HOOK ...", one segment per netfilter hook ("outer" for the VXLAN datagram); consecutive
# rules of one chain are joined (FORWARD:31,32), accept/drop verdicts and drop policies are shown.
rule_summary() {
  awk '
    /^-- / {
      split($0, w, " "); tbl = w[2]; ch = w[3]; sub(":", "", ch)
      outer = ($0 ~ / udp .*:8472( |$)/) ? "outer " : ""
      seg = outer ch
      if (seg != curseg) { out = out (out != "" ? " · " : "") seg ":"; curseg = seg; curtbl = ""; lastch = "" }
      next
    }
    / \(policy\) -> drop$/ { out = out " [" $1 " " $2 " policy drop]"; next }
    /^[a-z]+ [^ ]+ [0-9]+: / {
      l = $3; sub(":", "", l); v = $NF
      if ($1 != curtbl) { out = out " " $1 " " $2 ":" l; curtbl = $1 }
      else if ($2 == lastch && !ended) out = out "," l
      else out = out " > " $2 ":" l
      lastch = $2; ended = 0
      if (v == "accept" || v == "drop") { out = out " (" v ")"; ended = 1 }
    }
    END { print out }' "$1"
}

summary_table() { # DIR...
  local d node nodes=()
  echo "| connection | endpoint | node | request SYN: matched rules (\`table chain:line\`, in order) |"
  echo "| --- | --- | --- | --- |"
  for d in "$@"; do
    read -r -a nodes <"$d/nodes"
    for node in "${nodes[@]}"; do
      if [ -s "$d/$node.syn" ]; then
        lab_trace_map "${NODE_NS[$node]}" "$STAGE/$node/iptables-save.txt" "$d/$node.syn" | cl_compact_mapped >"$d/$node.syn-compact"
        echo "| \`${d##*/}\` | $(ep_or_dash "$d") | $node | $(rule_summary "$d/$node.syn-compact") |"
      else
        echo "| \`${d##*/}\` | $(ep_or_dash "$d") | $node | (no hook saw it) |"
      fi
    done
  done
  echo
}

files_section() { # MEMBERS-TEXT CONNTRACK-TEXT
  echo "## Files in this folder"
  echo
  echo "$1 Node dumps (\`iptables-save\`, \`ip -d addr\`, \`ip route\`, \`ip neigh\`, \`bridge fdb show\`) were"
  echo "taken once, after the lab was built and warmed up (neighbours resolved) and before any scenario traffic,"
  echo "and are identical in every scenario folder of this lab. Pod and client dumps: \`ip -d addr\`, \`ip route\`."
  echo "$2"
  echo
}

packet_section() { # text...
  echo "## Packet"
  echo
  printf '%s\n' "$@"
  echo
}

# --- per scenario --------------------------------------------------------------------------------

md_pod_to_pod() {
  local d=${P2P_DIRS[0]}
  kernel_md_header pod-to-pod-vxlan
  packet_section \
    "From pod default/client on node-1 (10.244.1.2), TCP \`10.244.1.2:$CLIENT_SPORT -> 10.244.2.7:$API_PORT\`" \
    "(\`nc -n -w 1 -p $CLIENT_SPORT 10.244.2.7 $API_PORT\`), straight to pod api-1 on node-2: no Service, no NAT." \
    "Route on node-1: \`10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink\`; neighbour \`10.244.2.0 lladdr" \
    "${VTEP_MAC[node-2]} PERMANENT\`; fdb \`${VTEP_MAC[node-2]} dev flannel.1 dst ${NODE_IP[node-2]}\`."
  files_section "Members: node-1, node-2, client (default/client on node-1), api-1 (on node-2)." \
    "\`node-N/conntrack.txt\`: \`conntrack -L\` on that node right after connection \`${d##*/}\`."
  echo "## Summary"
  echo
  summary_table "${P2P_DIRS[@]}"
  write_attempt "$d" "Connection to api-1 (10.244.2.7:$API_PORT)"
  echo "## Reply path"
  echo
  echo "No NAT anywhere: node-1 and node-2 each hold the same un-NATed conntrack entry"
  echo "\`$(ct_tuple "$d/node-1.ct-list")\`. The SYN-ACK leaves api-1, node-2 forwards it (filter FORWARD ->"
  echo "KUBE-FORWARD \"kubernetes forwarding conntrack rule\", ESTABLISHED) into flannel.1, which encapsulates it"
  echo "to node-1 (outer ${NODE_IP[node-2]} -> ${NODE_IP[node-1]}:$VXLAN_PORT); node-1 decapsulates it and forwards"
  echo "it the same way to cni0. Neither conntrack rewrites anything."
  echo
  sports_section "${P2P_DIRS[@]}"
  echo "Same inner 5-tuple \`10.244.1.2:$CLIENT_SPORT -> 10.244.2.7:$API_PORT\`, ${SPORT_N} more connections"
  echo "(conntrack flushed before each), outer source ports seen on the underlay:"
  echo
  echo "| connection | node-1 -> node-2 | node-2 -> node-1 |"
  echo "| --- | --- | --- |"
  awk '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$LAB_TMP/sport-demo/sports"
  echo
}

md_clusterip() {
  local d
  kernel_md_header clusterip-cross-node
  packet_section \
    "From pod default/client on node-1 (10.244.1.2), TCP \`10.244.1.2:$CLIENT_SPORT -> 10.96.0.200:80\`" \
    "(Service default/api, ClusterIP; endpoints api-1 10.244.2.7:$API_PORT and api-2 10.244.2.8:$API_PORT, both" \
    "on node-2). Traced until each endpoint was hit ($CIP_TRIES connections)."
  files_section "Members: node-1, node-2, client (on node-1), api-1 and api-2 (on node-2)." \
    "\`node-N/conntrack.txt\`: \`conntrack -L\` on that node right after connection \`${CIP_API1##*/}\` (the one that went to api-1)."
  echo "## Summary"
  echo
  summary_table "${CIP_DIRS[@]}"
  for d in "${CIP_DIRS[@]}"; do
    write_attempt "$d" "Connection to $(ep_of_attempt "$d") ($(awk '{ print $5 }' "$d/accepted"))"
  done
  d=$CIP_API1
  echo "## Reply path"
  echo
  echo "node-1 made the only NAT: DNAT 10.96.0.200:80 -> endpoint (KUBE-SEP rule, nat PREROUTING). node-2 sees"
  echo "the pod-to-pod flow and has an un-NATed entry; node-1's entry holds the mapping (connection \`${d##*/}\`):"
  echo "\`$(ct_tuple "$d/node-1.ct-list")\` (original | reply tuple). The SYN-ACK crosses node-2 and the"
  echo "underlay unchanged (source = the endpoint); node-1's conntrack undoes the DNAT at its POSTROUTING"
  echo "(source endpoint -> 10.96.0.200:80), so the client receives it from the ClusterIP (see its tcpdump line)."
  echo
  sports_section "${CIP_DIRS[@]}"
}

md_nodeport_cluster() {
  local d
  kernel_md_header nodeport-cluster
  packet_section \
    "From the outside client ${OUTSIDE_IP} on the underlay, TCP \`$OUTSIDE_IP:$CLIENT_SPORT -> ${NODE_IP[node-1]}:30200\`" \
    "(NodePort of default/api, externalTrafficPolicy Cluster). node-1 has no api endpoint: kube-proxy marks" \
    "the packet for masquerade, DNATs it to an endpoint on node-2, and MASQUERADE (--random-fully) rewrites the" \
    "source to node-1's flannel.1 address 10.244.1.0 and a random port before the VXLAN encapsulation." \
    "Traced until each endpoint was hit ($NPC_TRIES connections)."
  files_section "Members: outside-client (192.168.56.100 on the underlay), node-1, node-2, api-1 and api-2 (on node-2)." \
    "\`node-N/conntrack.txt\`: \`conntrack -L\` on that node right after connection \`${NPC_API1##*/}\` (the one that went to api-1)."
  echo "## Summary"
  echo
  summary_table "${NPC_DIRS[@]}"
  for d in "${NPC_DIRS[@]}"; do
    write_attempt "$d" "Connection to $(ep_of_attempt "$d") ($(awk '{ print $5 }' "$d/accepted"))"
  done
  d=$NPC_API1
  echo "## Reply path"
  echo
  echo "node-1's conntrack entry holds both rewrites: \`$(ct_tuple "$d/node-1.ct-list")\` (original | reply"
  echo "tuple). node-2 only sees \`$(ct_tuple "$d/node-2.ct-list")\`: the client's address is gone, the"
  echo "listener saw \`$(awk '{ print $3 }' "$d/accepted")\`. The SYN-ACK goes back to 10.244.1.0 through"
  echo "flannel.1 (node-2's route 10.244.1.0/24 via 10.244.1.0 onlink); node-1's conntrack undoes the SNAT at"
  echo "PREROUTING (destination 10.244.1.0:port -> $OUTSIDE_IP:$CLIENT_SPORT, visible from node-1's FORWARD hook on)"
  echo "and the DNAT at POSTROUTING (source endpoint -> ${NODE_IP[node-1]}:30200, visible on the underlay and at"
  echo "the client). node-1 routes the reply out of eth0 directly to the client (192.168.56.0/24 is on-link)."
  echo
  sports_section "${NPC_DIRS[@]}"
}

npl_drop_note() { # DIR
  local d=$1
  echo "**How the drop happens.** node-1 has no local endpoint for default/api-local, so kube-proxy wrote no"
  echo "KUBE-SVL chain and no final \`-j KUBE-SVL-...\` in the KUBE-EXT chain: the SYN walks nat PREROUTING ->"
  echo "KUBE-SERVICES -> KUBE-NODEPORTS -> KUBE-EXT-ZJIF2UXKDP6NCKW5, where none of the three rules match (source"
  echo "not in 10.244.0.0/16, source not a LOCAL address), falls off its end and leaves nat PREROUTING un-NATed."
  echo "Its destination is node-1's own address, so it goes to INPUT, where filter INPUT ->"
  echo "KUBE-EXTERNAL-SERVICES (ctstate NEW) matches \`... has no local endpoints ... --dport 30201 -j DROP\`:"
  echo
  echo '```'
  grep -E -- '-j DROP -> drop$' "$d/node-1.syn-compact"
  echo '```'
  echo
  echo "Nothing is sent back (no RST, no ICMP), no VXLAN frame leaves node-1, node-2 sees nothing, and the"
  echo "unconfirmed conntrack entry dies with the packet: \`conntrack -L\` on node-1 is empty. The client's"
  echo "connect times out (the lab stops it after 0.9 s, before the first SYN retransmission)."
  echo
}

md_nodeport_local() {
  local d
  kernel_md_header nodeport-local
  packet_section \
    "From the outside client ${OUTSIDE_IP}, TCP to NodePort 30201 of default/api-local (externalTrafficPolicy" \
    "Local; endpoints api-1 and api-2, both on node-2):" \
    "1. \`$OUTSIDE_IP:$CLIENT_SPORT -> ${NODE_IP[node-1]}:30201\`: node-1 has no local endpoint; the kernel drops it." \
    "2. \`$OUTSIDE_IP:$CLIENT_SPORT -> ${NODE_IP[node-2]}:30201\`: served by node-2's own endpoints, no SNAT, the" \
    "   client address is preserved. Traced until each endpoint was hit ($NPL_TRIES connections)."
  files_section "Members: outside-client, node-1, node-2, api-1 and api-2 (on node-2)." \
    "\`node-1/conntrack.txt\`: \`conntrack -L\` on node-1 right after the dropped attempt (empty: the dropped SYN never got a confirmed entry). \`node-2/conntrack.txt\`: on node-2 right after connection \`${NPL_API1##*/}\` (the one that went to api-1)."
  echo "## Summary"
  echo
  summary_table "$LOCAL_DROP_DIR" "${NPL_DIRS[@]}"
  write_attempt "$LOCAL_DROP_DIR" "To node-1:30201 (no local endpoint): dropped" npl_drop_note
  for d in "${NPL_DIRS[@]}"; do
    write_attempt "$d" "To node-2:30201, connection to $(ep_of_attempt "$d") ($(awk '{ print $5 }' "$d/accepted"))"
  done
  d=$NPL_API1
  echo "## Reply path (node-2:30201)"
  echo
  echo "node-2's entry: \`$(ct_tuple "$d/node-2.ct-list")\` (original | reply tuple): DNAT only, the"
  echo "listener saw the real client \`$(awk '{ print $3 }' "$d/accepted")\`. The SYN-ACK is routed by node-2"
  echo "from cni0 straight out of eth0 to the client (on-link); node-2's conntrack undoes the DNAT at POSTROUTING"
  echo "(source endpoint -> ${NODE_IP[node-2]}:30201). No VXLAN, node-1 is not involved."
  echo
}

# --- publish -------------------------------------------------------------------------------------

# assemble SCEN CT_NODE=DIR... -- MEMBERS...: the scenario folder in $STAGE_OUT/SCEN: static dumps
# of every member, conntrack.txt of each node from the given attempt dir.
assemble() {
  local scen=$1; shift
  local -A ct=()
  while [ "$1" != "--" ]; do ct[${1%%=*}]=${1#*=}; shift; done
  shift
  local m out="$STAGE_OUT/$scen"
  mkdir -p "$out"
  for m in "$@"; do
    mkdir -p "$out/$m"
    cp "$STAGE/$m"/*.txt "$out/$m/"
    if [ -n "${ct[$m]:-}" ]; then cp "${ct[$m]}/$m.ct-list" "$out/$m/conntrack.txt"; fi
  done
}

OWNED=(node-0 node-1 node-2 client web-1 web-2 api-1 api-2 coredns-1 coredns-2 "$OUTSIDE")
publish() {
  local scen m f
  for scen in pod-to-pod-vxlan clusterip-cross-node nodeport-cluster nodeport-local; do
    mkdir -p "$OUT_ROOT/$scen"
    for m in "${OWNED[@]}"; do rm -rf "${OUT_ROOT:?}/$scen/$m"; done
    rm -f "$OUT_ROOT/$scen/kernel.md"
    for f in "$STAGE_OUT/$scen"/*; do cp -r "$f" "$OUT_ROOT/$scen/"; done
  done
  lab_log "wrote $OUT_ROOT/{pod-to-pod-vxlan,clusterip-cross-node,nodeport-cluster,nodeport-local}"
}

# --- main ----------------------------------------------------------------------------------------

build_lab
settle_counters
warm_up
take_dumps
name_macs
start_responders

scenario_pod_to_pod
P2P_DIRS=("${RUN_DIRS[@]}")
grep -q 'accepted 10.244.1.2:40000 on 10.244.2.7:8080' "${P2P_DIRS[0]}/accepted" || lab_die "pod-to-pod: wrong peer"
SPORT_N=${CL_SPORT_N:-5}
sport_demo "$LAB_TMP/sport-demo" "$SPORT_N"

scenario_clusterip
CIP_DIRS=("${RUN_DIRS[@]}") CIP_TRIES=$RUN_TRIES CIP_API1=${RUN_BY_EP[api-1]:-${RUN_DIRS[0]}}
for d in "${CIP_DIRS[@]}"; do
  grep -q 'accepted 10.244.1.2:40000 on ' "$d/accepted" || lab_die "clusterip: client address not preserved in $d"
  grep -q -- '-j DNAT --to-destination 10.244.2.[78]:8080 -> accept$' "$d/node-1.syn-mapped" || lab_die "clusterip: no DNAT on node-1 in $d"
done

scenario_nodeport_cluster
NPC_DIRS=("${RUN_DIRS[@]}") NPC_TRIES=$RUN_TRIES NPC_API1=${RUN_BY_EP[api-1]:-${RUN_DIRS[0]}}
for d in "${NPC_DIRS[@]}"; do
  grep -q 'accepted 10.244.1.0:[0-9]* on ' "$d/accepted" || lab_die "nodeport-cluster: not SNATed to 10.244.1.0 in $d: $(cat "$d/accepted")"
  grep -q -- '-j MASQUERADE --random-fully -> accept$' "$d/node-1.syn-mapped" || lab_die "nodeport-cluster: no MASQUERADE on node-1 in $d"
done

scenario_nodeport_local
NPL_DIRS=("${RUN_DIRS[@]}") NPL_TRIES=$RUN_TRIES NPL_API1=${RUN_BY_EP[api-1]:-${RUN_DIRS[0]}}
for d in "${NPL_DIRS[@]}"; do
  grep -q "accepted $OUTSIDE_IP:$CLIENT_SPORT on " "$d/accepted" || lab_die "nodeport-local: client address not preserved in $d"
done
[ ! -s "$LOCAL_DROP_DIR/node-1.ct-list" ] || lab_die "nodeport-local: node-1 kept a conntrack entry for the dropped SYN"
[ ! -s "$LOCAL_DROP_DIR/node-2.syn" ] || lab_die "nodeport-local: node-2 saw the SYN sent to node-1"

STAGE_OUT="$LAB_TMP/out"
assemble pod-to-pod-vxlan node-1="${P2P_DIRS[0]}" node-2="${P2P_DIRS[0]}" -- node-1 node-2 client api-1
assemble clusterip-cross-node node-1="$CIP_API1" node-2="$CIP_API1" -- node-1 node-2 client api-1 api-2
assemble nodeport-cluster node-1="$NPC_API1" node-2="$NPC_API1" -- "$OUTSIDE" node-1 node-2 api-1 api-2
assemble nodeport-local node-1="$LOCAL_DROP_DIR" node-2="$NPL_API1" -- "$OUTSIDE" node-1 node-2 api-1 api-2
md_pod_to_pod >"$STAGE_OUT/pod-to-pod-vxlan/kernel.md"
md_clusterip >"$STAGE_OUT/clusterip-cross-node/kernel.md"
md_nodeport_cluster >"$STAGE_OUT/nodeport-cluster/kernel.md"
md_nodeport_local >"$STAGE_OUT/nodeport-local/kernel.md"
publish
lab_log "done: clusterip $CIP_TRIES, nodeport-cluster $NPC_TRIES, nodeport-local $NPL_TRIES connection(s) until both endpoints were hit"
