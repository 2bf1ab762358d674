#!/usr/bin/env bash
#
# Compares two outputs of make-cluster.sh (e.g. CL_OUT=/tmp/a and the committed scenarios/), to
# show the lab is repeatable. Prints a diff of every dump after masking what legitimately changes
# from run to run, and compares the kernel's record (the matched rules per endpoint and node,
# from each kernel.md's Summary table):
#   * iptables-save: "Generated/Completed on <date>" lines;
#   * ip -d addr: the bridge timers (hello/tcn/topology_change/gc/hold/message_age/forward_delay);
#   * ip neigh: line order (the neighbour hash table is seeded per netns);
#   * conntrack -L: timeouts, outer VXLAN source ports, MASQUERADE ports (random-fully).
#
#   scripts/lab/cluster/compare-runs.sh DIR_A DIR_B     exit 0 if nothing else differs
# (only the lab's own files: the member folders and kernel.md; scenario.yaml / expected.txt are ignored)
set -uo pipefail
A=${1:?usage: compare-runs.sh DIR_A DIR_B} B=${2:?usage: compare-runs.sh DIR_A DIR_B}
SCENS=(pod-to-pod-vxlan clusterip-cross-node nodeport-cluster nodeport-local)

norm() { # file
  case "$1" in
    */iptables-save.txt) sed -E 's/ on [A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]+ [0-9:]+ [0-9]{4}$/ on DATE/' "$1" ;;
    */ip-addr.txt) sed -E 's/(hello_timer|tcn_timer|topology_change_timer|gc_timer|hold_timer|message_age_timer|forward_delay_timer) +[0-9.]+/\1 T/g' "$1" ;;
    */ip-neigh.txt) sort "$1" ;;
    */conntrack.txt)
      sed -E 's/^(tcp|udp) +([0-9]+) [0-9]+ /\1 \2 TIMEOUT /; s/(sport|dport)=[0-9]+ dport=8472/\1=PORT dport=8472/;
              s/sport=8472 dport=[0-9]+/sport=8472 dport=PORT/
              s/src=10\.244\.1\.0 dst=10\.244\.2\.([78]) sport=[0-9]+/src=10.244.1.0 dst=10.244.2.\1 sport=PORT/
              s/src=10\.244\.2\.([78]) dst=10\.244\.1\.0 sport=8080 dport=[0-9]+/src=10.244.2.\1 dst=10.244.1.0 sport=8080 dport=PORT/' "$1" | sort ;;
    *) cat "$1" ;;
  esac
}

rc=0
for s in "${SCENS[@]}"; do
  for f in $(cd "$A/$s" && find . -mindepth 2 -name '*.txt' | sort); do
    if [ ! -e "$B/$s/$f" ]; then echo "only in $A: $s/$f"; rc=1; continue; fi
    if ! diff -u --label "$A/$s/$f" --label "$B/$s/$f" <(norm "$A/$s/$f") <(norm "$B/$s/$f"); then rc=1; fi
  done
  for f in $(cd "$B/$s" && find . -mindepth 2 -name '*.txt' | sort); do
    [ -e "$A/$s/$f" ] || { echo "only in $B: $s/$f"; rc=1; }
  done
  # the kernel's record: "endpoint node: rules" rows of the Summary table, order-independent
  summ() { awk -F' [|] ' '/^## Summary/ { p = 1; next } p && /^## / { p = 0 } p && /^[|] `/ { print $2 " " $3 ": " $4 }' "$1/$s/kernel.md" | sort -u; }
  if ! diff -u --label "$A/$s/kernel.md (summary)" --label "$B/$s/kernel.md (summary)" <(summ "$A") <(summ "$B"); then rc=1; fi
done
[ "$rc" = 0 ] && echo "compare-runs: $A and $B agree (dumps modulo dates/timers/neighbour order/ports; same matched rules per endpoint and node)"
exit "$rc"
