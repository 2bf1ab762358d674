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
    expect(r.diagnostics[0]!.message).toBe('"title" needs an "en" text.');
  });
});
