/** The keyboard map: one table, read by the key handler and listed by the help overlay. */
import type { TFunction } from 'i18next';
import type { HopscopeState } from '../store/types';
import { GO_TO_HOP_ID } from './GoToHop';

export interface Shortcut {
  /** KeyboardEvent.key values. */
  match: string[];
  /** As the help overlay shows them. */
  keys: string[];
  /** Its description is `playback:shortcuts.<id>`. */
  id: string;
  run: (s: HopscopeState, e: KeyboardEvent) => void;
}

export const SHORTCUTS: Shortcut[] = [
  { match: ['ArrowRight'], keys: ['→'], id: 'next', run: (s) => (s.pause(), s.next()) },
  { match: ['ArrowLeft'], keys: ['←'], id: 'prev', run: (s) => s.prev() },
  { match: [' '], keys: ['Space'], id: 'play', run: (s, e) => !e.repeat && s.togglePlay() },
  { match: ['Home'], keys: ['Home'], id: 'first', run: (s) => s.first() },
  { match: ['End'], keys: ['End'], id: 'last', run: (s) => s.last() },
  { match: ['g'], keys: ['G'], id: 'goTo', run: (_s, e) => (e.preventDefault(), document.getElementById(GO_TO_HOP_ID)?.focus()) },
  { match: ['PageDown', ']'], keys: ['PgDn', ']'], id: 'nextLeg', run: (s) => s.nextLeg() },
  { match: ['PageUp', '['], keys: ['PgUp', '['], id: 'prevLeg', run: (s) => s.prevLeg() },
  { match: ['+', '='], keys: ['+'], id: 'faster', run: (s) => s.setSpeed(s.msPerHop / 2) },
  { match: ['-'], keys: ['−'], id: 'slower', run: (s) => s.setSpeed(Math.min(4800, s.msPerHop * 2)) },
  { match: ['1'], keys: ['1'], id: 'detailed', run: (s) => s.setDetail('detailed') },
  { match: ['2'], keys: ['2'], id: 'summary', run: (s) => s.setDetail('summary') },
  { match: ['3'], keys: ['3'], id: 'minimal', run: (s) => s.setDetail('minimal') },
  { match: ['t'], keys: ['T'], id: 'topology', run: (s) => s.setCentre('topology') },
  { match: ['n'], keys: ['N'], id: 'netfilter', run: (s) => s.setCentre('netfilter') },
  { match: ['c'], keys: ['C'], id: 'chain', run: (s) => s.setCentre('chain') },
  { match: ['d'], keys: ['D'], id: 'theme', run: (s) => s.setTheme(s.theme === 'dark' ? 'light' : 'dark') },
  { match: ['?'], keys: ['?'], id: 'help', run: (s) => s.setHelpOpen(!s.helpOpen) },
  { match: ['Escape'], keys: ['Esc'], id: 'close', run: (s) => (s.helpOpen ? s.setHelpOpen(false) : s.openFile(null)) },
];

/** Key caps that are words (Space, Home…) in the interface's language; arrows and letters as they are. */
const WORD_KEYS: Record<string, string> = { Space: 'space', Home: 'home', End: 'end', PgUp: 'pgUp', PgDn: 'pgDn', Esc: 'esc' };

export function keyCap(t: TFunction, key: string): string {
  const word = WORD_KEYS[key];
  return word ? t(`playback:keys.${word}`) : key;
}
