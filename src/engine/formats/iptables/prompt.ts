/**
 * Recognises the shell command a user pasted along with its output, e.g.
 * `root@myk8s-worker:/# iptables -t nat -S | grep KUBE-SERVICES`. `iptables -S` and `-L` do not
 * print the table name, so the command line is often the only place that says it.
 */
import { splitWords } from './tokenize';
import { TABLE_NAMES, type TableName } from './types';

export interface PromptCommand {
  /** The program word as typed, e.g. `iptables`, `/usr/sbin/ip6tables-legacy`. */
  program: string;
  family: 'ipv4' | 'ipv6';
  /** The table of `-t`/`--table`; `filter` when the command names none (iptables' default). */
  table: TableName;
  /** Set when `-t` named a table iptables does not have. */
  unknownTable?: string;
  /** 1-based column of the table name (or of the program word when there is no `-t`). */
  tableColumn: number;
  kind: 'save' | 'rules' | 'list' | 'other';
  /** Output went through a pipe (`| grep X`): chains may be incomplete. */
  filtered: boolean;
}

const PROGRAMS = new Set([
  'iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft',
  'iptables-save', 'ip6tables-save', 'iptables-legacy-save', 'ip6tables-legacy-save',
  'iptables-nft-save', 'ip6tables-nft-save', 'xtables-save', 'xtables-legacy-multi', 'xtables-nft-multi',
]);

function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
}

function isTable(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/**
 * Finds an iptables command in a pasted line; null when the line holds none. The words after
 * the program are read up to the first pipe or command separator.
 *
 * @example
 * parsePromptLine('root@w:/# iptables -t nat -S | grep KUBE')?.table; // 'nat'
 */
export function parsePromptLine(text: string): PromptCommand | null {
  const words = splitWords(text);
  const at = words.findIndex((w) => PROGRAMS.has(basename(w.text)));
  const programWord = words[at];
  if (!programWord) return null;
  const program = basename(programWord.text);
  const command: PromptCommand = {
    program: programWord.text,
    family: program.startsWith('ip6') ? 'ipv6' : 'ipv4',
    table: 'filter',
    tableColumn: programWord.column,
    kind: program.endsWith('-save') ? 'save' : 'other',
    filtered: text.indexOf('|', programWord.endColumn - 1) >= 0,
  };
  let sawOption = false;
  for (let k = at + 1; k < words.length; k++) {
    const w = words[k] as (typeof words)[number];
    const word = w.text;
    if (word.startsWith('|') || word === ';' || word === '&&' || word === '||' || word === '>' || word.startsWith('2>')) break;
    if (!word.startsWith('-')) continue;
    sawOption = true;
    let tableName: string | null = null;
    let tableColumn = w.column;
    if (word === '-t' || word === '--table') {
      const next = words[k + 1];
      if (next) {
        tableName = next.text;
        tableColumn = next.column;
        k++;
      }
    } else if (word.startsWith('--table=')) {
      tableName = word.slice(8);
      tableColumn = w.column + 8;
    } else if (word.startsWith('-t') && !word.startsWith('--')) {
      tableName = word.slice(2);
      tableColumn = w.column + 2;
    } else if (word.startsWith('--list-rule') || word === '--list-rules') {
      command.kind = 'rules';
    } else if (word === '--list') {
      command.kind = 'list';
    } else if (!word.startsWith('--')) {
      if (word.includes('S')) command.kind = 'rules';
      else if (word.includes('L')) command.kind = 'list';
    }
    if (tableName !== null) {
      command.tableColumn = tableColumn;
      // The last -t wins, as in iptables; an earlier unknown one no longer applies.
      if (isTable(tableName)) {
        command.table = tableName;
        delete command.unknownTable;
      } else command.unknownTable = tableName;
    }
  }
  // A bare mention of "iptables" in prose is not a command.
  if (!sawOption && command.kind !== 'save') return null;
  return command;
}
