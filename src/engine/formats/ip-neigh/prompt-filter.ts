/**
 * `ip neigh show dev eth0` and `bridge fdb show dev flannel.1` leave `dev` out of every line
 * they print (iproute2 prints it only when no device filter was given). When the command was
 * pasted along with its output, its `dev` word is the only place the device is named.
 */

const NEIGH_WORDS = new Set(['n', 'ne', 'nei', 'neig', 'neigh', 'neighbor', 'neighbour']);
const FDB_WORDS = new Set(['f', 'fd', 'fdb']);

/** Finds `PROGRAM [-opts] OBJECT ... dev X` in the words of a prompt line; `undefined` when absent. */
function devAfter(words: string[], program: string, objects: Set<string>): string | undefined | null {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w !== program && !w.endsWith(`/${program}`)) continue;
    let j = k + 1;
    while (j < words.length && words[j]!.startsWith('-')) j++;
    if (!objects.has(words[j] ?? '')) continue;
    for (let t = j + 1; t < words.length - 1; t++) {
      const word = words[t]!;
      if (word === '|' || word === ';' || word === '&&') break;
      if (word === 'dev') return words[t + 1];
    }
    return null;
  }
  return undefined;
}

/**
 * The device an `ip neigh` prompt filters on: a name, `null` for an `ip neigh` command without
 * `dev`, `undefined` when the words are not an `ip neigh` command at all.
 *
 * @example promptNeighDev(['root@n:~#', 'ip', 'neigh', 'show', 'dev', 'eth0']); // 'eth0'
 */
export function promptNeighDev(words: string[]): string | null | undefined {
  return devAfter(words, 'ip', NEIGH_WORDS);
}

/**
 * The device a `bridge fdb show dev X` prompt filters on; same conventions as `promptNeighDev`.
 *
 * @example promptFdbDev(['$', 'bridge', 'fdb', 'show', 'dev', 'flannel.1']); // 'flannel.1'
 */
export function promptFdbDev(words: string[]): string | null | undefined {
  return devAfter(words, 'bridge', FDB_WORDS);
}
