/**
 * Parses `ipset list` (Name:/Type:/Header:/Members: blocks) and `ipset save`
 * (`create NAME TYPE ...` / `add NAME MEMBER ...`) output. Member options such as
 * ` timeout 300`, ` packets 1 bytes 60` or ` comment "..."` are dropped; only the member counts.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import type { Ipset, IpsetDump, IpsetMember } from './types';

function member(text: string, span: IpsetMember['span']): IpsetMember {
  const value = text.trim().split(/\s+/)[0] ?? '';
  return { text: value, parts: value.split(','), span };
}

/**
 * @example parseIpset('Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nMembers:\n10.96.0.1,tcp:443\n', 'ipset.txt')
 */
export function parseIpset(text: string, file: string): ParseResult<IpsetDump> {
  const sets = new Map<string, Ipset>();
  const diagnostics: Diagnostic[] = [];
  let current: Ipset | null = null;
  let inMembers = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const lineNo = i + 1;
    const span = { file, line: lineNo, column: 1, endColumn: line.length + 1 };
    if (line.trim() === '') {
      inMembers = false;
      return;
    }
    if (/^\S*[#$]\s+ipset\b/.test(line) || /^\$\s/.test(line)) {
      // A shell prompt pasted along with the output (`root@node:/# ipset list X`).
      diagnostics.push(diagnostic('IPS003', span, 'Shell prompt line skipped.', 'info'));
      inMembers = false;
      return;
    }
    const save = /^(create|add)\s+(\S+)\s+(.*)$/.exec(line);
    if (save) {
      const [, verb, name, rest] = save as unknown as [string, string, string, string];
      if (verb === 'create') {
        const type = rest.split(/\s+/)[0] ?? 'unknown';
        sets.set(name, { name, type, family: /family inet6/.test(rest) ? 'inet6' : 'inet', members: [], span });
      } else {
        const set = sets.get(name);
        if (!set) diagnostics.push(diagnostic('IPS002', { ...span, column: line.indexOf(name) + 1 }, `"add" for set ${name}, which was not created before.`, 'warning'));
        else set.members.push(member(rest, { ...span, column: line.indexOf(rest) + 1 }));
      }
      return;
    }
    const header = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (header && !inMembers) {
      const [, key, value] = header as unknown as [string, string, string];
      if (key === 'Name') {
        current = { name: value.trim(), type: 'unknown', family: 'inet', members: [], span };
        sets.set(current.name, current);
      } else if (!current) {
        diagnostics.push(diagnostic('IPS001', span, `"${key}:" appears before any "Name:" line.`, 'warning'));
      } else if (key === 'Type') current.type = value.trim();
      else if (key === 'Header' && /family inet6/.test(value)) current.family = 'inet6';
      else if (key === 'Members') inMembers = true;
      return;
    }
    if (inMembers && current) {
      current.members.push(member(line, { ...span, column: line.length - line.trimStart().length + 1 }));
      return;
    }
    diagnostics.push(diagnostic('IPS003', span, 'Line not understood as ipset list or ipset save output; skipped.', 'warning'));
  });
  return { value: { sets, files: [file] }, diagnostics };
}
