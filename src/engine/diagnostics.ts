/**
 * Diagnostics: every problem a parser or the simulator finds is a value, never an exception.
 * Codes are stable (tests and docs refer to them) and live in one table.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A 1-based location in a named input. `endColumn` is exclusive. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endColumn?: number;
}

export interface Diagnostic extends SourceSpan {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
}

/** The one table of diagnostic codes. Add new codes at the end of their group; never renumber. */
export const DIAGNOSTIC_CODES = {
  // input and detection
  IN001: 'The input is empty.',
  IN002: 'The format of this input could not be recognised.',
  IN003: 'The input contains bytes that are not valid UTF-8; they were replaced.',
  // iptables-save / iptables -S / iptables -L
  IPT001: 'A rule appears outside of a table (missing "*table" line).',
  IPT002: 'Unknown table name.',
  IPT003: 'A table was not closed with COMMIT.',
  IPT004: 'Malformed chain declaration.',
  IPT005: 'A rule refers to a chain that was not declared.',
  IPT006: 'An option is missing its value.',
  IPT007: 'Unknown option; the rule is kept but this part is not simulated.',
  IPT008: 'Unterminated quoted string.',
  IPT009: 'Invalid address or mask.',
  IPT010: 'Invalid port or port range.',
  IPT011: 'Unknown match module; the rule is kept and marked "not simulated".',
  IPT012: 'Unknown target; the rule is kept and marked "not simulated".',
  IPT013: 'The line could not be understood and was skipped.',
  IPT014: 'Lossy input (iptables -L): some details cannot be recovered; the rule is approximate.',
  IPT015: 'Duplicate chain declaration.',
  IPT016: 'Invalid value for an option.',
  // ip addr / ip link
  LNK001: 'Malformed interface header line.',
  LNK002: 'An address line appears before any interface.',
  LNK003: 'Invalid address.',
  LNK004: 'Line not understood; skipped.',
  // ip route
  RT001: 'Malformed route line; skipped.',
  RT002: 'Invalid destination prefix.',
  RT003: 'Invalid gateway address.',
  RT004: 'A nexthop line appears without a multipath route before it.',
  // ipset list / ipset save
  IPS001: 'A set attribute appears before any "Name:" line.',
  IPS002: 'A member is added to a set that was not created.',
  IPS003: 'Line not understood; skipped.',
  // ip neigh
  NEI001: 'Malformed neighbour line; skipped.',
  NEI002: 'Invalid neighbour address.',
  NEI003: 'Invalid link-layer (MAC) address.',
  NEI004: 'Neighbour attribute not understood; ignored.',
  NEI005: 'IPv6 neighbours were skipped: Hopscope simulates IPv4 only.',
  // bridge fdb
  FDB001: 'Malformed forwarding-database line; skipped.',
  FDB002: 'Invalid MAC address.',
  FDB003: 'Invalid value for an attribute.',
  FDB004: 'Forwarding-database attribute not understood; ignored.',
  // conntrack -L / /proc/net/nf_conntrack
  CT001: 'Line not understood as a conntrack entry; skipped.',
  CT002: 'A conntrack entry lacks its original or reply tuple; skipped.',
  CT003: 'Invalid value in a conntrack entry.',
  CT004: 'Conntrack field not understood; ignored.',
  CT005: 'IPv6 conntrack entries were skipped: Hopscope simulates IPv4 only.',
  // kubectl get pods / svc / nodes
  KUB001: 'A row appears before any kubectl header line; skipped.',
  KUB002: 'A row does not fit the header\'s columns; skipped.',
  KUB003: 'Invalid IP address in a kubectl column.',
  KUB004: 'Invalid PORT(S) entry.',
  KUB005: 'A column the model needs is missing (use -o wide).',
  KUB006: 'Line not understood; skipped.',
  // node bundles
  BND001: 'Bundle directive not understood; ignored.',
  BND002: 'Text before the first section; ignored.',
  BND003: 'A command was skipped by the collect script.',
  BND004: 'The command of a section was not recognised; its text is kept with format "unknown".',
  BND005: 'A command wrote to stderr or exited with an error.',
  BND006: 'No node name for a section; a default was used.',
  // scenarios and workspaces
  SCN001: 'The scenario file is not valid YAML.',
  SCN002: 'The scenario does not match the schema.',
  SCN003: 'A file listed in the scenario is missing.',
  // simulation
  SIM001: 'The packet specification could not be parsed.',
  SIM002: 'The packet source could not be found in the model.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function diagnostic(
  code: DiagnosticCode,
  span: SourceSpan,
  message?: string,
  severity: Severity = 'error',
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity, message: message ?? DIAGNOSTIC_CODES[code], ...span };
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** `file:line:column: severity CODE message`, the form the CLI prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`;
}

/** What every parser returns: a value (possibly partial) and the problems found. */
export interface ParseResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}
