/**
 * iptables dumps → `IptablesRuleset`: iptables-save (exact), `iptables -S` (exact, table
 * inferred when not given) and `iptables -L` (lossy, rules marked approximate).
 */
export { parseIptablesSave, scanIptablesSave } from './parse-save';
export { ruleCount } from './lazy-chains';
export { parseIptablesRules } from './parse-rules';
export { parseIptablesList } from './parse-list';
export { RAW_BASIC_MODULE, UNKNOWN_OPTIONS_MODULE, UNPARSED_LIST_MODULE } from './extensions';
export type * from './types';
export { TABLE_NAMES } from './types';
