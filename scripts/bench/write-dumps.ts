/**
 * Writes a generated cluster's node dumps, one folder per kube-proxy mode:
 *
 *   npx tsx scripts/bench/write-dumps.ts OUT_DIR [SERVICES ENDPOINTS] [iptables|ipvs|nft ...]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterDumps, PROXY_MODES, type ProxyMode } from './generate';

const [out, services = '10000', endpoints = '10', ...modes] = process.argv.slice(2);
if (!out) {
  console.error('usage: tsx scripts/bench/write-dumps.ts OUT_DIR [SERVICES ENDPOINTS] [iptables|ipvs|nft ...]');
  process.exit(2);
}
const size = { services: Number(services), endpoints: Number(endpoints) };
for (const mode of (modes.length ? modes : PROXY_MODES) as ProxyMode[]) {
  const dir = join(out, mode);
  mkdirSync(dir, { recursive: true });
  for (const f of clusterDumps(size, mode).files) writeFileSync(join(dir, f.name), f.text);
  console.log(`${dir}: ${size.services} Services × ${size.endpoints} endpoints`);
}
