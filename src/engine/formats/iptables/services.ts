/**
 * Port names from /etc/services that `iptables -L` (without -n) prints instead of numbers.
 * Only names that are the same on common distributions are listed: 8080 prints as `http-alt` on
 * Debian and `webcache` on RHEL, so both map back. Anything else cannot be recovered offline.
 */
const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21, 'ftp-data': 20, ssh: 22, telnet: 23, smtp: 25, domain: 53, bootps: 67, bootpc: 68,
  tftp: 69, http: 80, www: 80, kerberos: 88, pop3: 110, sunrpc: 111, ntp: 123, 'netbios-ns': 137,
  'netbios-dgm': 138, 'netbios-ssn': 139, imap2: 143, imap: 143, snmp: 161, 'snmp-trap': 162,
  bgp: 179, ldap: 389, https: 443, 'microsoft-ds': 445, isakmp: 500, syslog: 514, submission: 587,
  ldaps: 636, rsync: 873, 'domain-s': 853, imaps: 993, pop3s: 995, openvpn: 1194, nfs: 2049,
  mysql: 3306, 'ipsec-nat-t': 4500, postgresql: 5432, 'http-alt': 8080, webcache: 8080,
  'sun-sr-https': 6443, redis: 6379, 'etcd-client': 2379, 'etcd-server': 2380,
};

function isDigits(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `80` → 80, `https` → 443; null for an unknown name or a number out of range. */
export function parsePort(text: string): number | null {
  if (isDigits(text)) {
    const n = Number(text);
    return n <= 65535 ? n : null;
  }
  const named = Object.prototype.hasOwnProperty.call(SERVICES, text) ? SERVICES[text] : undefined;
  return named ?? null;
}

/** True for a decimal port number (not a service name). */
export function isNumericPort(text: string): boolean {
  return isDigits(text) && Number(text) <= 65535;
}
