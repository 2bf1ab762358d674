/** Node bundles: one text holding many commands' output (see docs/bundle.md). */
export { splitBundle, DEFAULT_BUNDLE_NODE } from './split';
export { recognizeCommand, type RecognizedCommand } from './commands';
export { parsePromptLine, type PromptLine } from './prompt';
export { parseDirective, type Directive } from './directive';
export { relocateResult, relocateSpans } from './relocate';
export type { BundleSection } from './types';
