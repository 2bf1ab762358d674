import { describe, expect, it } from 'vitest';
import { parsePromptLine } from './prompt';

describe('parsePromptLine', () => {
  it('reads the table of -t', () => {
    expect(parsePromptLine('root@w:/# iptables -t nat -S | grep KUBE')).toMatchObject({ table: 'nat', kind: 'rules', filtered: true, tableColumn: 23 });
  });

  // Found by npm run fuzz: an unknown -t earlier on a line kept its name while the column moved to
  // a later -t, so the diagnostic ran past the end of the line.
  it('the last -t wins: an earlier unknown table no longer applies, and the column is the last one\'s', () => {
    const line = 'iptables -t bogus -t nat -S';
    const c = parsePromptLine(line)!;
    expect(c.unknownTable).toBeUndefined();
    expect(c.table).toBe('nat');
    const u = parsePromptLine('iptables -t nat -t bogus -S')!;
    expect(u).toMatchObject({ unknownTable: 'bogus', tableColumn: 20 });
  });
});
