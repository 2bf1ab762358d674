import { describe, expect, it } from 'vitest';
import type { HopNode, Trace } from '../../engine';
import { fixedT } from '../i18n';
import { traceHtml } from './traceHtml';

const packet = { eth: null, ip: { src: '10.0.0.1', dst: '10.0.0.2', proto: 6, ttl: 64 }, l4: { sport: 1, dport: 80 }, meta: { mark: 0, ctmark: 0, ctstate: 'NONE' as const, ctdir: 'ORIGINAL' as const, ctnat: [] }, length: 60 };
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function hostileTrace(): Trace {
  const hop: HopNode = {
    kind: 'hop',
    id: 'request-0',
    hop: 'chain',
    place: { node: `node${XSS}`, netns: 'n|1' as never, netnsName: '"quoted"', hook: 'PREROUTING', table: 'nat', chain: `KUBE-${XSS}` },
    before: packet,
    after: { ...packet, ip: { ...packet.ip, dst: '10.0.0.3' } },
    message: { key: 'hop.originate', params: { netns: XSS, src: '10.0.0.1', dst: '10.0.0.2', proto: 'tcp' } },
    decidedBy: { id: 'r', table: 'nat', chain: 'X', position: 1, text: `-A X -m comment --comment "${XSS}" -j DNAT`, target: 'DNAT', span: { file: `dump${XSS}.txt`, line: 7, column: 1 } },
    children: [{ kind: 'modify', changes: [{ field: 'ip.dst', before: '10.0.0.2', after: '10.0.0.3' }], by: { key: 'hop.originate' } }],
  };
  return {
    legs: [{ kind: 'leg', leg: 'request', hops: [hop], verdict: 'delivered', verdictMessage: { key: 'verdict.noSource', params: { from: XSS } } }],
    branches: [{ kind: 'branch', key: `k${XSS}`, options: [{ value: 'a', label: XSS, probability: 1 }], chosen: 'a', defaulted: true }],
    assumptions: [],
    names: {},
  };
}

describe('trace as an HTML page', () => {
  const page = traceHtml({ trace: hostileTrace(), lang: 'ko', title: `Title ${XSS}`, summary: XSS, packet: `tcp > ${XSS}`, from: XSS, svg: null, t: fixedT('ko', 'share') });

  it('escapes every text from the dumps: no element or script comes from them', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/onerror=alert\(2\)>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;quoted&quot;');
  });

  it('forbids scripts and requests through its own policy, and is in the chosen language', () => {
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(page).toContain('<html lang="ko">');
    expect(page).toContain('<h2>요청</h2>');
    expect(page).toContain('전달됨');
    expect(page).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//i);
  });

  it('lists each hop with its rule and its rewrite', () => {
    expect(page.match(/<li><div class="n">/g)).toHaveLength(1);
    expect(page).toContain('<code>ip.dst</code> 10.0.0.2 → 10.0.0.3');
    expect(page).toContain(`:7</code>`);
  });
});
