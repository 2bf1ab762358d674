/** What `kubectl get pods|svc|nodes [-A] [-o wide]` text tables parse into. */
import type { SourceSpan } from '../../diagnostics';

export interface KubePod {
  /** Absent without `-A`/`NAMESPACE` column (the paste does not say which namespace). */
  namespace?: string;
  name: string;
  /** `1/1`. */
  ready?: string;
  /** `Running`, `Pending`, `CrashLoopBackOff`, `Init:0/1`, `Terminating`, ... */
  status?: string;
  /** The count of `2 (5m ago)`. */
  restarts?: number;
  age?: string;
  /** Only with `-o wide`. Absent for `<none>` (pending pods). Dotted IPv4, or IPv6 text. The first podIP only. */
  ip?: string;
  /** Only with `-o wide`; absent for `<none>` (not scheduled). */
  node?: string;
  nominatedNode?: string;
  span: SourceSpan;
}

export interface KubeServicePort {
  port: number;
  /** `80:30080/TCP` → 30080 (NodePort and LoadBalancer services). */
  nodePort?: number;
  /** `TCP`, `UDP`, `SCTP`. */
  protocol: string;
}

export interface KubeService {
  namespace?: string;
  name: string;
  /** `ClusterIP`, `NodePort`, `LoadBalancer`, `ExternalName`. */
  type: string;
  /** Absent for headless services (`None`) and ExternalName services (`<none>`). */
  clusterIP?: string;
  /** CLUSTER-IP `None`. */
  headless: boolean;
  /** EXTERNAL-IP addresses (spec.externalIPs and load-balancer ingress IPs). */
  externalIPs: string[];
  /** Load-balancer ingress hostnames, and the DNS name of an ExternalName service. */
  externalNames: string[];
  /** EXTERNAL-IP `<pending>`: a LoadBalancer without an address yet. */
  externalPending: boolean;
  /** PORT(S); empty for `<none>`. */
  ports: KubeServicePort[];
  /** `-o wide` SELECTOR (`app=web,tier=front`); absent when not shown or `<none>`. */
  selector?: Record<string, string>;
  age?: string;
  span: SourceSpan;
}

export interface KubeNode {
  name: string;
  /** `Ready`, `NotReady`, `Ready,SchedulingDisabled`. */
  status?: string;
  /** `control-plane`, `worker`; empty for `<none>`. */
  roles: string[];
  age?: string;
  version?: string;
  /** Only with `-o wide`. */
  internalIP?: string;
  externalIP?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntime?: string;
  span: SourceSpan;
}

export interface KubePodList { pods: KubePod[]; files: string[] }
export interface KubeServiceList { services: KubeService[]; files: string[] }
export interface KubeNodeList { nodes: KubeNode[]; files: string[] }
