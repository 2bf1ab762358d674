/** Interface name patterns as iptables writes them: `eth+` matches any name starting with "eth". */
export function ifaceMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}
