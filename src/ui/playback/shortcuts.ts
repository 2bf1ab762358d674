/** The keyboard map: one table, read by the key handler and listed by the help overlay. */
import type { HopscopeState } from '../store/types';

export interface Shortcut {
  /** KeyboardEvent.key values. */
  match: string[];
  /** As the help overlay shows them. */
  keys: string[];
  label: string;
  run: (s: HopscopeState, e: KeyboardEvent) => void;
}

export const SHORTCUTS: Shortcut[] = [
  { match: ['ArrowRight'], keys: ['→'], label: 'Next hop', run: (s) => (s.pause(), s.next()) },
  { match: ['ArrowLeft'], keys: ['←'], label: 'Previous hop', run: (s) => s.prev() },
  { match: [' '], keys: ['Space'], label: 'Play / pause', run: (s, e) => !e.repeat && s.togglePlay() },
  { match: ['Home'], keys: ['Home'], label: 'First hop', run: (s) => s.first() },
  { match: ['End'], keys: ['End'], label: 'Last hop', run: (s) => s.last() },
  { match: ['PageDown', ']'], keys: ['PgDn', ']'], label: 'Next leg (request → reply)', run: (s) => s.nextLeg() },
  { match: ['PageUp', '['], keys: ['PgUp', '['], label: 'Start of this or the previous leg', run: (s) => s.prevLeg() },
  { match: ['+', '='], keys: ['+'], label: 'Play faster', run: (s) => s.setSpeed(s.msPerHop / 2) },
  { match: ['-'], keys: ['−'], label: 'Play slower', run: (s) => s.setSpeed(Math.min(4800, s.msPerHop * 2)) },
  { match: ['1'], keys: ['1'], label: 'Detail level: detailed', run: (s) => s.setDetail('detailed') },
  { match: ['2'], keys: ['2'], label: 'Detail level: summary', run: (s) => s.setDetail('summary') },
  { match: ['3'], keys: ['3'], label: 'Detail level: minimal', run: (s) => s.setDetail('minimal') },
  { match: ['t'], keys: ['T'], label: 'Topology view', run: (s) => s.setCentre('topology') },
  { match: ['n'], keys: ['N'], label: 'Netfilter map', run: (s) => s.setCentre('netfilter') },
  { match: ['c'], keys: ['C'], label: 'Chain view', run: (s) => s.setCentre('chain') },
  { match: ['d'], keys: ['D'], label: 'Light / dark theme', run: (s) => s.setTheme(s.theme === 'dark' ? 'light' : 'dark') },
  { match: ['?'], keys: ['?'], label: 'This help', run: (s) => s.setHelpOpen(!s.helpOpen) },
  { match: ['Escape'], keys: ['Esc'], label: 'Close the help or the dump viewer', run: (s) => (s.helpOpen ? s.setHelpOpen(false) : s.openFile(null)) },
];
