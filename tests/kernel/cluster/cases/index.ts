/** The cross-node cases, in the order they run (cases that change the lab's state run last). */
import clusteripMixedLocal from './clusterip-mixed-local';
import clusteripMixedRemote from './clusterip-mixed-remote';
import clusteripRemoteApi1 from './clusterip-remote-api-1';
import clusteripRemoteApi2 from './clusterip-remote-api-2';
import forwardDropReceiver from './forward-drop-receiver';
import hostToClusterip from './host-to-clusterip';
import hostToRemotePod from './host-to-remote-pod';
import missingFdb from './missing-fdb';
import nodeportClusterApi1 from './nodeport-cluster-api-1';
import nodeportClusterApi2 from './nodeport-cluster-api-2';
import nodeportLocalEndpoint from './nodeport-local-endpoint';
import nodeportLocalNoEndpoint from './nodeport-local-no-endpoint';
import podToOutside from './pod-to-outside';
import podToPodVxlan from './pod-to-pod-vxlan';
import podToPodVxlanReverse from './pod-to-pod-vxlan-reverse';
import podToRemoteNode from './pod-to-remote-node';
import threeNodeNodeport from './three-node-nodeport';
import udpKubeDns from './udp-kube-dns';
import wrongVni from './wrong-vni';
import type { ClusterCase } from '../types';

export const CLUSTER_CASES: ClusterCase[] = [
  podToPodVxlan,
  podToPodVxlanReverse,
  clusteripRemoteApi1,
  clusteripRemoteApi2,
  nodeportClusterApi1,
  nodeportClusterApi2,
  nodeportLocalEndpoint,
  nodeportLocalNoEndpoint,
  hostToRemotePod,
  hostToClusterip,
  podToRemoteNode,
  podToOutside,
  threeNodeNodeport,
  udpKubeDns,
  clusteripMixedLocal,
  clusteripMixedRemote,
  forwardDropReceiver,
  missingFdb,
  wrongVni,
];
