import { describe, expect, it } from 'vitest';
import type { HopNode, Trace } from '../../engine';
import { escapeMarkdown } from './markdown';
import { traceAsMarkdown, traceAsText } from './traceExport';

const packet = { eth: null, ip: { src: '10.0.0.1', dst: '10.0.0.2', proto: 6, ttl: 64 }, l4: { sport: 1, dport: 80 }, meta: { mark: 0, ctmark: 0, ctstate: 'NONE' as const, ctdir: 'ORIGINAL' as const, ctnat: [] }, length: 60 };

function hostileTrace(): Trace {
  const hop: HopNode = {
    kind: 'hop',
    id: 'request-0',
    hop: 'chain',
    place: { node: 'n|1', netns: 'n|1' as never, netnsName: '', hook: 'PREROUTING', table: 'nat', chain: 'KUBE-`SVC`|X' },
    before: packet,
    after: { ...packet, ip: { ...packet.ip, dst: '10.0.0.3' } },
    message: { key: 'hop.originate', params: { netns: 'a|b', src: '`x`', dst: '<img src=x>', proto: 'tcp' } },
    decidedBy: { id: 'r', table: 'nat', chain: 'X', position: 1, text: '-A X -j DNAT', target: 'DNAT', span: { file: 'dump|`evil`.txt', line: 7, column: 1 } },
    children: [{ kind: 'modify', changes: [{ field: 'ip.dst', before: '10.0.0.2', after: '10.0.0.3' }], by: { key: 'hop.originate' } }],
  };
  return {
    legs: [{ kind: 'leg', leg: 'request', hops: [hop], verdict: 'delivered', verdictMessage: { key: 'verdict.noSource', params: { from: 'x\ny' } } }],
    branches: [{ kind: 'branch', key: 'k|ey', options: [{ value: 'a', label: '10.0.0.3:80', probability: 0.5 }, { value: 'b', label: 'b|`', probability: 0.5 }], chosen: 'a', defaulted: true }],
    assumptions: [],
    names: {},
  };
}

describe('escapeMarkdown', () => {
  it('escapes table pipes, backticks, HTML and line breaks', () => {
    expect(escapeMarkdown('a|b`c<d>&e\nf')).toBe('a\\|b\\`c\\<d\\>&amp;e f');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
  });
});

describe('trace export', () => {
  it('writes one Markdown table row per hop, whatever the dump text holds', () => {
    const text = traceAsMarkdown({ trace: hostileTrace(), lang: 'en', packet: 'tcp > 10.0.0.2:80', from: 'n|1' });
    const rows = text.split('\n').filter((l) => l.startsWith('| 1 '));
    expect(rows).toHaveLength(1);
    // Four columns: every pipe that is not escaped is a column separator.
    expect(rows[0]!.split(/(?<!\\)\|/).length - 2).toBe(4);
    expect(rows[0]).toContain('dump\\|\\`evil\\`\\.txt\\:7');
    expect(rows[0]).toContain('ip\\.dst 10\\.0\\.0\\.2 → 10\\.0\\.0\\.3');
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).toContain('\\<img');
    expect(text).toContain('b\\|\\` 50\\%');
  });

  it('writes text in the CLI layout', () => {
    const text = traceAsText({ trace: hostileTrace(), lang: 'en', packet: 'tcp > 10.0.0.2:80', from: 'n|1' });
    expect(text).toContain('── request ──');
    expect(text).toContain('  1. [chain] n|1 › host › PREROUTING › nat › KUBE-`SVC`|X');
    expect(text).toContain('rule dump|`evil`.txt:7: -A X -j DNAT');
    expect(text).toContain('ip.dst: 10.0.0.2 → 10.0.0.3');
  });

  it('writes its headings in the chosen language, leaving dump text and field names as they are', () => {
    const ctx = { trace: hostileTrace(), packet: 'tcp > 10.0.0.2:80', from: 'n|1' };
    const ko = traceAsText({ ...ctx, lang: 'ko' });
    expect(ko).toContain('── 요청 ──');
    expect(ko).toContain('  1. [chain] n|1 › 호스트 › PREROUTING › nat › KUBE-`SVC`|X');
    expect(ko).toContain('규칙 dump|`evil`.txt:7: -A X -j DNAT');
    expect(ko).toContain('판정: 전달됨 — ');
    const zh = traceAsMarkdown({ ...ctx, lang: 'zh' });
    expect(zh).toContain('| # | 位置 | 发生了什么 | 规则 |');
    expect(zh).toContain('**请求** — 已送达');
    expect(zh).toContain('**分支**');
    expect(zh).not.toMatch(/\b(request|delivered|Branches|where|what)\b/);
  });
});
