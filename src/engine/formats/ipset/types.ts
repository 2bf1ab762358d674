/** What `ipset list` and `ipset save` parse into. */
import type { SourceSpan } from '../../diagnostics';

/** One member as written (`10.96.0.1,tcp:443`, `30080`, `10.244.0.0/16`), split into its dimensions. */
export interface IpsetMember {
  text: string;
  parts: string[];
  span: SourceSpan;
}

export interface Ipset {
  name: string;
  /** e.g. `hash:ip,port`, `bitmap:port`. */
  type: string;
  family: 'inet' | 'inet6';
  members: IpsetMember[];
  span: SourceSpan;
}

export interface IpsetDump {
  sets: Map<string, Ipset>;
  files: string[];
}
