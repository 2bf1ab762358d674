#!/usr/bin/env bash
# Writes scenarios/openshift-sdn/: two OpenShift SDN worker nodes as node bundles. The br0 flows
# follow openshift-sdn's pipeline (pkg/network/node/ovscontroller.go, the subnet tables 0-101)
# and are loaded into a private userspace Open vSwitch, so `ovs-ofctl show` and `ovs-ofctl
# dump-flows` in the bundles are what OVS itself printed. Addresses follow seed 001: service
# network 172.30.0.0/16, cluster network 10.128.0.0/14 with /23 per node, tun0 MTU 1450.
# Needs root-free OVS tools only (ovsdb-server, ovs-vswitchd --enable-dummy, ovs-ofctl).
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=scenarios/openshift-sdn
mkdir -p "$OUT"
RUN=$(mktemp -d /tmp/hopscope-sdn-XXXX)
export OVS_RUNDIR=$RUN OVS_LOGDIR=$RUN OVS_DBDIR=$RUN OVS_SYSCONFDIR=$RUN
cleanup() {
  for d in ovs-vswitchd ovsdb-server; do [ -f "$RUN/$d.pid" ] && kill "$(cat "$RUN/$d.pid")" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT
ovsdb-tool create "$RUN/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server --detach --no-chdir --pidfile="$RUN/ovsdb-server.pid" --remote=punix:"$RUN/db.sock" --log-file="$RUN/ovsdb-server.log" "$RUN/conf.db"
ovs-vsctl --no-wait init
ovs-vswitchd --enable-dummy --disable-system --detach --no-chdir --pidfile="$RUN/ovs-vswitchd.pid" --log-file="$RUN/ovs-vswitchd.log"

VNID=0xb3c1a1   # the project "almighty"

# flows NODE_SUBNET GATEWAY POD_IP REMOTE_SUBNET REMOTE_NODE
flows() {
  cat <<FLOWS
table=0,priority=250,ip,in_port=2,nw_src=10.128.0.0/14,nw_dst=224.0.0.0/4 actions=drop
table=0,priority=200,arp,in_port=1,arp_spa=10.128.0.0/14,arp_tpa=$1 actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0,priority=200,ip,in_port=1,nw_src=10.128.0.0/14 actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0,priority=200,ip,in_port=1,nw_dst=10.128.0.0/14 actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0,priority=200,arp,in_port=2,arp_spa=$2,arp_tpa=10.128.0.0/14 actions=goto_table:30
table=0,priority=200,ip,in_port=2 actions=goto_table:30
table=0,priority=150,in_port=1 actions=drop
table=0,priority=150,in_port=2 actions=drop
table=0,priority=100,arp actions=goto_table:20
table=0,priority=100,ip actions=goto_table:20
table=0,priority=0 actions=drop
table=10,priority=100,tun_src=$5 actions=goto_table:30
table=10,priority=0 actions=drop
table=20,priority=100,arp,in_port=3,arp_spa=$3 actions=load:$VNID->NXM_NX_REG0[],goto_table:21
table=20,priority=100,ip,in_port=3,nw_src=$3 actions=load:$VNID->NXM_NX_REG0[],goto_table:21
table=20,priority=0 actions=drop
table=21,priority=0 actions=goto_table:30
table=30,priority=300,arp,arp_tpa=$2 actions=output:2
table=30,priority=200,arp,arp_tpa=$1 actions=goto_table:40
table=30,priority=100,arp,arp_tpa=10.128.0.0/14 actions=goto_table:50
table=30,priority=300,ip,nw_dst=$2 actions=output:2
table=30,priority=100,ip,nw_dst=172.30.0.0/16 actions=goto_table:60
table=30,priority=200,ip,nw_dst=$1 actions=goto_table:70
table=30,priority=100,ip,nw_dst=10.128.0.0/14 actions=goto_table:90
table=30,priority=0,ip actions=goto_table:100
table=30,priority=0,arp actions=drop
table=40,priority=100,arp,arp_tpa=$3 actions=output:3
table=40,priority=0 actions=drop
table=50,priority=100,arp,arp_tpa=$4 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:$5->tun_dst,output:1
table=50,priority=0 actions=drop
table=60,priority=200 actions=output:2
table=60,priority=0 actions=drop
table=70,priority=100,ip,nw_dst=$3 actions=load:$VNID->NXM_NX_REG1[],load:0x3->NXM_NX_REG2[],goto_table:80
table=70,priority=0 actions=drop
table=80,priority=300,ip,nw_src=$2 actions=output:NXM_NX_REG2[]
table=80,priority=200,reg0=0 actions=output:NXM_NX_REG2[]
table=80,priority=200,reg1=0 actions=output:NXM_NX_REG2[]
table=80,priority=100,reg0=$VNID,reg1=$VNID actions=output:NXM_NX_REG2[]
table=80,priority=0 actions=drop
table=90,priority=100,ip,nw_dst=$4 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:$5->tun_dst,output:1
table=90,priority=0 actions=drop
table=100,priority=0 actions=goto_table:101
table=101,priority=0 actions=output:2
table=110,priority=0 actions=drop
table=111,priority=100 actions=goto_table:120
table=120,priority=0 actions=drop
FLOWS
}

# node NAME NODE_IP SUBNET GW POD_IP REMOTE_SUBNET REMOTE_NODE VETH POD_NS POD MAC_SUFFIX
node() {
  local name=$1 ip=$2 subnet=$3 gw=$4 pod_ip=$5 rsub=$6 rnode=$7 veth=$8 pod_ns=$9 pod=${10} n=${11}
  ovs-vsctl --if-exists del-br br0
  ovs-vsctl add-br br0 -- set bridge br0 datapath_type=dummy fail-mode=secure \
    -- add-port br0 vxlan0 -- set interface vxlan0 type=vxlan options:remote_ip=flow options:key=flow options:dst_port=4789 ofport_request=1 \
    -- add-port br0 tun0 -- set interface tun0 type=internal ofport_request=2 \
    -- add-port br0 "$veth" -- set interface "$veth" type=dummy ofport_request=3
  flows "$subnet" "$gw" "$pod_ip" "$rsub" "$rnode" > "$RUN/flows"
  ovs-ofctl -O OpenFlow13 add-flows br0 "$RUN/flows"
  local mask=${subnet#*/} base=${subnet%.*}
  {
    echo "### hopscope-bundle: 1"
    echo "### hopscope-node: $name"
    echo "### hopscope-note: OpenShift SDN (ovs-subnet pipeline); br0 printed by Open vSwitch $(ovs-vswitchd --version | head -1 | awk '{print $NF}')"
    echo "### hopscope-section: ip -d addr"
    cat <<ADDR
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 52:54:00:6e:0$n:04 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535
    inet $ip/24 brd 10.0.0.255 scope global noprefixroute ens3
       valid_lft forever preferred_lft forever
3: ovs-system: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
    link/ether 7a:4c:2e:91:0$n:13 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
4: br0: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN group default qlen 1000
    link/ether 2e:5b:8f:1a:0$n:40 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
5: vxlan_sys_4789: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000 qdisc noqueue master ovs-system state UNKNOWN group default qlen 1000
    link/ether 9e:2c:51:0b:0$n:12 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
    vxlan external id 0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 udpcsum udp6zerocsumtx udp6zerocsumrx
    openvswitch_slave numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
6: tun0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000
    link/ether 5e:3c:0f:2b:0$n:aa brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
    inet $gw/$mask brd $base.255 scope global tun0
       valid_lft forever preferred_lft forever
7: $veth@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master ovs-system state UP group default
    link/ether 1e:2d:3c:4b:0$n:69 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1 minmtu 68 maxmtu 65535
    veth
    openvswitch_slave numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
ADDR
    echo "### hopscope-section: ip route show table all"
    cat <<ROUTE
default via 10.0.0.1 dev ens3 proto static metric 100
10.0.0.0/24 dev ens3 proto kernel scope link src $ip metric 100
10.128.0.0/14 dev tun0 scope link
$subnet dev tun0 proto kernel scope link src $gw
172.30.0.0/16 dev tun0
local 10.0.0.$((3 + n)) dev ens3 table local proto kernel scope host src $ip
local $gw dev tun0 table local proto kernel scope host src $gw
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1
ROUTE
    echo "### hopscope-section: iptables-save"
    sed -e "s/@NODE@/$name/" scripts/lab/openshift-sdn/iptables-save.txt
    echo "### hopscope-section: ovs-vsctl --timeout=5 show"
    ovs-vsctl show | sed -e 's/^\(\s*type: \)dummy$/&/' | grep -v '^\s*type: dummy$' | grep -v 'datapath_type: dummy'
    echo "### hopscope-section: ovs-ofctl show br0"
    ovs-ofctl show br0
    echo "### hopscope-section: ovs-ofctl -O OpenFlow13 dump-flows br0"
    ovs-ofctl -O OpenFlow13 dump-flows br0
    echo "### hopscope-netns: $pod_ns/$pod"
    echo "### hopscope-section: ip -d addr"
    cat <<PODADDR
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
3: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default
    link/ether 0a:58:${pod_ip_hex:-0a:81:00:05} brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0 minmtu 68 maxmtu 65535
    veth numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
    inet $pod_ip/$mask brd $base.255 scope global eth0
       valid_lft forever preferred_lft forever
PODADDR
    echo "### hopscope-section: ip route show table all"
    cat <<PODROUTE
default via $gw dev eth0
10.128.0.0/14 dev eth0
$subnet dev eth0 proto kernel scope link src $pod_ip
224.0.0.0/4 dev eth0
local $pod_ip dev eth0 table local proto kernel scope host src $pod_ip
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
PODROUTE
    echo "### hopscope-end"
  } > "$OUT/$name.bundle.txt"
}

pod_ip_hex=0a:81:00:05 node worker-1 10.0.0.4 10.129.0.0/23 10.129.0.1 10.129.0.5 10.128.2.0/23 10.0.0.5 vethc1a2b3c4 almighty client 1
pod_ip_hex=0a:80:02:97 node worker-2 10.0.0.5 10.128.2.0/23 10.128.2.1 10.128.2.151 10.129.0.0/23 10.0.0.4 veth5d6e7f80 almighty almighty5-web 2
echo "wrote $OUT/worker-1.bundle.txt $OUT/worker-2.bundle.txt"
