/** default/mixed: one endpoint on node-1 (web-1), one on node-2 (api-1); loaded on every node for the two clusterip-mixed cases. */
export const MIXED_SERVICE = 'default mixed http tcp 10.96.0.202 80 0 Cluster 10.244.1.5:8080@1,10.244.2.7:8080@2';
