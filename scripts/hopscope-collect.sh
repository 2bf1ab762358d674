#!/bin/sh
# hopscope-collect.sh: prints one node's networking state as a Hopscope node bundle (docs/bundle.md).
#
#   sudo sh hopscope-collect.sh [-n NAME] [-p] [-P] [-k] > node-1.bundle.txt
#
#   -n NAME  node name (default: the hostname)
#   -p       also collect `ip -d addr` and `ip route` inside every namespace of `ip netns list`
#   -P       also collect them inside running pods' namespaces (needs crictl and nsenter)
#   -k       also collect `kubectl get pods/svc/nodes -o wide` (when kubectl reaches the cluster)
#
# Read-only: every command only lists state. Commands that are not installed are skipped with a
# `### hopscope-skipped:` line. POSIX sh: runs under dash, bash and busybox sh.
# Concatenate several nodes' outputs into one file to make a cluster bundle.

set -u

VERSION=1
NODE=''
NETNS=0
PODS=0
KUBE=0

usage() {
  sed -n '2,9s/^# \{0,1\}//p' "$0" 2>/dev/null || echo "usage: $0 [-n NAME] [-p] [-P] [-k]"
}

while getopts 'n:pPkh' opt; do
  case $opt in
    n) NODE=$OPTARG ;;
    p) NETNS=1 ;;
    P) PODS=1 ;;
    k) KUBE=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [ -z "$NODE" ]; then
  NODE=$(hostname 2>/dev/null || uname -n 2>/dev/null || echo node)
fi
if [ "$(id -u 2>/dev/null)" != 0 ]; then
  echo "hopscope-collect: not running as root; most commands will show less or fail." >&2
fi

TMP=$(mktemp -d 2>/dev/null) || TMP=/tmp/hopscope-collect.$$
mkdir -p "$TMP" && chmod 700 "$TMP" || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
: > "$TMP/seen"

have() {
  command -v "$1" >/dev/null 2>&1
}

skipped() { # TITLE REASON
  printf '### hopscope-skipped: %s (%s)\n' "$1" "$2"
}

# section TITLE CMD [ARGS...]: the command's stdout, then its stderr lines and a non-zero status.
section() {
  title=$1
  shift
  printf '### hopscope-section: %s\n' "$title"
  "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
  status=$?
  cat "$TMP/out"
  # A directive must start its own line, even after output without a final newline.
  if [ -s "$TMP/out" ] && [ -n "$(tail -c 1 "$TMP/out")" ]; then echo; fi
  while IFS= read -r line || [ -n "$line" ]; do
    printf '### hopscope-stderr: %s\n' "$line"
  done <"$TMP/err"
  if [ "$status" -ne 0 ]; then printf '### hopscope-exit: %s\n' "$status"; fi
}

# collect PROGRAM TITLE CMD [ARGS...]: a section when PROGRAM is installed, else a skipped line.
collect() {
  program=$1
  shift
  if have "$program"; then section "$@"; else skipped "$1" 'not installed'; fi
}

# The network namespace inode of a path such as /proc/PID/ns/net or /run/netns/NAME.
ns_inode() {
  stat -L -c %i "$1" 2>/dev/null
}

seen_ns() { # INODE: true when that namespace was collected already; records it otherwise
  if grep -qx "$1" "$TMP/seen"; then return 0; fi
  echo "$1" >>"$TMP/seen"
  return 1
}

printf '### hopscope-bundle: %s\n' "$VERSION"
printf '### hopscope-node: %s\n' "$NODE"
printf '### hopscope-note: hopscope-collect %s at %s\n' "$VERSION" "$(date -u '+%Y-%m-%dT%H:%M:%SZ' 2>/dev/null)"

self_ns=$(ns_inode /proc/self/ns/net)
[ -n "$self_ns" ] && seen_ns "$self_ns"

collect ip 'ip -d addr' ip -d addr
collect ip 'ip route show table all' ip route show table all
collect ip 'ip rule' ip rule
collect ip 'ip neigh' ip neigh
collect bridge 'bridge fdb show' bridge fdb show
collect iptables-save 'iptables-save' iptables-save
collect ip6tables-save 'ip6tables-save' ip6tables-save
collect nft 'nft list ruleset' nft list ruleset
collect ipset 'ipset list' ipset list
# ipvsadm loads the ip_vs module when it is missing; only ask when IPVS is already in use.
if ! have ipvsadm; then
  skipped 'ipvsadm -Ln' 'not installed'
  skipped 'ipvsadm -Sn' 'not installed'
elif [ ! -e /proc/net/ip_vs ]; then
  skipped 'ipvsadm -Ln' 'ip_vs not loaded'
  skipped 'ipvsadm -Sn' 'ip_vs not loaded'
else
  section 'ipvsadm -Ln' ipvsadm -Ln
  section 'ipvsadm -Sn' ipvsadm -Sn
fi
# Likewise conntrack would load nf_conntrack_netlink; without nf_conntrack there is nothing to list.
if ! have conntrack; then
  skipped 'conntrack -L' 'not installed'
elif [ ! -e /proc/sys/net/netfilter/nf_conntrack_count ]; then
  skipped 'conntrack -L' 'nf_conntrack not loaded'
else
  section 'conntrack -L' conntrack -L
fi
# Without a timeout ovs-vsctl waits forever for an ovsdb-server that is not running.
collect ovs-vsctl 'ovs-vsctl --timeout=5 show' ovs-vsctl --timeout=5 show
# Each bridge's port numbers and flows: the flows name ports by number, ovs-ofctl show maps them.
if have ovs-vsctl && have ovs-ofctl; then
  for br in $(ovs-vsctl --timeout=5 list-br 2>/dev/null); do
    section "ovs-ofctl show $br" ovs-ofctl show "$br"
    section "ovs-ofctl -O OpenFlow13 dump-flows $br" ovs-ofctl -O OpenFlow13 dump-flows "$br"
  done
fi
collect sysctl 'sysctl -e net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.ipv4.conf.all.rp_filter' \
  sysctl -e net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.ipv4.conf.all.rp_filter

if [ "$KUBE" = 1 ]; then
  if ! have kubectl; then
    skipped 'kubectl get pods -A -o wide' 'not installed'
  elif ! kubectl --request-timeout=10s get --raw /version >/dev/null 2>&1; then
    skipped 'kubectl get pods -A -o wide' 'kubectl cannot reach the cluster'
  else
    section 'kubectl get nodes -o wide' kubectl --request-timeout=20s get nodes -o wide
    section 'kubectl get pods -A -o wide' kubectl --request-timeout=20s get pods -A -o wide
    section 'kubectl get svc -A -o wide' kubectl --request-timeout=20s get svc -A -o wide
  fi
fi

# Pods first, so a CNI namespace that is a pod's is named after the pod, not `cni-…`.
if [ "$PODS" = 1 ]; then
  if ! have crictl || ! have nsenter; then
    skipped 'crictl pods' 'crictl or nsenter not installed'
  else
    crictl pods -q --state ready >"$TMP/pods" 2>/dev/null || : >"$TMP/pods"
    while IFS= read -r pod; do
      [ -n "$pod" ] || continue
      info=$(crictl inspectp -o go-template --template '{{.info.pid}} {{.status.metadata.namespace}}/{{.status.metadata.name}} {{.status.linux.namespaces.options.network}}' "$pod" 2>/dev/null) || continue
      set -- $info
      pid=${1:-}; name=${2:-}; mode=${3:-}
      case $pid in '' | *[!0-9]*) continue ;; esac
      [ "$mode" = NODE ] && continue # hostNetwork: the node's own namespace
      inode=$(ns_inode "/proc/$pid/ns/net")
      [ -n "$inode" ] || continue
      seen_ns "$inode" && continue
      printf '### hopscope-netns: %s\n' "$name"
      section "nsenter -t $pid -n ip -d addr" nsenter -t "$pid" -n ip -d addr
      section "nsenter -t $pid -n ip route show table all" nsenter -t "$pid" -n ip route show table all
    done <"$TMP/pods"
    printf '### hopscope-netns:\n'
  fi
fi

if [ "$NETNS" = 1 ]; then
  if ! ip netns list >"$TMP/netns" 2>/dev/null; then
    skipped 'ip netns list' 'this ip has no netns support'
  else
    # Lines look like `cni-1a2b (id: 0)`; the name is the first word.
    while read -r ns rest; do
      [ -n "$ns" ] || continue
      inode=$(ns_inode "/run/netns/$ns") || inode=$(ns_inode "/var/run/netns/$ns")
      if [ -n "$inode" ] && seen_ns "$inode"; then continue; fi
      printf '### hopscope-netns: %s\n' "$ns"
      section "ip -n $ns -d addr" ip -n "$ns" -d addr
      section "ip -n $ns route show table all" ip -n "$ns" route show table all
    done <"$TMP/netns"
    printf '### hopscope-netns:\n'
  fi
fi

printf '### hopscope-end\n'
