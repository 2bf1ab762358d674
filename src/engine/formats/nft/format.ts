/**
 * Prints AST nodes back in nft's own syntax, normalised: operators always written out, numbers
 * in decimal, no counters' values. Used by tests to state expectations readably, to compare the
 * text and JSON parsers, and by views that show "read as ...".
 */
import type { NftElement, NftExpr, NftStatement, NftVerdict } from './types';

export function formatNftVerdict(v: NftVerdict): string {
  return v.type === 'jump' || v.type === 'goto' ? `${v.type} ${v.chain}` : v.type;
}

function formatElement(el: NftElement): string {
  const key = formatNftExpr(el.key);
  const comment = el.comment !== undefined ? ` comment ${JSON.stringify(el.comment)}` : '';
  return el.data ? `${key}${comment} : ${formatNftExpr(el.data)}` : `${key}${comment}`;
}

/**
 * @example formatNftExpr({ kind: 'binop', op: '&', left: { kind: 'meta', key: 'mark' }, right: { kind: 'literal', text: '0x00004000', number: 16384 } });
 * // 'meta mark & 16384'
 */
export function formatNftExpr(e: NftExpr): string {
  switch (e.kind) {
    case 'payload': return `${e.protocol} ${e.field}`;
    case 'rawPayload': return `@${e.base},${e.offset},${e.length}`;
    case 'exthdr': return `${e.header} ${e.name}${e.field ? ` ${e.field}` : ''}`;
    case 'meta': return `meta ${e.key}`;
    case 'ct': return ['ct', e.direction, e.family, e.key].filter((x) => x !== undefined).join(' ');
    case 'fib': return `fib ${e.flags.join(' . ')} ${e.result}`;
    case 'numgen': return `numgen ${e.mode} mod ${e.mod}${e.offset ? ` offset ${e.offset}` : ''}`;
    case 'hash': return [e.function, e.expr ? formatNftExpr(e.expr) : undefined, `mod ${e.mod}`, e.seed !== undefined ? `seed ${e.seed}` : undefined, e.offset ? `offset ${e.offset}` : undefined].filter((x) => x !== undefined).join(' ');
    case 'rt': return ['rt', e.family, e.key].filter((x) => x !== undefined).join(' ');
    case 'binop': return `${formatNftExpr(e.left)} ${e.op} ${formatNftExpr(e.right)}`;
    case 'concat': return e.parts.map(formatNftExpr).join(' . ');
    case 'literal': return e.quoted ? JSON.stringify(e.text) : e.number !== undefined ? String(e.number) : e.text;
    case 'prefix': return `${e.addr}/${e.length}`;
    case 'range': return `${formatNftExpr(e.low)}-${formatNftExpr(e.high)}`;
    case 'list': return `(${e.items.map(formatNftExpr).join(' | ')})`;
    case 'set': return `{ ${e.elements.map(formatElement).join(', ')} }`;
    case 'setRef': return `@${e.name}`;
    case 'map': return `${formatNftExpr(e.key)} map ${formatNftExpr(e.data)}`;
    case 'verdict': return formatNftVerdict(e.verdict);
  }
}

/** One statement in nft syntax; `in` matches print as `left & right != 0`. */
export function formatNftStatement(s: NftStatement): string {
  switch (s.kind) {
    case 'match':
      return s.op === 'in' ? `${formatNftExpr(s.left)} & ${formatNftExpr(s.right)} != 0` : `${formatNftExpr(s.left)} ${s.op} ${formatNftExpr(s.right)}`;
    case 'verdict': return formatNftVerdict(s.verdict);
    case 'vmap': return `${formatNftExpr(s.key)} vmap ${formatNftExpr(s.map)}`;
    case 'counter': return s.name !== undefined ? `counter name ${s.name}` : 'counter';
    case 'log': return ['log', s.prefix !== undefined ? `prefix ${JSON.stringify(s.prefix)}` : '', s.level ? `level ${s.level}` : '', s.group !== undefined ? `group ${s.group}` : '', s.flags.length ? `flags ${s.flags.join(',')}` : ''].filter((x) => x).join(' ');
    case 'limit': return s.name !== undefined ? `limit name ${s.name}` : `limit rate ${s.over ? 'over ' : ''}${s.rate} ${s.unit}/${s.per}`;
    case 'quota': return s.name !== undefined ? `quota name ${s.name}` : `quota ${s.over ? 'over' : 'until'} ${s.bytes ?? 0} bytes`;
    case 'mangle': return `${formatNftExpr(s.target)} set ${formatNftExpr(s.value)}`;
    case 'setUpdate': return `${s.op} @${s.set} { ${formatNftExpr(s.key)}${s.timeoutSeconds !== undefined ? ` timeout ${s.timeoutSeconds}s` : ''} }`;
    case 'nat': {
      const to = s.addr || s.port ? ` to ${s.addr ? formatNftExpr(s.addr) : ''}${s.port ? `:${formatNftExpr(s.port)}` : ''}` : '';
      return `${s.nat}${s.family ? ` ${s.family}` : ''}${to}${s.flags.length ? ` ${s.flags.join(',')}` : ''}`;
    }
    case 'reject': return `reject${s.type ? ` with ${s.type}` : ''}${s.code ? ` ${s.code}` : ''}`;
    case 'notrack': return 'notrack';
    case 'queue': return `queue${s.num !== undefined ? ` num ${s.num}` : ''}${s.flags.length ? ` ${s.flags.join(',')}` : ''}`;
    case 'xt': return `xt ${s.xtType} ${s.name}`;
    case 'opaque': return `opaque(${s.text})`;
  }
}
