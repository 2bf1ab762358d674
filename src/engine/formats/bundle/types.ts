/** What `splitBundle` cuts a node bundle (or a shell transcript) into. */
import type { InputFormat } from '../../model/types';

export interface BundleSection {
  /** From `### hopscope-node: NAME`, else the host of the prompt (`root@node-1:~#`), else `"node"`. */
  node: string;
  /** From `### hopscope-netns: NAME` or the command (`ip netns exec NAME ...`); absent for the root namespace. */
  netns?: string;
  /** The command as written after `### hopscope-section:` or after the prompt. */
  command: string;
  /** The parser to use; `'unknown'` for commands Hopscope has no parser for (see `tool`). */
  format: InputFormat;
  /**
   * What the command is, more finely than `format`: `ip-addr`, `ip-route`, `iptables-save`,
   * `ipvsadm`/`ipvsadm-save` (both format `ipvsadm`), `ip6tables-save`, `nft`, `ovs-vsctl`, `sysctl`
   * (format `unknown`), `kubectl-pods`, ..., or the program's name for anything else.
   */
  tool: string;
  /**
   * The section's lines, exactly as in the bundle (same columns). For `### hopscope-section:` sections
   * the text starts on the line after the marker; for transcript sections it starts with the prompt
   * line itself, so parsers that read the pasted command (`iptables -t nat -S`, `ip route show table 5`)
   * still see it.
   */
  text: string;
  /** 1-based bundle line of the marker or prompt line that opened the section. */
  startLine: number;
  /** Line L of `text` is line `L + lineOffset` of the bundle (`relocate.ts` applies this to spans). */
  lineOffset: number;
  /** How the section was found. */
  origin: 'marker' | 'prompt';
  /** Lines the command wrote to stderr (`### hopscope-stderr:`), when the collect script recorded any. */
  stderr?: string[];
  /** The command's exit status when it was not 0 (`### hopscope-exit: N`). */
  exitStatus?: number;
}
