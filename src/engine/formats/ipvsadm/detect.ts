/**
 * Recognises ipvsadm output by its shape, for the format detector. Reads at most the first 200
 * non-blank lines; prompts and comments are not counted.
 */
import { isPromptOrNoise, tokenizeLine } from '../ip-link/text-lines';
import { isServiceWord } from './list-lines';
import { isSaveLine } from './save-lines';
import { parseAddrPort } from './values';

const MAX_LINES = 200;

/**
 * A 0..1 score that `lines` are `ipvsadm -Ln` (any listing), `-Lnc` or `ipvsadm-save -n` output:
 * near 1 with the `IP Virtual Server version` or `Prot LocalAddress:Port` header, otherwise the
 * share of service, `  -> ADDR:PORT` and `-A`/`-a` lines.
 *
 * @example looksLikeIpvsadm(['TCP  10.96.0.1:443 rr', '  -> 172.18.0.2:6443  Masq 1 0 0']); // 0.9
 */
export function looksLikeIpvsadm(lines: string[]): number {
  let considered = 0;
  let matched = 0;
  let header = false;
  for (const raw of lines) {
    if (considered >= MAX_LINES) break;
    const t = tokenizeLine(raw.length > 2000 ? raw.slice(0, 2000) : raw);
    if (t.length === 0 || (isPromptOrNoise(t) && !isSaveLine(t))) continue;
    considered++;
    const [a, b, c] = [t[0]!.text, t[1]?.text ?? '', t[2]?.text ?? ''];
    if ((a === 'IP' && b === 'Virtual' && c === 'Server') || (a === 'Prot' && b.startsWith('LocalAddress:Port'))
      || (a === 'IPVS' && b === 'connection') || (a === '->' && b.startsWith('RemoteAddress:Port'))) {
      header = true;
      matched++;
    } else if (a === '->' && parseAddrPort(b) !== null) {
      matched++;
    } else if (isServiceWord(a) && (a === 'FWM' ? /^\d+$/.test(b) : parseAddrPort(b) !== null)) {
      matched++;
    } else if (isSaveLine(t) && t.some((x) => x.text === '-t' || x.text === '-u' || x.text === '-f' || x.text === '--sctp-service')) {
      matched++;
    }
  }
  if (considered === 0 || matched === 0) return 0;
  const share = matched / considered;
  const score = header ? 0.9 + 0.09 * share : 0.9 * share;
  return Math.round(score * 100) / 100;
}
