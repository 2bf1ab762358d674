import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';
import { localize } from './localize';

const DUMP = '1: lo: <LOOPBACK,UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n';

function load(yaml: string) {
  return loadScenario('demo', { 'scenario.yaml': yaml, 'ip-addr.txt': DUMP });
}

const BODY = `inputs:\n  - { file: ip-addr.txt, node: n1 }\npackets:\n  - { from: n1, packet: "tcp 127.0.0.1:1 > 127.0.0.1:2" }\n`;

describe('loadScenario: localized text', () => {
  it('reads plain strings as English', () => {
    const s = load(`title: Hairpin\nsummary: A pod calls itself.\ngoals: [See the mark]\n${BODY}`).value!;
    expect(localize(s.title, 'ko')).toBe('Hairpin');
    expect(s.goals.map((g) => localize(g, 'zh'))).toEqual(['See the mark']);
  });

  it('reads {en, ko, zh} maps for title, summary and goals', () => {
    const yaml = `title: { en: Hairpin, ko: 헤어핀, zh: 发夹 }\nsummary: { en: A pod calls itself., ko: 파드가 자기 자신을 부른다. }\ngoals:\n  - { en: See the mark, zh: 看标记 }\n${BODY}`;
    const s = load(yaml).value!;
    expect(localize(s.title, 'ko')).toBe('헤어핀');
    expect(localize(s.title, 'zh')).toBe('发夹');
    expect(localize(s.summary, 'zh')).toBe('A pod calls itself.');
    expect(localize(s.goals[0]!, 'zh')).toBe('看标记');
  });

  it('turns a map without English into a diagnostic, not an exception', () => {
    const r = load(`title: { ko: 헤어핀 }\n${BODY}`);
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]!.message).toBe('title: needs an "en" text.');
    expect(r.diagnostics[0]!.line).toBe(1);
  });
});

describe('loadScenario: narration and questions', () => {
  const base = `title: T\n${BODY}`;

  it('reads anchors, texts and choices', () => {
    const yaml = `${base}narration:\n  - at: { kind: chain, chain: KUBE-SERVICES }\n    text: { en: Here, ko: 여기 }\nquestions:\n  - id: q1\n    kind: field\n    at: { hook: PREROUTING }\n    prompt: What changes?\n    choices:\n      - { text: dst, fields: [ip.dst] }\n      - { text: nothing, fields: [] }\n    explanation: DNAT.\n`;
    const s = load(yaml).value!;
    expect(s.narration).toEqual([{ packet: 'packet 1', at: { kind: 'chain', chain: 'KUBE-SERVICES' }, text: { en: 'Here', ko: '여기' }, optional: false, span: { file: 'demo/scenario.yaml', line: 7, column: 5 } }]);
    expect(s.questions[0]!.choices.map((c) => c.fields)).toEqual([['ip.dst'], []]);
  });

  it.each([
    ['narration:\n  - at: { kind: tunnel }\n    text: x\n', 7, 'narration[0].at: "kind" must be one of'],
    ['narration:\n  - at: { position: 3 }\n    text: x\n', 7, 'narration[0].at: unknown anchor field "position"'],
    ['narration:\n  - at: { kind: veth }\n', 7, 'narration[0].text: must be a string or a map'],
    ['narration:\n  - at: { kind: veth }\n    packet: reply\n    text: x\n', 8, 'narration[0].packet: must name one of the packets (packet 1)'],
    ['questions:\n  - id: q\n    kind: next-hop\n    at: { kind: veth }\n    prompt: p\n    explanation: e\n    choices:\n      - { text: a }\n      - { text: b, hop: { kind: deliver } }\n', 13, 'questions[0].choices[0]: a next-hop choice needs "hop"'],
    ['questions:\n  - kind: field\n', 7, 'questions[0].id: needs an "id"'],
  ])('locates %#', (extra, line, message) => {
    const r = load(`${base}${extra}`);
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]!.code).toBe('SCN002');
    expect(r.diagnostics[0]!.message.startsWith(message)).toBe(true);
    expect(r.diagnostics[0]!.line).toBe(line);
  });
});
