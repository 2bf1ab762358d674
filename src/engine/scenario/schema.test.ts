/**
 * scenarios/scenario.schema.json (editors, scenarios:check) and loadScenario (the app) describe
 * the same file: they must accept and refuse the same documents.
 */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { INPUT_FORMATS } from '../model/types';
import { schemaErrors } from '../testing/scenario-check';
import { loadScenario } from './load';

const GOOD = {
  title: { en: 'Hairpin', ko: '헤어핀', zh: '发夹' },
  summary: 'A pod calls its own Service.',
  level: 'intermediate',
  datapath: 'kube-proxy-iptables',
  topics: ['hairpin', 'masquerade'],
  goals: ['See the mark', { en: 'See the SNAT' }],
  inputs: [{ file: 'a.txt', node: 'n1' }, { file: 'b.txt', node: 'n1', netns: 'web', format: 'ip-addr' }],
  packets: [{ name: 'request', from: 'n1/web', packet: 'tcp 10.0.0.2:1 > 10.96.0.1:80', choices: { k: 'v' } }],
  narration: [{ at: { kind: 'chain', chain: 'KUBE-SEP-X' }, text: 'Here.' }, { packet: 'request', at: { leg: 'reply', kind: 'deliver', nth: 1 }, text: { en: 'Back' }, optional: true }],
  questions: [
    { id: 'next', kind: 'next-hop', at: { hook: 'PREROUTING' }, prompt: 'Where?', choices: [{ text: 'a', hop: { netns: 'web' } }, { text: 'b', hop: { kind: 'drop' } }], explanation: 'e' },
    { id: 'field', packet: 'request', kind: 'field', at: { rule: 'MASQUERADE' }, prompt: 'What?', choices: [{ text: 'src', fields: ['ip.src', 'l4.sport'] }, { text: 'none', fields: [] }], explanation: 'e' },
  ],
};

function loads(doc: unknown): boolean {
  return loadScenario('x', { 'scenario.yaml': stringify(doc), 'a.txt': '', 'b.txt': '' }).value !== null;
}

function edited(edit: (d: typeof GOOD & Record<string, unknown>) => void): unknown {
  const d = parse(stringify(GOOD)) as typeof GOOD & Record<string, unknown>;
  edit(d);
  return d;
}

describe('scenario.schema.json and loadScenario agree', () => {
  it('both accept a complete scenario', () => {
    expect(schemaErrors(GOOD)).toEqual([]);
    expect(loads(GOOD)).toBe(true);
  });

  const bad: [string, unknown][] = [
    ['no title', edited((d) => delete (d as Record<string, unknown>).title)],
    ['a title map without en', edited((d) => ((d as Record<string, unknown>).title = { en: '', ko: '헤어핀' }))],
    ['a language that is not en/ko/zh', edited((d) => ((d.goals as unknown[])[1] = { en: 'x', fr: 'y' }))],
    ['an unknown level', edited((d) => (d.level = 'expert'))],
    ['an unknown input format', edited((d) => ((d.inputs[0] as Record<string, unknown>).format = 'tcpdump'))],
    ['a packet without from', edited((d) => delete (d.packets[0] as Record<string, unknown>).from)],
    ['an anchor with an unknown field', edited((d) => ((d.narration[0] as Record<string, unknown>).at = { index: 3 }))],
    ['an anchor with only nth', edited((d) => ((d.narration[0] as Record<string, unknown>).at = { nth: 2 }))],
    ['an unknown hop kind', edited((d) => ((d.narration[0] as Record<string, unknown>).at = { kind: 'teleport' }))],
    ['nth 0', edited((d) => ((d.narration[0] as Record<string, unknown>).at = { kind: 'veth', nth: 0 }))],
    ['narration without text', edited((d) => delete (d.narration[0] as Record<string, unknown>).text)],
    ['a question of an unknown kind', edited((d) => ((d.questions[0] as Record<string, unknown>).kind = 'guess'))],
    ['a question with one choice', edited((d) => (d.questions[0]!.choices = d.questions[0]!.choices.slice(0, 1)))],
    ['a next-hop choice without hop', edited((d) => delete (d.questions[0]!.choices[0] as Record<string, unknown>).hop)],
    ['a field choice without fields', edited((d) => delete (d.questions[1]!.choices[0] as Record<string, unknown>).fields)],
    ['a question without explanation', edited((d) => delete (d.questions[1] as Record<string, unknown>).explanation)],
    ['two questions with one id', edited((d) => (d.questions[1]!.id = 'next'))],
  ];
  it.each(bad)('both refuse %s', (_what, doc) => {
    expect(loads(doc)).toBe(false);
    // Duplicate ids are beyond JSON Schema: the loader (and so scenarios:check) catches them.
    if (_what !== 'two questions with one id') expect(schemaErrors(doc)).not.toEqual([]);
  });

  it('lists the formats the engine reads (add a new format to the schema too)', async () => {
    const { readFileSync } = await import('node:fs');
    const { SCHEMA_PATH } = await import('../testing/scenario-check');
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { properties: { inputs: { items: { properties: { format: { enum: string[] } } } } } };
    expect(schema.properties.inputs.items.properties.format.enum).toEqual([...INPUT_FORMATS]);
  });
});
