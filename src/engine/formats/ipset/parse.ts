/**
 * Parses `ipset list` (Name:/Type:/Header:/Members: blocks) and `ipset save`
 * (`create NAME TYPE ...` / `add NAME MEMBER ...`) output. Member options such as
 * ` timeout 300`, ` packets 1 bytes 60` or ` comment "..."` are dropped; only the member counts.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import type { Ipset, IpsetDump, IpsetMember } from './types';
import { msg } from '../../explain/message';

function member(text: string, span: IpsetMember['span']): IpsetMember {
  const value = text.trim().split(/\s+/)[0] ?? '';
  return { text: value, parts: value.split(','), span };
}

/** A member's parts are addresses, prefixes, ranges, `proto:port`, ports, MACs or interface names. */
const MEMBER_PART = /^[\w.:/%-]+$/;
const isMember = (m: IpsetMember) => m.text !== '' && m.parts.every((p) => MEMBER_PART.test(p));

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
      diagnostics.push(diagnostic('IPS003', span, msg('diag.IPS003.shellPromptLineSkipped'), 'info'));
      inMembers = false;
      return;
    }
    // `create|add NAME REST`: REST is cut by hand, as `\s+(.*)$` after the name would backtrack.
    const save = /^(create|add)\s+(\S+)/.exec(line);
    if (save && save[0].length < line.length) {
      const [, verb, name] = save as unknown as [string, string, string];
      const rest = line.slice(save[0].length).trimStart();
      if (verb === 'create') {
        const type = rest.split(/\s+/)[0] ?? 'unknown';
        sets.set(name, { name, type, family: /family inet6/.test(rest) ? 'inet6' : 'inet', members: [], span });
      } else {
        const set = sets.get(name);
        if (!set) diagnostics.push(diagnostic('IPS002', { ...span, column: line.indexOf(name) + 1 }, msg('diag.IPS002.addForSetWhich', { name }), 'warning'));
        else {
          const m = member(rest, { ...span, column: line.indexOf(rest) + 1 });
          if (isMember(m)) set.members.push(m);
          else diagnostics.push(diagnostic('IPS003', span, msg('diag.IPS003.setMemberSkipped', { text: m.text.slice(0, 40) }), 'warning'));
        }
      }
      return;
    }
    const header = /^([A-Za-z ]+):/.exec(line);
    if (header && !inMembers) {
      const key = header[1]!;
      const value = line.slice(header[0].length).trimStart();
      if (key === 'Name') {
        current = { name: value.trim(), type: 'unknown', family: 'inet', members: [], span };
        sets.set(current.name, current);
      } else if (!current) {
        diagnostics.push(diagnostic('IPS001', span, msg('diag.IPS001.appearsBeforeAnyName', { key }), 'warning'));
      } else if (key === 'Type') current.type = value.trim();
      else if (key === 'Header' && /family inet6/.test(value)) current.family = 'inet6';
      else if (key === 'Members') inMembers = true;
      return;
    }
    if (inMembers && current) {
      const m = member(line, { ...span, column: line.length - line.trimStart().length + 1 });
      if (isMember(m)) current.members.push(m);
      else diagnostics.push(diagnostic('IPS003', span, msg('diag.IPS003.setMemberSkipped', { text: m.text.slice(0, 40) }), 'warning'));
      return;
    }
    diagnostics.push(diagnostic('IPS003', span, msg('diag.IPS003.lineUnderstoodAsIpset'), 'warning'));
  });
  return { value: { sets, files: [file] }, diagnostics };
}
