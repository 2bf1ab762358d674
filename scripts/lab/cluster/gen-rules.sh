#!/usr/bin/env bash
#
# Writes the iptables-restore inputs of the three nodes of the cluster lab:
#   scripts/lab/cluster/node-{0,1,2}.rules
# (committed; make-cluster.sh loads them and refuses to run if they differ from what this
# script generates, so edit this script, not the .rules files).
#
#   scripts/lab/cluster/gen-rules.sh           write the three files
#   scripts/lab/cluster/gen-rules.sh --check   exit 1 if a committed file differs
#   scripts/lab/cluster/gen-rules.sh --print N print node-N's input on stdout
#                                              (CL_EXTRA_SERVICES: more Services, --print only)
#
# Each node runs kubelet + kube-proxy 1.29 (iptables mode, localDetector cluster-cidr
# 10.244.0.0/16, masquerade bit 14 = 0x4000, localhostNodePorts on, tcp_be_liberal off,
# iptables with --random-fully) + flanneld (vxlan backend). The layout and the writers'
# blocks are those of scripts/lab/pod-to-clusterip.rules (which reproduces node-1 of the same
# cluster before default/api and default/api-local existed); node-1.rules is that file plus
# the two new Services. kube-proxy programs every Service on every node; what differs per
# node is only
#   * flanneld's lease (10.244.N.0/24) in FLANNEL-POSTRTG;
#   * externalTrafficPolicy Local (default/api-local): on a node WITH local endpoints
#     (node-2) a KUBE-SVL chain and a final "-j KUBE-SVL" in KUBE-EXT; on a node WITHOUT
#     (node-0, node-1) no KUBE-SVL chain, no final jump, and a filter rule
#     "-A KUBE-EXTERNAL-SERVICES ... has no local endpoints ... --dport 30201 -j DROP".
# This follows pkg/proxy/iptables/proxier.go (v1.29) syncProxyRules: per Service, in this
# order: clusterIP capture, NodePort capture (+ filter DROP when no external endpoints),
# internal masquerade rule, EXT chain rules, SVC rules, SVL rules, SEP rules; chain lines
# EXT, SVC, SVL, SEP. Chain names: base32(sha256("ns/svc:port" + proto [+ "ip:port"]))[:16].
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CLUSTER_CIDR=10.244.0.0/16

hash16() { printf '%s' "$1" | sha256sum | cut -c1-64 | xxd -r -p | base32 | cut -c1-16; }

# prob N: kube-proxy's probability(n) = fmt.Sprintf("%0.10f", 1.0/float64(n))
prob() { awk -v n="$1" 'BEGIN { printf "%0.10f", 1.0 / n }'; }

# quote a comment the way kube-proxy writes it: svcPortNameString unquoted when it has no
# spaces, every formatted comment with spaces in double quotes.
q() { case "$1" in *" "*) printf '"%s"' "$1" ;; *) printf '%s' "$1" ;; esac; }

# Services: ns name port proto clusterIP svcPort nodePort(0=none) eTP endpoints
# endpoints: ip:port@node,...  (node = index of the node the endpoint pod runs on)
SERVICES=(
  "default web http tcp 10.96.0.100 80 30080 Cluster 10.244.1.5:8080@1,10.244.1.6:8080@1"
  "default kubernetes https tcp 10.96.0.1 443 0 Cluster 192.168.56.10:6443@0"
  "kube-system kube-dns dns udp 10.96.0.10 53 0 Cluster 10.244.0.2:53@0,10.244.0.3:53@0"
  "kube-system kube-dns dns-tcp tcp 10.96.0.10 53 0 Cluster 10.244.0.2:53@0,10.244.0.3:53@0"
  "kube-system kube-dns metrics tcp 10.96.0.10 9153 0 Cluster 10.244.0.2:9153@0,10.244.0.3:9153@0"
  "default api http tcp 10.96.0.200 80 30200 Cluster 10.244.2.7:8080@2,10.244.2.8:8080@2"
  "default api-local http tcp 10.96.0.201 80 30201 Local 10.244.2.7:8080@2,10.244.2.8:8080@2"
)

# gen_service NODE SPEC: appends to FILTER_RULES, NAT_CHAINS, NAT_RULES.
gen_service() {
  local node=$1 ns name port p cip cport np etp eps
  read -r ns name port p cip cport np etp eps <<<"$2"
  local spn="$ns/$name:$port" h svc ext svl
  h=$(hash16 "$spn$p")
  svc="KUBE-SVC-$h" ext="KUBE-EXT-$h" svl="KUBE-SVL-$h"
  local -a all=() local_eps=() seps=()
  local e ip_port
  IFS=, read -r -a all <<<"$eps"
  for e in "${all[@]}"; do
    [ "${e#*@}" = "$node" ] && local_eps+=("${e%@*}")
  done
  local has_ext_eps=1
  [ "$etp" = Local ] && [ "${#local_eps[@]}" -eq 0 ] && has_ext_eps=0

  local desc="ClusterIP $cip:$cport"
  [ "$np" = 0 ] || desc="$desc, NodePort $np, externalTrafficPolicy $etp"
  NAT_RULES+=("# $spn ($desc; endpoints ${eps//@/ on node-})")
  # Capture the clusterIP (internalTrafficPolicy Cluster: always has internal endpoints).
  NAT_RULES+=("-A KUBE-SERVICES -m comment --comment \"$spn cluster IP\" -m $p -p $p -d $cip --dport $cport -j $svc")
  # Capture nodeports.
  if [ "$np" != 0 ]; then
    NAT_RULES+=("-A KUBE-NODEPORTS -m comment --comment $(q "$spn") -m $p -p $p --dport $np -j $ext")
    if [ "$has_ext_eps" = 0 ]; then
      FILTER_RULES+=("# $spn: externalTrafficPolicy Local and no local endpoint on this node")
      FILTER_RULES+=("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"$spn has no local endpoints\" -m addrtype --dst-type LOCAL -m $p -p $p --dport $np -j DROP")
    fi
  fi
  # Internal traffic handling (localDetector cluster-cidr).
  NAT_RULES+=("-A $svc -m comment --comment \"$spn cluster IP\" -m $p -p $p -d $cip --dport $cport ! -s $CLUSTER_CIDR -j KUBE-MARK-MASQ")
  # External traffic handling.
  if [ "$np" != 0 ]; then
    NAT_CHAINS+=(":$ext - [0:0]")
    if [ "$etp" != Local ]; then
      NAT_RULES+=("-A $ext -m comment --comment \"masquerade traffic for $spn external destinations\" -j KUBE-MARK-MASQ")
    else
      NAT_RULES+=("-A $ext -m comment --comment \"pod traffic for $spn external destinations\" -s $CLUSTER_CIDR -j $svc")
      NAT_RULES+=("-A $ext -m comment --comment \"masquerade LOCAL traffic for $spn external destinations\" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ")
      NAT_RULES+=("-A $ext -m comment --comment \"route LOCAL traffic for $spn external destinations\" -m addrtype --src-type LOCAL -j $svc")
    fi
    if [ "$has_ext_eps" = 1 ]; then
      if [ "$etp" = Local ]; then NAT_RULES+=("-A $ext -j $svl"); else NAT_RULES+=("-A $ext -j $svc"); fi
    fi
  fi
  # writeServiceToEndpointRules for the cluster policy chain (all endpoints) ...
  NAT_CHAINS+=(":$svc - [0:0]")
  to_endpoints "$spn" "$p" "$svc" "${all[@]}"
  # ... and for the local policy chain (eTP Local with local endpoints).
  if [ "$etp" = Local ] && [ "${#local_eps[@]}" -gt 0 ]; then
    NAT_CHAINS+=(":$svl - [0:0]")
    local -a le=()
    for e in "${all[@]}"; do [ "${e#*@}" = "$node" ] && le+=("$e"); done
    to_endpoints "$spn" "$p" "$svl" "${le[@]}"
  fi
  # Per-endpoint chains (allLocallyReachableEndpoints = all, cluster policy in use).
  for e in "${all[@]}"; do
    ip_port=${e%@*}
    local sep="KUBE-SEP-$(hash16 "$spn$p$ip_port")"
    NAT_CHAINS+=(":$sep - [0:0]")
    NAT_RULES+=("-A $sep -m comment --comment $(q "$spn") -s ${ip_port%:*} -j KUBE-MARK-MASQ")
    NAT_RULES+=("-A $sep -m comment --comment $(q "$spn") -m $p -p $p -j DNAT --to-destination $ip_port")
  done
}

to_endpoints() { # spn proto chain endpoints...
  local spn=$1 p=$2 chain=$3 i=0 n e ip_port stat
  shift 3
  n=$#
  for e in "$@"; do
    ip_port=${e%@*}
    stat=""
    [ "$i" -lt $((n - 1)) ] && stat=" -m statistic --mode random --probability $(prob $((n - i)))"
    NAT_RULES+=("-A $chain -m comment --comment \"$spn -> $ip_port\"$stat -j KUBE-SEP-$(hash16 "$spn$p$ip_port")")
    i=$((i + 1))
  done
}

gen_node() { # N
  local n=$1 s lease="10.244.$1.0/24"
  FILTER_RULES=() NAT_CHAINS=() NAT_RULES=()
  for s in "${SERVICES[@]}"; do gen_service "$n" "$s"; done
  cat <<EOF
# iptables-restore input for node-$n of the cluster lab (scripts/lab/cluster), generated by
# scripts/lab/cluster/gen-rules.sh -- do not edit by hand. Loaded with \`iptables-restore\`
# (nf_tables backend) into the node netns by make-cluster.sh. It reproduces the state of a
# flannel (vxlan) node running kubelet + kube-proxy 1.29 in iptables mode:
#   cluster pod CIDR $CLUSTER_CIDR, node pod CIDR (flannel lease) $lease,
#   service CIDR 10.96.0.0/12, masquerade bit 14 (0x4000), localhostNodePorts on,
#   nf_conntrack_tcp_be_liberal off, iptables with --random-fully.
#
# On a real node this state is built by several writers; each block below says which, and is
# written the way that writer passes it:
#   * kubelet: canary chains, KUBE-IPTABLES-HINT, KUBE-FIREWALL jumps (iptables commands);
#   * kube-proxy EnsureRule(Prepend, ...) jump rules (iptables commands, so the per-chain
#     order is the reverse of kube-proxy's iptablesJumpChains list);
#   * flanneld AppendUnique rules (FLANNEL-FWD, FLANNEL-POSTRTG);
#   * kube-proxy's own iptables-restore payload (proxier.go syncProxyRules order, kube-proxy's
#     argument order and quoting, probability "%0.10f").
#
# Services (the same on every node; Go map order in KUBE-SERVICES is arbitrary, this is one):
#   default/web:http              TCP 10.96.0.100:80 (NodePort 30080, eTP Cluster) -> 10.244.1.5:8080, 10.244.1.6:8080 (node-1)
#   default/kubernetes:https      TCP 10.96.0.1:443                   -> 192.168.56.10:6443 (node-0)
#   kube-system/kube-dns:dns      UDP 10.96.0.10:53                   -> 10.244.0.2:53, 10.244.0.3:53 (node-0)
#   kube-system/kube-dns:dns-tcp  TCP 10.96.0.10:53                   -> 10.244.0.2:53, 10.244.0.3:53 (node-0)
#   kube-system/kube-dns:metrics  TCP 10.96.0.10:9153                 -> 10.244.0.2:9153, 10.244.0.3:9153 (node-0)
#   default/api:http              TCP 10.96.0.200:80 (NodePort 30200, eTP Cluster) -> 10.244.2.7:8080, 10.244.2.8:8080 (node-2)
#   default/api-local:http        TCP 10.96.0.201:80 (NodePort 30201, eTP Local)   -> 10.244.2.7:8080, 10.244.2.8:8080 (node-2)
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
# kubelet
:KUBE-IPTABLES-HINT - [0:0]
:KUBE-KUBELET-CANARY - [0:0]
# kube-proxy
:KUBE-PROXY-CANARY - [0:0]
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
# kubelet
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-FIREWALL - [0:0]
# kube-proxy
:KUBE-PROXY-CANARY - [0:0]
# flanneld
:FLANNEL-FWD - [0:0]
# kube-proxy payload chains
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
# jump rules, final per-chain order (kube-proxy prepends; kubelet's KUBE-FIREWALL
# jumps existed before kube-proxy's first sync; flanneld appends)
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A INPUT -j KUBE-FIREWALL
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -j KUBE-FIREWALL
# flanneld (AppendUnique)
-A FLANNEL-FWD -s $CLUSTER_CIDR -m comment --comment "flanneld forward" -j ACCEPT
-A FLANNEL-FWD -d $CLUSTER_CIDR -m comment --comment "flanneld forward" -j ACCEPT
# kube-proxy payload (filter)
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
EOF
  if [ "${#FILTER_RULES[@]}" -gt 0 ]; then printf '%s\n' "${FILTER_RULES[@]}"; fi
  cat <<EOF
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
# kubelet
:KUBE-KUBELET-CANARY - [0:0]
# kube-proxy
:KUBE-PROXY-CANARY - [0:0]
# flanneld
:FLANNEL-POSTRTG - [0:0]
# kube-proxy payload (nat): chain lines in proxier order
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
EOF
  printf '%s\n' "${NAT_CHAINS[@]}"
  cat <<EOF
# jump rules (kube-proxy prepends, flanneld appends)
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG
# flanneld masq rules (cluster $CLUSTER_CIDR, lease $lease, random-fully supported)
-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s $lease -d $CLUSTER_CIDR -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s $CLUSTER_CIDR -d $lease -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG ! -s $CLUSTER_CIDR -d $lease -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s $CLUSTER_CIDR ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
-A FLANNEL-POSTRTG ! -s $CLUSTER_CIDR -d $CLUSTER_CIDR -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
# kube-proxy payload (nat)
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
EOF
  printf '%s\n' "${NAT_RULES[@]}"
  cat <<EOF
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
EOF
}

case "${1:-}" in
  --print)
    # Additive, for tests/kernel/cluster: CL_EXTRA_SERVICES (one Service per line, in the
    # SERVICES format above) is appended to SERVICES for this printout only; the committed
    # node-N.rules and --check never see it.
    if [ -n "${CL_EXTRA_SERVICES:-}" ]; then
      while IFS= read -r extra; do [ -n "$extra" ] && SERVICES+=("$extra"); done <<<"$CL_EXTRA_SERVICES"
    fi
    gen_node "$2"
    ;;
  --check)
    rc=0
    for n in 0 1 2; do
      if ! gen_node "$n" | cmp -s - "$HERE/node-$n.rules"; then
        echo "gen-rules.sh: $HERE/node-$n.rules differs from the generator output (run gen-rules.sh)" >&2
        rc=1
      fi
    done
    exit "$rc"
    ;;
  "")
    for n in 0 1 2; do gen_node "$n" >"$HERE/node-$n.rules"; done
    echo "wrote $HERE/node-{0,1,2}.rules" >&2
    ;;
  *) echo "usage: $0 [--check | --print N]" >&2; exit 2 ;;
esac
