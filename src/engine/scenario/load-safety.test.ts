/** scenario.yaml is untrusted (shared links, downloaded folders): size, nesting and key names are hostile. */
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../testing/linearity';
import { loadScenario } from './load';
import { checkYamlLimits, MAX_FLOW_DEPTH, MAX_SCENARIO_YAML_BYTES } from './yaml-limits';

const GOOD = 'title: t\ninputs:\n  - file: a.txt\npackets:\n  - from: a\n    packet: tcp 10.0.0.1 > 10.0.0.2:80\n';
const load = (yaml: string, extra: Record<string, string> = {}) => loadScenario('s', { 'scenario.yaml': yaml, 'a.txt': '', ...extra });

describe('scenario.yaml limits', () => {
  it('reads a normal scenario', () => {
    expect(load(GOOD).value?.title).toBe('t');
  });

  it('refuses a file above the size limit before parsing it, with a located SCN004', () => {
    const r = load(`${GOOD}summary: "${'x'.repeat(MAX_SCENARIO_YAML_BYTES)}"\n`);
    expect(r.value).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'SCN004', file: 's/scenario.yaml', line: 1, column: 1 })]);
  });

  it.each([
    ['flow mappings', `${GOOD}x: ${'{a: '.repeat(5000)}`],
    ['bare braces', `${GOOD}x: ${'{'.repeat(5000)}`],
    ['flow sequences', `${GOOD}x: ${'['.repeat(5000)}`],
    ['block mappings', `${GOOD}${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}`],
    ['block sequences', `${GOOD}x:\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}-`).join('\n')}`],
  ])('refuses deep nesting (%s) quickly, at the line where it gets too deep', (_, yaml) => {
    const r = load(yaml);
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: 'SCN004', file: 's/scenario.yaml' });
    expect(r.diagnostics[0]!.line).toBeGreaterThan(6);
  });

  it('accepts nesting up to the limit', () => {
    expect(checkYamlLimits(`x: ${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}`)).toBeNull();
    expect(checkYamlLimits(`x: ${'['.repeat(MAX_FLOW_DEPTH + 1)}`)).toMatchObject({ line: 1, column: 3 + MAX_FLOW_DEPTH + 1 });
  });

  it('the limit check is linear in the file size', () => {
    expectLinear('yaml limits', (n) => `${GOOD}summary: |\n${'  a line of [text] {here}\n'.repeat(n)}`, checkYamlLimits, { n: 1000, check: (v) => expect(v).toBeNull() });
  });

  it('an alias bomb is refused by the alias cap, as a located SCN001', () => {
    const bomb = `${GOOD}a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    const r = load(bomb);
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: 'SCN001' });
  });
});

describe('scenario.yaml and prototype pollution', () => {
  it('__proto__ and constructor keys stay plain data and pollute nothing', () => {
    const yaml = `__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n${GOOD}packets:\n  - from: a\n    packet: tcp 10.0.0.1 > 10.0.0.2:80\n    choices:\n      __proto__: {polluted: yes}\n      constructor: x\n      toString: y\n`;
    const r = loadScenario('s', { 'scenario.yaml': yaml.replace(/packets:\n {2}- from: a\n {4}packet: tcp 10.0.0.1 > 10.0.0.2:80\n(?=packets)/, ''), 'a.txt': '' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const choices = r.value?.packets[0]?.choices;
    expect(choices).toBeDefined();
    expect(Object.getPrototypeOf(choices)).toBeNull();
    expect(choices!.constructor).toBe('x');
    expect(choices!.toString).toBe('y');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('an input file named %s that the folder lacks is missing, not an object', (name) => {
    const r = loadScenario('s', { 'scenario.yaml': GOOD.replace('file: a.txt', `file: ${name}`), 'a.txt': '' });
    expect(r.value?.inputs).toEqual([]);
    expect(r.diagnostics.some((d) => d.code === 'SCN003' && d.message.includes(name))).toBe(true);
  });

  it('a folder object without scenario.yaml of its own is missing one, even if a prototype has it', () => {
    const files = Object.create({ 'scenario.yaml': GOOD }) as Record<string, string>;
    expect(loadScenario('s', files).diagnostics[0]).toMatchObject({ code: 'SCN003' });
  });
});
