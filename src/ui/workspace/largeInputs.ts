/**
 * The size Hopscope supports per input (the CLI refuses above it too). Larger inputs are held
 * back until the user says to parse them anyway: they parse in the worker, so the page stays
 * usable, but they can take minutes and much memory.
 */
import { inputSize } from '../store/inputContent';
import type { WorkspaceInput } from '../store/types';

export const MAX_SUPPORTED_MB = 64;
const MAX_CHARS = MAX_SUPPORTED_MB * 2 ** 20;

export function tooLarge(input: WorkspaceInput): boolean {
  return inputSize(input) > MAX_CHARS;
}
