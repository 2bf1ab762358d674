/**
 * The one table of diagnostic codes, with each code's general sentence in English. The sentences
 * are also the `diag.CODE` messages of the explain catalogs (`explain/diagnostics-en.ts`), which
 * ko and zh translate.
 */
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
  // ipvsadm -Ln / --stats / --rate / ipvsadm-save
  IPVS001: 'Line not understood as ipvsadm output; skipped.',
  IPVS002: 'A real server appears without its virtual service; skipped.',
  IPVS003: 'Invalid address or port.',
  IPVS004: 'Unknown scheduler, flag or forwarding method; kept as printed.',
  IPVS005: 'Connection entries (ipvsadm -Lnc) are not modelled; skipped.',
  IPVS006: 'Invalid number in a weight, connection or statistics column.',
  IPVS007: 'Names instead of numbers (ipvsadm without -n): the address or port could not be read.',
  IPVS008: 'ipvsadm-save option not understood or missing its value; ignored.',
  // nft list ruleset / nft -j list ruleset
  NFT001: 'Line not understood; skipped.',
  NFT002: 'Unbalanced braces: a block is not closed, or a closing brace closes nothing.',
  NFT003: 'Unknown table family.',
  NFT004: 'Malformed chain declaration (type, hook, priority or policy).',
  NFT005: 'Unknown priority name; the chain\'s priority number is unknown.',
  NFT006: 'Malformed set or map declaration.',
  NFT007: 'Malformed set element; skipped.',
  NFT008: 'Rule expression not understood; kept as opaque text and not simulated.',
  NFT009: 'iptables compat (xt) expression: its details are not in nft output; not simulated.',
  NFT010: 'Table managed by iptables-nft; give iptables-save output for it instead.',
  NFT011: 'Unterminated quoted string.',
  NFT012: 'Stateful object or flowtable kept as text; not simulated.',
  NFT013: 'Invalid JSON.',
  NFT014: 'JSON object not understood; skipped.',
  NFT015: 'A rule refers to a chain, set or map that is not declared in its table.',
  NFT016: 'Duplicate declaration in a table.',
  // ovs-vsctl show / ovs-ofctl dump-flows
  OVS001: 'Line not understood; skipped.',
  OVS002: 'A port, interface or attribute appears outside its bridge or port; skipped.',
  OVS003: 'Malformed OVSDB value (string, set or map).',
  OVS004: 'Malformed flow line; skipped.',
  OVS005: 'Invalid value for a flow field.',
  OVS006: 'Unbalanced parentheses or quotes in flow actions.',
  OVS007: 'Port line of ovs-ofctl show not understood; skipped.',
  // scenarios and workspaces
  SCN001: 'The scenario file is not valid YAML.',
  SCN002: 'The scenario does not match the schema.',
  SCN003: 'A file listed in the scenario is missing.',
  SCN004: 'The scenario file is too large or too deeply nested to read safely.',
  SCN005: 'A narration or question is anchored to a hop the trace does not have.',
  SCN006: 'A question has no single right answer in the trace.',
  // simulation
  SIM001: 'The packet specification could not be parsed.',
  SIM002: 'The packet source could not be found in the model.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
