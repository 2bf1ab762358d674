/**
 * An nftables case of the kernel conformance suite (tests/kernel/nft.test.ts): the topology of
 * the iptables cases, a ruleset loaded with `nft -f` (and, for side-by-side cases,
 * iptables-restore), one traced packet (or one per endpoint), what the kernel must do.
 */
import type { SimSettings } from '../../../src/engine/index';
import type { Outcome, RejectKind, SendSpec, Topology } from '../harness/types';

/** One step of loading the node's rules, in this order (the order decides hook registration). */
export type LoadStep = { nft: string } | { iptables: string };

export interface NftCase {
  /** File name without .ts (in tests/kernel/nft/cases); also the results folder name. */
  name: string;
  title: string;
  topology: Topology;
  load: LoadStep[];
  /** The engine reads `nft -j list ruleset` instead of the text (the JSON parser). */
  json?: boolean;
  /** Extra lab steps after the topology (kernel-lib.sh lines). */
  setup?: string[];
  listeners: { role: string; ports: string[] }[];
  /** Untraced connections before the dumps are taken (fill a dynamic set, create a conntrack entry). */
  warmup?: SendSpec[];
  /** Give the engine `conntrack -L` of the node, taken after the warmup. */
  conntrackDump?: boolean;
  send: SendSpec;
  /**
   * Repeat the traced connection from sport, sport+1, ... until `need` different receivers
   * answered (every numgen branch) or `max` connections were made. Every one is compared.
   */
  every?: { need: number; max: number };
  expectKernel: { outcome: Outcome; at?: string; rejectWith?: RejectKind };
  /** After the traced packets, this many TCP connections from ephemeral ports (distribution). */
  distribution?: { connections: number };
  settings?: Partial<SimSettings>;
}
